import {
  createEnvelope,
  type CloudEventEnvelope,
  type EventPayload,
  type EventSubject,
} from '@retail-sync/contracts';
import { context, type Context } from '@opentelemetry/api';
import { injectTraceContext, type TraceCarrier } from '@retail-sync/observability';
import { valuesList } from '@retail-sync/persistence';
import type { EntityManager } from 'typeorm';

/** An event waiting in the transaction to be written to the outbox at commit. */
export interface PendingOutboxEvent {
  envelope: CloudEventEnvelope<unknown>;
  traceContext: TraceCarrier;
}

/** A value queued with {@link UnitOfWork.collect}, with the trace context it was queued in. */
export interface CollectedItem<T> {
  value: T;
  /** Runs `work` in the trace context of the message that queued the value. */
  within<R>(work: () => R): R;
}

interface Collector {
  items: CollectedItem<unknown>[];
  flush: (items: CollectedItem<unknown>[]) => Promise<void>;
}

/**
 * The database transaction a handler or request writes in. Events published here are stored in
 * the outbox by the same transaction as the state change, so either both exist or neither does.
 */
export class UnitOfWork {
  readonly pendingEvents: PendingOutboxEvent[] = [];
  private readonly collectors = new Map<string, Collector>();

  constructor(
    readonly manager: EntityManager,
    private readonly source: string,
  ) {}

  /**
   * Queues an event for the outbox and returns its id. The active trace context is stored with
   * it, so the relay that publishes it later continues the same trace.
   */
  publish<S extends EventSubject>(
    type: S,
    data: EventPayload<S>,
    options: { subject?: string; id?: string } = {},
  ): string {
    const traceContext = injectTraceContext();
    const envelope = createEnvelope({
      type,
      source: `/${this.source}`,
      data: JSON.parse(JSON.stringify(data)) as unknown,
      subject: options.subject,
      id: options.id,
    });
    envelope.traceparent = traceContext.traceparent;
    envelope.tracestate = traceContext.tracestate;
    this.pendingEvents.push({ envelope, traceContext });

    return envelope.id;
  }

  /**
   * Queues a value for one call of `flush` just before the transaction commits, with every value
   * queued under the same key by the handlers of a batch. This turns per-message remote calls
   * (an ERP posting) into one call per batch. The first `flush` given for a key is the one used.
   */
  collect<T>(key: string, value: T, flush: (items: CollectedItem<T>[]) => Promise<void>): void {
    const captured: Context = context.active();
    const item: CollectedItem<T> = {
      value,
      within: (work) => context.with(captured, work),
    };
    const collector = this.collectors.get(key);
    if (collector) {
      collector.items.push(item);

      return;
    }

    this.collectors.set(key, {
      items: [item],
      flush: flush as (items: CollectedItem<unknown>[]) => Promise<void>,
    });
  }

  /** Runs every collector's flush once; called by the runner before the outbox is written. */
  async flushCollected(): Promise<void> {
    for (const [key, collector] of this.collectors) {
      this.collectors.delete(key);
      await collector.flush(collector.items);
    }
  }

  /** Writes the queued events with one multi-row insert; called by the runner before commit. */
  async flushOutbox(): Promise<number> {
    if (this.pendingEvents.length === 0) {
      return 0;
    }

    const parameters = this.pendingEvents.flatMap(({ envelope, traceContext }) => [
      envelope.id,
      envelope.type,
      JSON.stringify(envelope),
      JSON.stringify(traceContext),
    ]);
    await this.manager.query(
      `INSERT INTO outbox_message (id, subject, envelope, trace_context)
       VALUES ${valuesList(this.pendingEvents.length, 4, ['uuid', 'text', 'jsonb', 'jsonb'])}`,
      parameters,
    );
    const written = this.pendingEvents.length;
    this.pendingEvents.length = 0;

    return written;
  }
}
