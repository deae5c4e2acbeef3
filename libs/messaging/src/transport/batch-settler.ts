import type { JsMsg } from '@nats-io/jetstream';
import { extractTraceContext } from '@retail-sync/observability';
import { trace } from '@opentelemetry/api';
import type { Logger } from 'pino';
import type { ExceptionStore } from '../exceptions/exception-store.js';
import { classifyFailure } from '../failures.js';
import { messagingMetrics } from '../messaging-metrics.js';
import { redeliveryDelay, type ConsumerPolicy } from '../messaging-options.js';
import type { InboundMessage } from './inbound-message.js';
import { decodeMessage, traceCarrierOf } from './message-decoder.js';
import type { MessagePipeline } from './message-pipeline.js';

interface Decoded {
  raw: JsMsg;
  message: InboundMessage;
}

/**
 * Decides the fate of every delivered message: ack after the batch commits, nak with back-off
 * on a transient failure, or an exception record and ack on a permanent failure or after the
 * last allowed delivery. Nothing is acked before its effects or its exception record are stored.
 */
export class BatchSettler {
  constructor(
    private readonly pipeline: MessagePipeline,
    private readonly exceptions: ExceptionStore,
    private readonly policy: ConsumerPolicy,
    private readonly logger: Logger,
  ) {}

  async settle(batch: JsMsg[]): Promise<void> {
    const decoded: Decoded[] = [];
    for (const raw of batch) {
      if (raw.info.deliveryCount > 1) {
        messagingMetrics.redelivered.inc({ consumer: this.pipeline.consumer });
      }

      try {
        decoded.push({ raw, message: decodeMessage(raw) });
      } catch (error) {
        await this.recordUndecodable(raw, error);
      }
    }

    if (decoded.length === 0) {
      return;
    }

    const timer = messagingMetrics.handlerDuration.startTimer({ consumer: this.pipeline.consumer });
    try {
      const outcome = await this.pipeline.handleBatch(decoded.map((item) => item.message));
      timer();
      this.ackAll(decoded);
      messagingMetrics.processed.inc({ consumer: this.pipeline.consumer }, outcome.processed);
      messagingMetrics.duplicates.inc({ consumer: this.pipeline.consumer }, outcome.duplicates);
    } catch (error) {
      if (decoded.length === 1) {
        await this.handleFailure(decoded[0], error);

        return;
      }

      // One message failed and took its neighbours' transaction down: retry each alone so a
      // poison message cannot hold back the others.
      for (const item of decoded) {
        await this.settleAlone(item);
      }
    }
  }

  private async settleAlone(item: Decoded): Promise<void> {
    try {
      const outcome = await this.pipeline.handleBatch([item.message]);
      item.raw.ack();
      messagingMetrics.processed.inc({ consumer: this.pipeline.consumer }, outcome.processed);
    } catch (error) {
      await this.handleFailure(item, error);
    }
  }

  private async handleFailure(item: Decoded, error: unknown): Promise<void> {
    const failure = classifyFailure(error);
    const deliveries = item.raw.info.deliveryCount;
    messagingMetrics.failed.inc({
      consumer: this.pipeline.consumer,
      failure_class: failure.failureClass,
    });
    const exhausted = deliveries >= this.policy.maxDeliver;
    if (failure.failureClass === 'transient' && !exhausted) {
      const delay = Math.max(failure.retryAfterMs ?? 0, redeliveryDelay(this.policy, deliveries));
      this.logger.warn(
        {
          messageId: item.message.id,
          subject: item.message.subject,
          deliveries,
          delay,
          code: failure.code,
        },
        'Message failed transiently; redelivering later',
      );
      item.raw.nak(delay);

      return;
    }

    await this.recordAndAck(item.raw, {
      subject: item.message.subject,
      messageId: item.message.id,
      envelope: item.message.envelope,
      traceContext: item.message.traceContext,
      errorClass: failure.failureClass === 'permanent' ? 'permanent' : 'exhausted',
      errorCode: failure.code,
      errorMessage: failure.message,
    });
  }

  private async recordUndecodable(raw: JsMsg, error: unknown): Promise<void> {
    const failure = classifyFailure(error);
    await this.recordAndAck(raw, {
      subject: raw.subject,
      messageId: raw.headers?.get('Nats-Msg-Id') || `stream-seq-${raw.info.streamSequence}`,
      rawPayload: raw.string(),
      traceContext: traceCarrierOf(raw),
      errorClass: 'permanent',
      errorCode: error instanceof SyntaxError ? 'message.invalid-json' : failure.code,
      errorMessage: failure.message,
    });
  }

  private async recordAndAck(
    raw: JsMsg,
    details: {
      subject: string;
      messageId: string;
      envelope?: unknown;
      rawPayload?: string;
      traceContext: Record<string, string>;
      errorClass: 'permanent' | 'exhausted';
      errorCode: string;
      errorMessage: string;
    },
  ): Promise<void> {
    const traceId = trace.getSpanContext(extractTraceContext(details.traceContext))?.traceId;
    try {
      const exceptionId = await this.exceptions.record({
        ...details,
        consumer: this.pipeline.consumer,
        attempts: raw.info.deliveryCount,
        traceId,
      });
      raw.ack();
      messagingMetrics.exceptionsRecorded.inc({
        consumer: this.pipeline.consumer,
        error_class: details.errorClass,
      });
      this.logger.error(
        { exceptionId, messageId: details.messageId, code: details.errorCode, traceId },
        `Message moved to the exception queue: ${details.errorMessage}`,
      );
    } catch (error) {
      // The record could not be written (database down): keep the message in JetStream.
      this.logger.warn({ err: error, messageId: details.messageId }, 'Exception record failed');
      raw.nak(redeliveryDelay(this.policy, raw.info.deliveryCount));
    }
  }

  private ackAll(items: Decoded[]): void {
    for (const item of items) {
      item.raw.ack();
    }
  }
}
