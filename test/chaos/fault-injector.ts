import { queryDatabase } from '../support/database.js';
import type { FaultKind, FaultLog } from './fault-log.js';
import type { GatewayEndpoints } from './gateway-endpoints.js';
import { deleteNamespaceStreams, namespaceStreams } from './namespace-streams.js';
import type { NatsServerProcess } from './nats-server.js';
import { Prng } from './prng.js';
import { GATEWAYS, INSTANCES, type InstanceName, type ServiceCluster } from './service-cluster.js';

export interface FaultSettings {
  enabled: ReadonlySet<FaultKind>;
  /** Seconds between two kill -9 faults. */
  killEverySeconds: number;
}

/** A one-time fault and the share of admitted orders at which it fires. */
interface OneTimeFault {
  kind: Exclude<FaultKind, 'kill'>;
  atProgress: number;
}

/** A kill -9 and how long the instance stays down before it is started again. */
interface PlannedKill {
  target: InstanceName;
  downMs: number;
}

/** Pause after each fault, so that the next one starts on a whole system. */
const SETTLE_MS = 2_000;
const MAX_PLANNED_KILLS = 10_000;

/**
 * Injects the run's faults while orders are delivered. A kill -9 of a random instance comes
 * every `killEverySeconds`. Once each come a NATS restart, a cut of every PostgreSQL connection
 * of the run's databases, the loss of every stream and consumer, and a graceful rolling
 * restart. One fault runs at a time. The kinds, targets and order come from the seed.
 */
export class FaultInjector {
  private readonly oneTime: OneTimeFault[];
  private readonly kills: PlannedKill[];
  private stopped = false;

  constructor(
    seed: number,
    private readonly settings: FaultSettings,
    private readonly context: {
      run: string;
      cluster: ServiceCluster;
      nats: NatsServerProcess;
      endpoints: GatewayEndpoints;
      log: FaultLog;
      progress: () => number;
      deliveryFinished: () => boolean;
      /** Called before an instance is stopped gracefully, to read its metrics a last time. */
      beforeStop?: (name: InstanceName) => Promise<void>;
    },
  ) {
    const random = Prng.derive(seed, 'faults');
    const jitter = (): number => random.int(-3, 3) / 100;
    const oneTime: OneTimeFault[] = [
      { kind: 'nats-restart', atProgress: 0.15 + jitter() },
      { kind: 'postgres-cut', atProgress: 0.3 + jitter() },
      { kind: 'stream-loss', atProgress: 0.45 + jitter() },
      { kind: 'rolling-restart', atProgress: 0.55 + jitter() },
    ];
    this.oneTime = oneTime.filter((fault) => settings.enabled.has(fault.kind));
    this.kills = Array.from({ length: MAX_PLANNED_KILLS }, () => ({
      target: random.pick(INSTANCES),
      downMs: random.int(500, 3_000),
    }));
  }

  /** Runs until the delivery has finished and every one-time fault has fired. */
  async run(): Promise<void> {
    const killEveryMs = this.settings.killEverySeconds * 1_000;
    const killing = this.settings.enabled.has('kill') && killEveryMs > 0;
    let nextKill = Date.now() + killEveryMs;
    let killIndex = 0;
    while (!this.stopped) {
      const due = this.oneTime[0];
      const finished = this.context.deliveryFinished();
      if (due && (this.context.progress() >= due.atProgress || finished)) {
        this.oneTime.shift();
        await this.inject(due.kind);
        nextKill = Math.max(nextKill, Date.now() + SETTLE_MS);
      } else if (killing && !finished && Date.now() >= nextKill) {
        await this.kill(this.kills[killIndex % this.kills.length]);
        killIndex += 1;
        nextKill = Date.now() + Math.max(SETTLE_MS, killEveryMs);
      } else if (finished && !due) {
        return;
      }

      await sleep(100);
    }
  }

  stop(): void {
    this.stopped = true;
  }

  private async inject(kind: Exclude<FaultKind, 'kill'>): Promise<void> {
    switch (kind) {
      case 'nats-restart':
        return this.restartNats();
      case 'postgres-cut':
        return this.cutPostgres();
      case 'stream-loss':
        return this.deleteStreams();
      case 'rolling-restart':
        return this.rollingRestart();
    }
  }

  private async kill(planned: PlannedKill): Promise<void> {
    const { cluster, log } = this.context;
    await this.acquire(planned.target);
    const record = log.begin('kill', planned.target, `down ${planned.downMs} ms`);
    try {
      await cluster.instances[planned.target].kill();
      await sleep(planned.downMs);
      await cluster.restart(planned.target);
      await this.waitUntilRouted(planned.target);
      log.end(record);
    } catch (error) {
      log.end(record, error);
    } finally {
      cluster.reserved.delete(planned.target);
    }

    await sleep(SETTLE_MS);
  }

  private async restartNats(): Promise<void> {
    const { nats, log } = this.context;
    const record = log.begin('nats-restart', 'nats-server');
    try {
      await nats.stop();
      await sleep(1_000);
      await nats.start();
      log.end(record);
    } catch (error) {
      log.end(record, error);
    }

    await sleep(SETTLE_MS);
  }

  private async cutPostgres(): Promise<void> {
    const { run, log } = this.context;
    const record = log.begin('postgres-cut', `${run}_*`);
    try {
      const rows = await queryDatabase<{ terminated: string }>(
        'postgres',
        `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) AS terminated
           FROM pg_stat_activity
          WHERE datname LIKE $1 AND pid <> pg_backend_pid()`,
        [`${run}\\_%`],
      );
      record.detail = `${rows[0]?.terminated ?? 0} connections terminated`;
      log.end(record);
    } catch (error) {
      log.end(record, error);
    }

    await sleep(SETTLE_MS);
  }

  private async deleteStreams(): Promise<void> {
    const { run, nats, log } = this.context;
    const record = log.begin('stream-loss', `${run} streams`);
    try {
      const deleted = await deleteNamespaceStreams(nats.url, run);
      record.detail = `${deleted.length} streams deleted`;
      // The fault lasts until the services have created every stream again.
      const deadline = Date.now() + 60_000;
      while ((await namespaceStreams(nats.url, run)).length < deleted.length) {
        if (Date.now() > deadline) {
          throw new Error('The services did not create the deleted streams again within 60 s');
        }

        await sleep(250);
      }

      log.end(record);
    } catch (error) {
      log.end(record, error);
    }

    await sleep(SETTLE_MS);
  }

  /** Stops each instance with SIGTERM and starts it again, one after another, as a deploy does. */
  private async rollingRestart(): Promise<void> {
    const { cluster, log } = this.context;
    for (const name of INSTANCES) {
      await this.acquire(name);
      const record = log.begin('rolling-restart', name);
      try {
        await this.context.beforeStop?.(name);
        const code = await cluster.instances[name].terminate();
        record.detail = `exit code ${code}`;
        await cluster.restart(name);
        await this.waitUntilRouted(name);
        log.end(record);
      } catch (error) {
        log.end(record, error);
      } finally {
        cluster.reserved.delete(name);
      }
    }

    await sleep(SETTLE_MS);
  }

  /** Waits until the crash supervisor has released an instance, then reserves it. */
  private async acquire(name: InstanceName): Promise<void> {
    const deadline = Date.now() + 120_000;
    while (this.context.cluster.reserved.has(name) && Date.now() < deadline) {
      await sleep(100);
    }

    this.context.cluster.reserved.add(name);
  }

  /** Waits until the router sends traffic to a restarted gateway again, as a deploy would. */
  private async waitUntilRouted(name: InstanceName): Promise<void> {
    if (!GATEWAYS.includes(name)) {
      return;
    }

    const deadline = Date.now() + 10_000;
    while (!this.context.endpoints.isReady(name) && Date.now() < deadline) {
      await sleep(50);
    }

    // Kubernetes' minReadySeconds: a new replica must stay ready a moment before the next goes.
    await sleep(1_000);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
