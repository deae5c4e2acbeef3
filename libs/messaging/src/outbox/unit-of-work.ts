import {
  createEnvelope,
  type CloudEventEnvelope,
  type EventPayload,
  type EventSubject,
} from '@retail-sync/contracts';
import { injectTraceContext, type TraceCarrier } from '@retail-sync/observability';
import { valuesList } from '@retail-sync/persistence';
import type { EntityManager } from 'typeorm';

/** An event waiting in the transaction to be written to the outbox at commit. */
export interface PendingOutboxEvent {
  envelope: CloudEventEnvelope<unknown>;
  traceContext: TraceCarrier;
}

/**
 * The database transaction a handler or request writes in. Events published here are stored in
 * the outbox by the same transaction as the state change, so either both exist or neither does.
 */
export class UnitOfWork {
  readonly pendingEvents: PendingOutboxEvent[] = [];

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
