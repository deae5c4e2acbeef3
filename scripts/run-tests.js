// Runs vitest once per stage, one stage after another, then prints one
// `N passed, N failed, N skipped` line over all stages that CI systems can read. Stages are
// separated by `--then`, for example `--project unit --project integration --then --project chaos`,
// so the fault harness never shares the machine with the integration suites. Exits 1 when a stage
// failed, after running the others.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
mkdirSync(resolve(root, '.run'), { recursive: true });

const stages = [[]];
for (const argument of process.argv.slice(2)) {
  if (argument === '--then') {
    stages.push([]);
  } else {
    stages.at(-1).push(argument);
  }
}

const totals = { passed: 0, failed: 0, skipped: 0 };
let failedStages = 0;
// An empty stage would run every project, the harness included, so a stray --then is ignored.
for (const [index, stage] of stages.filter((stageArguments) => stageArguments.length > 0).entries()) {
  const report = resolve(root, `.run/vitest-report-${index + 1}.json`);
  rmSync(report, { force: true });
  const result = spawnSync(
    process.execPath,
    [
      resolve(root, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...stage,
    ],
    { cwd: root, stdio: 'inherit' },
  );
  if (result.status !== 0) {
    failedStages += 1;
  }

  if (existsSync(report)) {
    const summary = JSON.parse(readFileSync(report, 'utf8'));
    totals.passed += summary.numPassedTests;
    totals.failed += summary.numFailedTests;
    totals.skipped += summary.numPendingTests + summary.numTodoTests;
  }
}

process.stdout.write(
  `\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`,
);
process.exit(failedStages > 0 ? 1 : 0);
