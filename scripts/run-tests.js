// Runs every vitest project, then prints one `N passed, N failed, N skipped` line that CI
// systems can read, and exits with vitest's own exit code.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const report = resolve(root, '.run/vitest-report.json');
mkdirSync(resolve(root, '.run'), { recursive: true });
rmSync(report, { force: true });

const result = spawnSync(
  process.execPath,
  [
    resolve(root, 'node_modules/vitest/vitest.mjs'),
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit' },
);

if (existsSync(report)) {
  const summary = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = summary.numPendingTests + summary.numTodoTests;
  process.stdout.write(
    `\n${summary.numPassedTests} passed, ${summary.numFailedTests} failed, ${skipped} skipped\n`,
  );
}

process.exit(result.status ?? 1);
