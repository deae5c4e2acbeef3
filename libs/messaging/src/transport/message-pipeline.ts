import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { extractTraceContext, tracer } from '@retail-sync/observability';
import type { DataSource } from 'typeorm';
import { claimInboxIds } from '../inbox/inbox.js';
import type { OutboxNotifier } from '../outbox/transaction-runner.js';
import { UnitOfWork } from '../outbox/unit-of-work.js';
import type { InboundMessage } from './inbound-message.js';
import { lockSubjects } from './subject-locks.js';

export type MessageDispatcher = (message: InboundMessage, unitOfWork: UnitOfWork) => Promise<void>;

export interface BatchOutcome {
  processed: number;
  duplicates: number;
}

/**
 * Handles a batch of messages for one consumer in a single database transaction: inbox rows,
 * the handlers' state changes and their outbox events commit together or not at all. Any
 * handler error rolls back the whole batch; the caller then retries the messages one by one.
 */
export class MessagePipeline {
  constructor(
    private readonly dataSource: DataSource,
    private readonly serviceName: string,
    readonly consumer: string,
    private readonly dispatch: MessageDispatcher,
    private readonly notifier: OutboxNotifier,
  ) {}

  async handleBatch(messages: InboundMessage[]): Promise<BatchOutcome> {
    let published = 0;
    let processed = 0;
    await this.dataSource.transaction(async (manager) => {
      const fresh = await claimInboxIds(
        manager,
        this.consumer,
        messages.map((message) => message.id),
      );
      await lockSubjects(
        manager,
        this.serviceName,
        messages
          .filter((message) => fresh.has(message.id))
          .map((message) => message.envelope.subject),
      );
      const unitOfWork = new UnitOfWork(manager, this.serviceName);
      for (const message of messages) {
        if (!fresh.delete(message.id)) {
          continue;
        }

        await this.dispatchInSpan(message, unitOfWork);
        processed += 1;
      }

      await unitOfWork.flushCollected();
      published = await unitOfWork.flushOutbox();
    });
    if (published > 0) {
      this.notifier.notify();
    }

    return { processed, duplicates: messages.length - processed };
  }

  /** Runs the handler inside a consumer span that continues the producer's trace. */
  private async dispatchInSpan(message: InboundMessage, unitOfWork: UnitOfWork): Promise<void> {
    const parent = extractTraceContext(message.traceContext);
    const span = tracer().startSpan(
      `process ${message.subject}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'nats',
          'messaging.operation.type': 'process',
          'messaging.destination.name': message.subject,
          'messaging.consumer.group.name': this.consumer,
          'messaging.message.id': message.id,
          'messaging.nats.delivery_count': message.deliveryCount,
        },
      },
      parent,
    );
    try {
      await context.with(trace.setSpan(parent, span), () => this.dispatch(message, unitOfWork));
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
      throw error;
    } finally {
      span.end();
    }
  }
}
