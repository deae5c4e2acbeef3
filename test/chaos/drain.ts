import { queryDatabase } from '../support/database.js';
import { consumerBacklog } from './namespace-streams.js';
import { SERVICE_DATABASES, type ServiceCluster } from './service-cluster.js';

export interface DrainSettings {
  natsUrl: string;
  namespace: string;
  /** Durable consumers that existed before the faults; fewer means one was not rebuilt. */
  expectedConsumers: number;
  /** How long every count must stay unchanged before the system counts as drained. */
  quietMs: number;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface DrainResult {
  drained: boolean;
  /** From the call until the last change before the quiet period, in milliseconds. */
  drainMs: number;
  unpublishedOutbox: number;
  pendingMessages: number;
  ackPendingMessages: number;
  consumers: number;
}

const POLL_INTERVAL_MS = 1_000;

/**
 * Waits until the system has no work left: every outbox published, every durable consumer there
 * with nothing pending or unacknowledged, and the inbox, exception and posting counts unchanged for
 * `quietMs`. Returns when that is true or when `timeoutMs` passes.
 */
export async function waitForDrain(
  cluster: ServiceCluster,
  settings: DrainSettings,
): Promise<DrainResult> {
  const started = Date.now();
  let fingerprint = '';
  let lastChange = started;
  let result: DrainResult = {
    drained: false,
    drainMs: 0,
    unpublishedOutbox: -1,
    pendingMessages: -1,
    ackPendingMessages: -1,
    consumers: -1,
  };
  while (Date.now() - started < settings.timeoutMs && !settings.signal?.aborted) {
    try {
      const counts = await workCounts(cluster);
      const backlog = await consumerBacklog(settings.natsUrl, settings.namespace);
      const next = JSON.stringify(counts);
      if (next !== fingerprint) {
        fingerprint = next;
        lastChange = Date.now();
      }

      result = {
        drained: false,
        drainMs: lastChange - started,
        unpublishedOutbox: counts.unpublished,
        pendingMessages: backlog.pending,
        ackPendingMessages: backlog.ackPending,
        consumers: backlog.consumers,
      };
      const idle =
        counts.unpublished === 0 &&
        backlog.pending === 0 &&
        backlog.ackPending === 0 &&
        backlog.consumers >= settings.expectedConsumers;
      if (idle && Date.now() - lastChange >= settings.quietMs) {
        return { ...result, drained: true };
      }
    } catch {
      // A database or NATS hiccup while polling: poll again.
      lastChange = Date.now();
    }

    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }

  return result;
}

/** Counts that change while any service still works: outbox, inbox, exceptions, postings. */
async function workCounts(
  cluster: ServiceCluster,
): Promise<{ unpublished: number; perDatabase: string[] }> {
  let unpublished = 0;
  const perDatabase: string[] = [];
  for (const suffix of SERVICE_DATABASES) {
    const [row] = await queryDatabase<Record<string, string>>(
      cluster.database(suffix),
      `SELECT (SELECT count(*) FROM outbox_message WHERE published_at IS NULL) AS unpublished,
              (SELECT count(*) FROM outbox_message) AS outbox,
              (SELECT count(*) FROM inbox_message) AS inbox,
              (SELECT count(*) FROM exception_record) AS exceptions`,
    );
    unpublished += Number(row.unpublished);
    perDatabase.push(`${suffix}:${row.outbox}/${row.inbox}/${row.exceptions}`);
  }

  const [postings] = await queryDatabase<{ count: string }>(
    cluster.database('erp'),
    'SELECT count(*) AS count FROM posting',
  );
  perDatabase.push(`postings:${postings.count}`);

  return { unpublished, perDatabase };
}
