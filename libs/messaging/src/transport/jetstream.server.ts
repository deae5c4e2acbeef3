import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import {
  EVENT_CATALOG,
  isEventSubject,
  isRequestSubject,
  parseEnvelope,
} from '@retail-sync/contracts';
import { lastValueFrom, type Observable } from 'rxjs';
import type { MessagingRuntime } from '../messaging-runtime.js';
import { durableName, streamName, wireSubject } from '../naming.js';
import { RequestResponder } from '../rpc/request-responder.js';
import { BatchSettler } from './batch-settler.js';
import { JetStreamConsumer } from './jetstream-consumer.js';
import { JetStreamContext } from './jetstream.context.js';
import { MessagePipeline, type MessageDispatcher } from './message-pipeline.js';

/**
 * A Nest transport on JetStream. Each `@EventPattern(subject)` handler gets a durable pull
 * consumer whose batches run through the inbox/outbox pipeline; each `@MessagePattern(subject)`
 * handler replies to request-reply calls over core NATS.
 */
export class JetStreamServer extends Server implements CustomTransportStrategy {
  override readonly propagatesEventHandlerErrors = true;
  private readonly consumers: JetStreamConsumer[] = [];
  private readonly responders: RequestResponder[] = [];

  constructor(private readonly runtime: MessagingRuntime) {
    super();
  }

  listen(callback: (error?: unknown) => void): void {
    this.start().then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  /** Stops pulling, lets in-flight batches finish and stops replying to requests. */
  async close(): Promise<void> {
    // Emptying the lists makes a second close (Nest's own, from app.close()) a no-op.
    const consumers = this.consumers.splice(0);
    const responders = this.responders.splice(0);
    await Promise.all(consumers.map((consumer) => consumer.stop()));
    await Promise.all(responders.map((responder) => responder.stop()));
  }

  on(): never {
    throw new Error('JetStreamServer emits no events; watch the health endpoints instead.');
  }

  unwrap<T>(): T {
    return this.runtime.connection as T;
  }

  private async start(): Promise<void> {
    for (const [pattern, handler] of this.messageHandlers) {
      if (handler.isEventHandler) {
        await this.startConsumer(pattern, handler);
      } else {
        this.startResponder(pattern, handler);
      }
    }
  }

  private async startConsumer(pattern: string, handler: MessageHandler): Promise<void> {
    if (!isEventSubject(pattern)) {
      throw new Error(`@EventPattern('${pattern}') is not an event subject of the catalog.`);
    }

    const { options, consumerPolicy, logger } = this.runtime;
    const durable = durableName(options.serviceName, pattern);
    const dispatch: MessageDispatcher = async (message, unitOfWork) => {
      const context = new JetStreamContext([message, unitOfWork]);
      const result: unknown = await handler(message.envelope.data, context);
      await lastValueFrom(this.transformToObservable(result) as Observable<unknown>, {
        defaultValue: undefined,
      });
    };
    const pipeline = new MessagePipeline(
      this.runtime.dataSource,
      options.serviceName,
      durable,
      dispatch,
      { notify: () => this.runtime.notifyOutbox() },
    );
    const settler = new BatchSettler(pipeline, this.runtime.exceptions, consumerPolicy, logger);
    this.runtime.replayRegistry.register(durable, async (record) => {
      const envelope = parseEnvelope(record.envelope);
      await pipeline.handleBatch([
        {
          id: record.messageId,
          subject: envelope.type,
          envelope,
          deliveryCount: record.attempts + 1,
          traceContext: record.traceContext,
        },
      ]);
    });
    const consumer = new JetStreamConsumer({
      jetStream: this.runtime.jetStream,
      manager: this.runtime.jetStreamManager,
      stream: streamName(options.namespace, EVENT_CATALOG[pattern].stream),
      durable,
      wireSubject: wireSubject(options.namespace, pattern),
      subject: pattern,
      policy: consumerPolicy,
      settler,
      logger,
      ensureStreams: () => this.runtime.provisionStreams(),
    });
    await consumer.start();
    this.consumers.push(consumer);
    logger.info({ durable, subject: pattern }, 'Consumer started');
  }

  private startResponder(pattern: string, handler: MessageHandler): void {
    if (!isRequestSubject(pattern)) {
      throw new Error(`@MessagePattern('${pattern}') is not a request subject of the catalog.`);
    }

    const responder = new RequestResponder(this.runtime, pattern, async (payload, context) => {
      const result: unknown = await handler(payload, context);

      return lastValueFrom(this.transformToObservable(result) as Observable<unknown>, {
        defaultValue: undefined,
      });
    });
    responder.start();
    this.responders.push(responder);
  }
}
