import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { headers as natsHeaders } from '@nats-io/transport-node';
import type { JetStreamClient } from '@nats-io/jetstream';
import { EVENT_CATALOG, type EventSubject, type StreamName } from '@retail-sync/contracts';
import {
  extractTraceContext,
  injectTraceContext,
  tracer,
  type TraceCarrier,
} from '@retail-sync/observability';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import type { OutboxPolicy } from '../messaging-options.js';
import { wireSubject } from '../naming.js';
import type { OutboxNotifier } from './transaction-runner.js';
import { isMissingBlockFailure, UnwritableStreams } from './unwritable-streams.js';

interface OutboxRow {
  seq: string;
  id: string;
  subject: EventSubject;
  envelope: string;
  trace_context: TraceCarrier;
}

export interface OutboxRelayDependencies {
  dataSource: DataSource;
  jetStream: JetStreamClient;
  namespace: string;
  policy: OutboxPolicy;
  logger: Logger;
  /** Called when publishing fails because a stream is missing, to create it again. */
  recreateStreams: () => Promise<void>;
  /**
   * Deletes a stream and creates it again. The relay calls it when the stream has rejected
   * publishes with a missing message block for `policy.recreateUnwritableAfterMs`. The outboxes
   * then republish what the stream contained.
   */
  recreateStream: (stream: StreamName) => Promise<void>;
  /** Test fault: exit the process after publishing a batch and before marking it published. */
  exitAfterPublish?: boolean;
}

/**
 * Publishes committed outbox rows to JetStream and marks them published. Each message carries
 * `Nats-Msg-Id` = event id: if the process dies between publish and mark, the next round
 * publishes the row again, the stream drops it inside its duplicate window, and consumers'
 * inboxes drop it after that, so the effect still happens once.
 */
export class OutboxRelay implements OutboxNotifier {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private pendingWake = false;
  private readonly unwritable: UnwritableStreams;

  constructor(private readonly deps: OutboxRelayDependencies) {
    this.unwritable = new UnwritableStreams(deps.policy.recreateUnwritableAfterMs);
  }

  start(): void {
    if (this.running) {
      return;
    }

    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.notify();
    await this.loop;
  }

  notify(): void {
    this.pendingWake = true;
    this.wake?.();
  }

  /** Publishes one batch of unpublished rows; returns how many were published. */
  async relayOnce(): Promise<number> {
    return this.deps.dataSource.transaction(async (manager) => {
      const rows = await this.lockUnpublished(manager);
      if (rows.length === 0) {
        return 0;
      }

      await Promise.all(rows.map((row) => this.publish(row)));
      if (this.deps.exitAfterPublish) {
        this.deps.logger.warn({ rows: rows.length }, 'Fault injection: exiting before mark');
        process.exit(137);
      }

      await manager.query(
        'UPDATE outbox_message SET published_at = now() WHERE seq = ANY($1::bigint[])',
        [rows.map((row) => row.seq)],
      );

      return rows.length;
    });
  }

  /**
   * Marks rows published since `since` as unpublished again, so they are sent once more. Used
   * after a stream was lost; consumers' inboxes absorb the copies they already processed.
   */
  async republishSince(since: Date): Promise<number> {
    const result: [unknown[], number] = await this.deps.dataSource.query(
      'UPDATE outbox_message SET published_at = NULL WHERE published_at >= $1',
      [since],
    );
    this.notify();

    return result[1];
  }

  /** Deletes published rows older than the retention period. */
  async purgePublished(): Promise<void> {
    const cutoff = new Date(Date.now() - this.deps.policy.retentionMs);
    await this.deps.dataSource.query(
      'DELETE FROM outbox_message WHERE published_at IS NOT NULL AND published_at < $1',
      [cutoff],
    );
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const published = await this.relayOnce();
        failures = 0;
        if (published >= this.deps.policy.batchSize) {
          continue;
        }
      } catch (error) {
        failures += 1;
        this.deps.logger.warn({ err: error, failures }, 'Outbox relay round failed; retrying');
        if (isMissingStream(error)) {
          await this.deps.recreateStreams().catch((cause: unknown) => {
            this.deps.logger.warn({ err: cause }, 'Could not recreate streams');
          });
        }

        await this.recreateUnwritableStreams();

        await this.sleep(Math.min(5_000, 100 * 2 ** Math.min(failures, 6)));
        continue;
      }

      await this.sleep(this.deps.policy.pollIntervalMs);
    }
  }

  private async recreateUnwritableStreams(): Promise<void> {
    for (const stream of this.unwritable.takeDue()) {
      this.deps.logger.error(
        { stream, afterMs: this.deps.policy.recreateUnwritableAfterMs },
        'Stream storage rejects every publish; deleting the stream and creating it again',
      );
      await this.deps.recreateStream(stream).catch((cause: unknown) => {
        this.deps.logger.warn({ err: cause, stream }, 'Could not recreate the unwritable stream');
      });
    }
  }

  private async lockUnpublished(manager: EntityManager): Promise<OutboxRow[]> {
    return manager.query(
      `SELECT seq, id, subject, envelope::text AS envelope, trace_context
         FROM outbox_message
        WHERE published_at IS NULL
        ORDER BY seq
        LIMIT $1
          FOR UPDATE SKIP LOCKED`,
      [this.deps.policy.batchSize],
    );
  }

  private async publish(row: OutboxRow): Promise<void> {
    const destination = wireSubject(this.deps.namespace, row.subject);
    const parent = extractTraceContext(row.trace_context);
    const span = tracer().startSpan(
      `send ${row.subject}`,
      {
        kind: SpanKind.PRODUCER,
        attributes: {
          'messaging.system': 'nats',
          'messaging.operation.type': 'send',
          'messaging.operation.name': 'publish',
          'messaging.destination.name': destination,
          'messaging.message.id': row.id,
        },
      },
      parent,
    );
    try {
      const carrier = injectTraceContext(trace.setSpan(context.active(), span));
      const headers = natsHeaders();
      for (const [key, value] of Object.entries(carrier)) {
        headers.set(key, value);
      }

      const ack = await this.deps.jetStream.publish(destination, row.envelope, {
        msgID: row.id,
        headers,
      });
      // A duplicate is not stored, so it does not show that the stream accepts writes.
      if (!ack.duplicate) {
        this.unwritable.recordSuccess(EVENT_CATALOG[row.subject].stream);
      }
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
      if (isMissingBlockFailure(error)) {
        this.unwritable.recordFailure(EVENT_CATALOG[row.subject].stream);
      }

      throw error;
    } finally {
      span.end();
    }
  }

  private async sleep(ms: number): Promise<void> {
    if (this.pendingWake) {
      this.pendingWake = false;

      return;
    }

    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wake = undefined;
    this.pendingWake = false;
  }
}

/**
 * A publish to a subject that no stream captures gets NATS' "no responders", which the client
 * (@nats-io/jetstream 3.4) reports as JetStreamNotEnabled.
 */
function isMissingStream(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name ?? '';
  const text = String((error as { message?: string } | null)?.message ?? error);

  return name === 'JetStreamNotEnabled' || /no responders|stream not found|not enabled/i.test(text);
}
