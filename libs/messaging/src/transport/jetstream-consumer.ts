import {
  AckPolicy,
  DeliverPolicy,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import type { EventSubject } from '@retail-sync/contracts';
import type { Logger } from 'pino';
import { messagingMetrics } from '../messaging-metrics.js';
import type { ConsumerPolicy } from '../messaging-options.js';
import { isNotFound } from './streams.js';
import type { BatchSettler } from './batch-settler.js';
import { Signal } from './signal.js';

export interface JetStreamConsumerDependencies {
  jetStream: JetStreamClient;
  manager: JetStreamManager;
  stream: string;
  durable: string;
  wireSubject: string;
  subject: EventSubject;
  policy: ConsumerPolicy;
  settler: BatchSettler;
  logger: Logger;
  ensureStreams: () => Promise<void>;
}

const MILLIS_TO_NANOS = 1_000_000;

/**
 * Pulls from one durable consumer and hands messages to the settler in batches. A pump moves
 * messages from JetStream into a local queue while the previous batch is being handled, so a
 * slow handler gets larger batches. The queue is bounded, so a slow handler also stops the
 * pulling, and the backlog waits in JetStream rather than in memory.
 */
export class JetStreamConsumer {
  private running = false;
  private loop?: Promise<void>;
  private messages?: ConsumerMessages;
  private readonly queue: JsMsg[] = [];
  private readonly arrived = new Signal();
  private readonly drained = new Signal();
  private lagTimer?: NodeJS.Timeout;

  constructor(private readonly deps: JetStreamConsumerDependencies) {}

  async start(): Promise<void> {
    await this.ensureConsumer();
    this.running = true;
    this.loop = this.supervise();
    this.lagTimer = setInterval(() => void this.checkConsumer(), 5_000);
    this.lagTimer.unref();
  }

  /** Stops pulling, finishes the batch in hand and returns unstarted messages to JetStream. */
  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.lagTimer);
    // Wake both loops before closing: the pump may be waiting for queue space, and closing
    // the subscription waits for the pump to finish iterating.
    this.arrived.wake();
    this.drained.wake();
    const closing = this.messages?.close();
    await this.loop;
    await closing;
    for (const message of this.queue.splice(0)) {
      message.nak();
    }
  }

  private async supervise(): Promise<void> {
    while (this.running) {
      try {
        await this.consumeUntilClosed();
      } catch (error) {
        this.deps.logger.warn({ err: error, durable: this.deps.durable }, 'Consumer interrupted');
      }

      if (!this.running) {
        break;
      }

      // The stream or consumer vanished (or NATS restarted): rebuild both, then pull again.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await this.deps
        .ensureStreams()
        .then(() => this.ensureConsumer())
        .catch((error: unknown) => {
          this.deps.logger.warn(
            { err: error, durable: this.deps.durable },
            'Consumer rebuild failed',
          );
        });
    }
  }

  private async consumeUntilClosed(): Promise<void> {
    const consumer = await this.deps.jetStream.consumers.get(this.deps.stream, this.deps.durable);
    const messages = await consumer.consume({
      max_messages: Math.min(this.deps.policy.maxAckPending, this.deps.policy.maxBatch * 2),
      abort_on_missing_resource: true,
    });
    this.messages = messages;
    let pumpDone = false;
    let pumpError: unknown;
    // The iterator ends with an error when the consumer or its stream is deleted. The error is
    // kept and rethrown after the batch in hand, so supervise() rebuilds the consumer. Left
    // unhandled while a batch runs, it would end the process.
    const pump = (async () => {
      try {
        for await (const message of messages) {
          this.queue.push(message);
          this.arrived.wake();
          while (this.running && this.queue.length >= this.deps.policy.maxBatch * 2) {
            await this.drained.wait();
          }
        }
      } finally {
        pumpDone = true;
        this.arrived.wake();
      }
    })().catch((error: unknown) => {
      pumpError = error;
    });

    while (this.running) {
      if (this.queue.length === 0) {
        if (pumpDone) {
          break;
        }

        await this.arrived.wait();
        continue;
      }

      const batch = this.queue.splice(0, this.deps.policy.maxBatch);
      this.drained.wake();
      await this.deps.settler.settle(batch);
    }

    await messages.close().catch(() => undefined);
    await pump;
    if (pumpError !== undefined) {
      throw pumpError;
    }
  }

  private async ensureConsumer(): Promise<void> {
    const { manager, stream, durable, wireSubject, policy } = this.deps;
    const config = {
      ack_policy: AckPolicy.Explicit,
      ack_wait: policy.ackWaitMs * MILLIS_TO_NANOS,
      // Unlimited on the server: the settler counts deliveries itself and writes an exception
      // record at policy.maxDeliver. A server-side limit would stop delivering a message that
      // keeps crashing its process, and nothing would record it.
      max_deliver: -1,
      max_ack_pending: policy.maxAckPending,
    };
    const existing = await manager.consumers.info(stream, durable).catch((error: unknown) => {
      if (isNotFound(error)) {
        return null;
      }

      throw error;
    });
    if (existing) {
      await manager.consumers.update(stream, durable, config);

      return;
    }

    await manager.consumers.add(stream, {
      ...config,
      durable_name: durable,
      filter_subject: wireSubject,
      deliver_policy: DeliverPolicy.All,
    });
  }

  /**
   * Samples the consumer's lag, and restarts pulling when the consumer has vanished (its stream
   * was deleted): the client would otherwise notice only after missed heartbeats, tens of
   * seconds later.
   */
  private async checkConsumer(): Promise<void> {
    try {
      const info = await this.deps.manager.consumers.info(this.deps.stream, this.deps.durable);
      messagingMetrics.consumerLag.set({ consumer: this.deps.durable }, info.num_pending);
    } catch (error) {
      if (this.running && isNotFound(error)) {
        this.deps.logger.warn({ durable: this.deps.durable }, 'Consumer vanished; rebuilding it');
        await this.messages?.close();
      }
    }
  }
}
