import type { FaultLog } from './fault-log.js';
import { INSTANCES, type InstanceName, type ServiceCluster } from './service-cluster.js';

/** An instance that exited while no fault was acting on it. */
export interface CrashRecord {
  instance: InstanceName;
  /** Milliseconds since the run's delivery started. */
  at: number;
  /** The last lines of the instance's log before it exited, where the cause usually is. */
  logTail: string;
  restarted: boolean;
}

const CHECK_INTERVAL_MS = 500;
/** Kubelet restarts a crashed container after a back-off that starts at 10 s; this is shorter. */
const RESTART_DELAY_MS = 1_000;

/**
 * Restarts instances that exit on their own, as Kubernetes restarts a crashed container, and
 * records each such exit: a crash under a fault is a product fault, not part of the test.
 */
export class CrashSupervisor {
  readonly crashes: CrashRecord[] = [];
  private timer?: NodeJS.Timeout;
  private checking = false;

  constructor(
    private readonly cluster: ServiceCluster,
    private readonly log: FaultLog,
    private readonly readLogTail: (instance: InstanceName) => string,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.check(), CHECK_INTERVAL_MS);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async check(): Promise<void> {
    if (this.checking) {
      return;
    }

    this.checking = true;
    try {
      for (const name of INSTANCES) {
        if (this.cluster.reserved.has(name) || this.cluster.isRunning(name)) {
          continue;
        }

        const crash: CrashRecord = {
          instance: name,
          at: this.log.now(),
          logTail: this.readLogTail(name),
          restarted: false,
        };
        this.crashes.push(crash);
        this.cluster.reserved.add(name);
        try {
          await new Promise((resolve) => setTimeout(resolve, RESTART_DELAY_MS));
          await this.cluster.restart(name);
          crash.restarted = true;
        } catch {
          // The next check finds the instance down again and records it once more.
        } finally {
          this.cluster.reserved.delete(name);
        }
      }
    } finally {
      this.checking = false;
    }
  }
}
