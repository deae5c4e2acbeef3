import type { InstanceName, ServiceCluster } from './service-cluster.js';
import { INSTANCES } from './service-cluster.js';

/** The counters the report sums over every instance and every process of an instance. */
export const REPORTED_COUNTERS = [
  'retail_sync_messages_processed_total',
  'retail_sync_messages_duplicate_total',
  'retail_sync_messages_redelivered_total',
  'retail_sync_messages_failed_total',
  'retail_sync_exceptions_recorded_total',
  'retail_sync_webhook_received_total',
  'retail_sync_webhook_rejected_total',
] as const;

const SCRAPE_INTERVAL_MS = 2_000;

/**
 * Scrapes each instance's Prometheus `/metrics` every 2 s. Counters restart at zero with each
 * process, so the last sample of every process is kept and the samples of all processes are
 * added up. NOTE: what a process counted after its last scrape and before a kill -9 is lost, so
 * the totals are lower bounds.
 */
export class MetricsCollector {
  /** The last sample per process: instance and pid to series to value. */
  private readonly samples = new Map<string, Map<string, number>>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly cluster: ServiceCluster) {}

  start(): void {
    const tick = async (): Promise<void> => {
      await Promise.all(INSTANCES.map((name) => this.scrape(name)));
      if (this.timer) {
        this.timer = setTimeout(() => void tick(), SCRAPE_INTERVAL_MS);
      }
    };
    this.timer = setTimeout(() => void tick(), SCRAPE_INTERVAL_MS);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Reads one instance's metrics; an instance that is down is skipped. */
  async scrape(name: InstanceName): Promise<void> {
    const instance = this.cluster.instances[name];
    const pid = instance?.pid;
    if (pid === undefined) {
      return;
    }

    try {
      const response = await fetch(`${instance.url}/metrics`, {
        signal: AbortSignal.timeout(2_000),
      });
      if (!response.ok) {
        return;
      }

      this.samples.set(`${name}:${pid}`, parseCounters(await response.text()));
    } catch {
      // Down or restarting: the previous sample of this process stays.
    }
  }

  async scrapeAll(): Promise<void> {
    await Promise.all(INSTANCES.map((name) => this.scrape(name)));
  }

  /** Sums a counter over all processes, optionally only series whose labels contain `filter`. */
  total(metric: string, filter = ''): number {
    let sum = 0;
    for (const series of this.samples.values()) {
      for (const [key, value] of series) {
        if ((key === metric || key.startsWith(`${metric}{`)) && key.includes(filter)) {
          sum += value;
        }
      }
    }

    return sum;
  }

  /** Returns every reported counter's total, and the webhook outcomes by label. */
  summary(): Record<string, number> {
    const summary: Record<string, number> = {};
    for (const metric of REPORTED_COUNTERS) {
      summary[metric] = this.total(metric);
    }

    for (const outcome of ['accepted', 'duplicate', 'conflicting-duplicate', 'exception']) {
      summary[`retail_sync_webhook_received_total{outcome="${outcome}"}`] = this.total(
        'retail_sync_webhook_received_total',
        `outcome="${outcome}"`,
      );
    }

    return summary;
  }
}

/** Parses the counter series of a Prometheus text exposition. */
function parseCounters(text: string): Map<string, number> {
  const series = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('retail_sync_')) {
      continue;
    }

    const space = line.lastIndexOf(' ');
    const key = line.slice(0, space);
    const value = Number(line.slice(space + 1));
    if (REPORTED_COUNTERS.some((metric) => key.startsWith(metric)) && Number.isFinite(value)) {
      series.set(key, value);
    }
  }

  return series;
}
