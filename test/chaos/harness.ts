import { dropDatabases } from '../support/database.js';
import { freePort } from '../support/free-port.js';
import { uniqueRunName } from '../support/test-names.js';
import { waitFor } from '../support/wait-for.js';
import { failures, judge, type Verdict } from './checker.js';
import {
  DEFAULT_DRIVER_SETTINGS,
  DeliveryDriver,
  type DeliveryStats,
  type OrderOutcome,
} from './delivery-driver.js';
import { waitForDrain, type DrainResult } from './drain.js';
import { CrashSupervisor, type CrashRecord } from './crash-supervisor.js';
import { FaultInjector } from './fault-injector.js';
import { FaultLog, type FaultKind, type FaultRecord } from './fault-log.js';
import { GatewayEndpoints } from './gateway-endpoints.js';
import { MetricsCollector } from './metrics-collector.js';
import { consumerBacklog } from './namespace-streams.js';
import { NatsServerProcess } from './nats-server.js';
import { OrderGenerator, SHOPS } from './order-generator.js';
import { GATEWAYS, INSTANCES, ServiceCluster } from './service-cluster.js';
import { SystemReader } from './system-reader.js';

export interface ChaosOptions {
  orders: number;
  /** Webhook delivery attempts per second, copies and retries included. */
  rate: number;
  seed: number;
  faults: ReadonlySet<FaultKind>;
  /** Seconds between two kill -9 faults; 0 turns them off. */
  killEverySeconds: number;
  /** Maximum webhook requests in flight at once. */
  concurrency?: number;
  /** Upper bound of the wait for the system to finish its work after the last delivery. */
  drainTimeoutMs?: number;
  /** Keeps the databases after the run for a post-mortem. */
  keepDatabases?: boolean;
  /** Aborts the run: delivery and faults stop, and everything the run created is removed. */
  signal?: AbortSignal;
  /** Receives progress lines; the CLI prints them. */
  log?: (line: string) => void;
}

export interface ChaosReport {
  run: string;
  seed: number;
  options: Omit<ChaosOptions, 'log' | 'faults' | 'signal'> & { faults: FaultKind[] };
  delivery: DeliveryStats & { ordersPerSecond: number; attemptsPerSecond: number };
  /** Failed webhook attempts during graceful rolling restarts; must be 0. */
  rollingRestartFailures: number;
  /** Failed webhook attempts during kill -9 faults; Shopify's retries cover them. */
  killFailures: number;
  faults: FaultRecord[];
  /** Instances that exited while no fault acted on them; the harness restarted them. */
  crashes: CrashRecord[];
  /** Streams that nats-server failed to write to after they were recreated. */
  unwritableStreams: string[];
  drain: DrainResult;
  verdict: Verdict;
  metrics: Record<string, number>;
  /** Seconds from start to end, and per phase. */
  durations: { startup: number; delivery: number; drain: number; check: number; total: number };
  /** Why the run failed; empty when it passed. */
  failures: string[];
}

const PROGRESS_INTERVAL_MS = 10_000;

/**
 * Runs the whole harness: starts its own NATS server, databases and services, sends the
 * orders' webhooks while injecting faults, waits for the system to drain, checks every order
 * against the ledger, and removes everything it created.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const run = uniqueRunName('chaos');
  log(`seed ${options.seed}`);
  log(`run ${run}: ${options.orders} orders at ${options.rate} deliveries/s`);
  const nats = new NatsServerProcess(await freePort(), run);
  const cluster = new ServiceCluster(run, nats.url, SHOPS);
  const endpoints = new GatewayEndpoints(
    GATEWAYS.map((name) => ({
      name,
      get url() {
        return cluster.url(name);
      },
    })),
  );
  const metrics = new MetricsCollector(cluster);
  let supervisor: CrashSupervisor | undefined;
  try {
    await nats.start();
    await cluster.start();
    endpoints.start();
    await waitFor(() => GATEWAYS.every((name) => endpoints.isReady(name)), {
      label: 'both gateways routed',
      timeoutMs: 10_000,
    });
    metrics.start();
    const expectedConsumers = (await consumerBacklog(nats.url, run)).consumers;
    const startupSeconds = (Date.now() - started) / 1_000;
    log(`services ready after ${startupSeconds.toFixed(1)} s; delivering`);

    const faultLog = new FaultLog(Date.now());
    supervisor = new CrashSupervisor(cluster, faultLog, (name) => cluster.logTail(name));
    supervisor.start();
    const driver = new DeliveryDriver(new OrderGenerator(options.seed), endpoints, faultLog, {
      ...DEFAULT_DRIVER_SETTINGS,
      orders: options.orders,
      rate: options.rate,
      concurrency: options.concurrency ?? DEFAULT_DRIVER_SETTINGS.concurrency,
    });
    const injector = new FaultInjector(
      options.seed,
      { enabled: options.faults, killEverySeconds: options.killEverySeconds },
      {
        run,
        cluster,
        nats,
        endpoints,
        log: faultLog,
        progress: () => driver.progress,
        deliveryFinished: () => driver.finished,
        beforeStop: (name) => metrics.scrape(name),
      },
    );
    const progress = setInterval(
      () => log(describeProgress(driver, faultLog)),
      PROGRESS_INTERVAL_MS,
    );
    options.signal?.addEventListener('abort', () => {
      driver.stop();
      injector.stop();
    });
    const faultsDone = injector.run().catch((error: unknown) => {
      log(`fault injector stopped: ${String(error)}`);
    });
    const stats = await driver.run();
    await faultsDone;
    clearInterval(progress);
    options.signal?.throwIfAborted();
    const deliverySeconds = (stats.endedAt - stats.startedAt) / 1_000;
    log(`delivery finished after ${deliverySeconds.toFixed(1)} s; ${describeFaults(faultLog)}`);

    supervisor.stop();
    await restartStoppedInstances(cluster, log);
    const drainStarted = Date.now();
    const drain = await waitForDrain(cluster, {
      natsUrl: nats.url,
      namespace: run,
      expectedConsumers,
      quietMs: 5_000,
      timeoutMs: options.drainTimeoutMs ?? 600_000,
      signal: options.signal,
    });
    options.signal?.throwIfAborted();
    const drainSeconds = (Date.now() - drainStarted) / 1_000;
    log(
      `drain ${drain.drained ? 'done' : 'timed out'} after ${(drain.drainMs / 1_000).toFixed(1)} s`,
    );

    const checkStarted = Date.now();
    await metrics.scrapeAll();
    const verdict = await check(cluster, driver.outcomes);
    const checkSeconds = (Date.now() - checkStarted) / 1_000;
    const rollingRestartFailures = stats.failedByFault['rolling-restart'] ?? 0;
    const reasons = failures(verdict);
    if (rollingRestartFailures > 0) {
      reasons.push(`${rollingRestartFailures} webhook attempts failed during rolling restarts`);
    }

    if (!drain.drained) {
      reasons.push('the system did not drain before the timeout');
    }

    // A stream nats-server could not write to is no failure by itself: the outbox relays recreate
    // it and republish (fault 3 in docs/reliability.md), and a stream that stayed broken fails
    // the drain above.
    const unwritableStreams = nats.unwritableStreams();

    const crashes = supervisor.crashes;
    if (crashes.length > 0) {
      reasons.push(
        `${crashes.length} instances exited on their own: ` +
          crashes.map((crash) => crash.instance).join(', '),
      );
    }

    for (const fault of faultLog.records.filter((record) => record.error !== undefined)) {
      reasons.push(`fault ${fault.kind} ${fault.target ?? ''} failed: ${fault.error}`);
    }

    return {
      run,
      seed: options.seed,
      options: { ...withoutLog(options), faults: [...options.faults] },
      delivery: {
        ...stats,
        ordersPerSecond: round(options.orders / deliverySeconds),
        attemptsPerSecond: round(stats.attempts / deliverySeconds),
      },
      rollingRestartFailures,
      killFailures: stats.failedByFault.kill ?? 0,
      faults: faultLog.records,
      crashes,
      unwritableStreams,
      drain,
      verdict,
      metrics: metrics.summary(),
      durations: {
        startup: round(startupSeconds),
        delivery: round(deliverySeconds),
        drain: round(drainSeconds),
        check: round(checkSeconds),
        total: round((Date.now() - started) / 1_000),
      },
      failures: reasons,
    };
  } finally {
    supervisor?.stop();
    metrics.stop();
    endpoints.stop();
    await cluster.stop();
    await nats.dispose();
    if (!options.keepDatabases) {
      await dropDatabases(cluster.databases);
    }
  }
}

async function check(cluster: ServiceCluster, outcomes: OrderOutcome[]): Promise<Verdict> {
  const sorted = [...outcomes].sort((left, right) => left.index - right.index);
  const reader = new SystemReader(cluster);
  const stored = await reader.storedOrders(sorted);
  const exceptions = await reader.openExceptions();
  const trialBalance = await reader.trialBalance();

  return judge(sorted, stored, exceptions, trialBalance);
}

/** Starts any instance that a failed restart left down, so that the system can drain. */
async function restartStoppedInstances(
  cluster: ServiceCluster,
  log: (line: string) => void,
): Promise<void> {
  for (const name of INSTANCES) {
    const ready = await waitFor(async () => (await fetch(`${cluster.url(name)}/health/ready`)).ok, {
      timeoutMs: 10_000,
      label: `${name} ready`,
    }).catch(() => false);
    if (!ready) {
      log(`${name} is not ready after the delivery; starting it again`);
      await cluster.instances[name].kill();
      await cluster.restart(name);
    }
  }
}

function describeProgress(driver: DeliveryDriver, faults: FaultLog): string {
  const { stats } = driver;

  return (
    `t=${(faults.now() / 1_000).toFixed(0)}s orders ${stats.ordersAdmitted} ` +
    `attempts ${stats.attempts} ok ${stats.succeeded} failed ${stats.failed} ` +
    `faults ${faults.records.length}`
  );
}

function describeFaults(faults: FaultLog): string {
  const counts = new Map<string, number>();
  for (const record of faults.records) {
    counts.set(record.kind, (counts.get(record.kind) ?? 0) + 1);
  }

  return `faults: ${[...counts].map(([kind, count]) => `${kind} ×${count}`).join(', ') || 'none'}`;
}

function withoutLog(options: ChaosOptions): Omit<ChaosOptions, 'log' | 'faults' | 'signal'> {
  const { log: _log, faults: _faults, signal: _signal, ...rest } = options;

  return rest;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
