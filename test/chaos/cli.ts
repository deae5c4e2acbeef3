// Runs the fault and load harness from the command line:
//   npm run chaos -- --orders N --rate R --seed S [--kill-every SEC] [--faults all|none|LIST]
// Prints the seed first, progress while it runs, and the report; writes the report as JSON to
// .run/chaos-<run>.json. Exits 1 when an order was lost or duplicated, the ledger does not
// balance, or a webhook failed during a graceful rolling restart.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { REPOSITORY_ROOT } from '../support/service-process.js';
import { FAULT_KINDS, type FaultKind } from './fault-log.js';
import { runChaos } from './harness.js';
import { formatReport } from './report.js';

const USAGE = `Usage: npm run chaos -- --orders N --rate R [--seed S] [--kill-every SEC]
       [--faults all|none|kill,nats-restart,postgres-cut,stream-loss,rolling-restart]
       [--concurrency N] [--drain-timeout SEC] [--keep-databases]

  --orders         orders to generate (default 1000)
  --rate           webhook delivery attempts per second, copies and retries included (default 100)
  --seed           seed of the orders, shuffles and fault schedule (default: random, printed)
  --kill-every     seconds between two kill -9 of a random service (default 20; 0 turns it off)
  --faults         fault kinds to inject (default all)
  --concurrency    maximum webhook requests in flight (default 32)
  --drain-timeout  maximum seconds to wait for the system to finish its work (default 600)
  --keep-databases keep the run's databases for a post-mortem`;

function parseOptions() {
  const { values } = parseArgs({
    options: {
      orders: { type: 'string', default: '1000' },
      rate: { type: 'string', default: '100' },
      seed: { type: 'string' },
      'kill-every': { type: 'string', default: '20' },
      faults: { type: 'string', default: 'all' },
      concurrency: { type: 'string', default: '32' },
      'drain-timeout': { type: 'string', default: '600' },
      'keep-databases': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }

  return {
    orders: positiveInteger('--orders', values.orders),
    rate: positiveInteger('--rate', values.rate),
    seed:
      values.seed === undefined
        ? Math.floor(Math.random() * 2 ** 31)
        : nonNegativeInteger('--seed', values.seed),
    killEverySeconds: nonNegativeInteger('--kill-every', values['kill-every']),
    faults: parseFaults(values.faults),
    concurrency: positiveInteger('--concurrency', values.concurrency),
    drainTimeoutMs: positiveInteger('--drain-timeout', values['drain-timeout']) * 1_000,
    keepDatabases: values['keep-databases'],
  };
}

function parseFaults(value: string): Set<FaultKind> {
  if (value === 'all') {
    return new Set(FAULT_KINDS);
  }

  if (value === 'none') {
    return new Set();
  }

  const kinds = value.split(',').map((kind) => kind.trim());
  for (const kind of kinds) {
    if (!FAULT_KINDS.includes(kind as FaultKind)) {
      fail(`--faults: unknown fault kind "${kind}"; use all, none or ${FAULT_KINDS.join(',')}`);
    }
  }

  return new Set(kinds as FaultKind[]);
}

function positiveInteger(name: string, value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 1) {
    fail(`${name} must be a positive integer, got "${value}"`);
  }

  return parsed;
}

function nonNegativeInteger(name: string, value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 0) {
    fail(`${name} must be a non-negative integer, got "${value}"`);
  }

  return parsed;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function print(line: string): void {
  process.stdout.write(`[chaos ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

const options = parseOptions();
const abort = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    print(`${signal} received: stopping the run and removing what it created`);
    abort.abort(new Error(`Run stopped by ${signal}`));
  });
}

const report = await runChaos({ ...options, log: print, signal: abort.signal }).catch(
  (error: unknown) => {
    print(`run failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(abort.signal.aborted ? 130 : 1);
  },
);
const reportFile = resolve(REPOSITORY_ROOT, '.run', `chaos-${report.run}.json`);
mkdirSync(resolve(REPOSITORY_ROOT, '.run'), { recursive: true });
writeFileSync(reportFile, `${JSON.stringify(report, null, 2)}\n`);
for (const line of formatReport(report)) {
  print(line);
}

print(`report written to ${reportFile}`);
process.exit(report.failures.length === 0 ? 0 : 1);
