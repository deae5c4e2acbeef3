import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import type { StreamName } from '@retail-sync/contracts';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { ExceptionReplayer } from './exceptions/exception-replayer.js';
import { ExceptionStore } from './exceptions/exception-store.js';
import { ReplayRegistry } from './exceptions/replay-registry.js';
import {
  DEFAULT_CONSUMER_POLICY,
  DEFAULT_OUTBOX_POLICY,
  type ConsumerPolicy,
  type MessagingOptions,
  type OutboxPolicy,
} from './messaging-options.js';
import { assertNamespace, streamName } from './naming.js';
import { OutboxRelay } from './outbox/outbox-relay.js';
import { TransactionRunner } from './outbox/transaction-runner.js';
import { NatsRequestClient } from './rpc/request-client.js';
import { StreamWatch } from './transport/stream-watch.js';
import { ensureStreams, isNotFound } from './transport/streams.js';

/** How often a service checks that its streams still exist, in milliseconds. */
const STREAM_CHECK_INTERVAL_MS = 5_000;

/**
 * One service's messaging state: the NATS connection, its JetStream handles, the outbox relay and
 * the exception queue. The Nest module creates it; the transport server and the services use it.
 */
export class MessagingRuntime {
  readonly consumerPolicy: ConsumerPolicy;
  readonly outboxPolicy: OutboxPolicy;
  readonly exceptions: ExceptionStore;
  readonly replayRegistry = new ReplayRegistry();
  readonly replayer: ExceptionReplayer;
  readonly transactions: TransactionRunner;
  readonly requests: NatsRequestClient;
  private nats?: NatsConnection;
  private js?: JetStreamClient;
  private jsm?: JetStreamManager;
  private relay?: OutboxRelay;
  private streamWatch?: StreamWatch;
  private streamTimer?: NodeJS.Timeout;

  constructor(
    readonly options: MessagingOptions,
    readonly dataSource: DataSource,
    readonly logger: Logger,
    private readonly faults: { exitAfterPublish?: boolean } = {},
  ) {
    assertNamespace(options.namespace);
    this.consumerPolicy = { ...DEFAULT_CONSUMER_POLICY, ...options.consumer };
    this.outboxPolicy = { ...DEFAULT_OUTBOX_POLICY, ...options.outbox };
    this.exceptions = new ExceptionStore(dataSource);
    this.replayer = new ExceptionReplayer(this.exceptions, this.replayRegistry, logger);
    this.transactions = new TransactionRunner(dataSource, options.serviceName, {
      notify: () => this.relay?.notify(),
    });
    this.requests = new NatsRequestClient(() => this.connection, options.namespace);
  }

  get connection(): NatsConnection {
    if (!this.nats) {
      throw new Error('NATS is not connected yet; call MessagingRuntime.start() first.');
    }

    return this.nats;
  }

  get jetStream(): JetStreamClient {
    if (!this.js) {
      throw new Error('JetStream is not ready yet; call MessagingRuntime.start() first.');
    }

    return this.js;
  }

  get jetStreamManager(): JetStreamManager {
    if (!this.jsm) {
      throw new Error('JetStream is not ready yet; call MessagingRuntime.start() first.');
    }

    return this.jsm;
  }

  /** Connects to NATS, creates the streams and starts the outbox relay. */
  async start(): Promise<void> {
    this.nats = await connect({
      servers: this.options.natsUrl,
      name: this.options.serviceName,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
    });
    this.js = jetstream(this.nats);
    this.jsm = await jetstreamManager(this.nats);
    // The relay exists before the first stream check, so a stream lost while this service was
    // down is republished from the outbox at start.
    this.relay = new OutboxRelay({
      dataSource: this.dataSource,
      jetStream: this.js,
      namespace: this.options.namespace,
      policy: this.outboxPolicy,
      logger: this.logger,
      recreateStreams: () => this.provisionStreams(),
      recreateStream: (stream) => this.recreateStream(stream),
      exitAfterPublish: this.faults.exitAfterPublish,
    });
    await this.provisionStreams();
    this.relay.start();
    this.streamTimer = setInterval(() => void this.watchStreams(), STREAM_CHECK_INTERVAL_MS);
    this.streamTimer.unref();
    this.logger.info(
      { namespace: this.options.namespace, natsUrl: this.options.natsUrl },
      'Messaging started',
    );
  }

  /**
   * Creates missing streams, and republishes the outbox when a stream was lost and created again
   * since the last check, by this process or another. Inboxes drop the copies.
   */
  async provisionStreams(): Promise<void> {
    await ensureStreams(this.jetStreamManager, this.options.namespace);
    this.streamWatch ??= new StreamWatch(
      this.jetStreamManager,
      this.options.namespace,
      this.dataSource,
    );
    const check = await this.streamWatch.checkStreams();
    if (check.replaced && this.relay) {
      const since = new Date(Date.now() - this.outboxPolicy.retentionMs);
      const rows = await this.relay.republishSince(since);
      this.logger.warn({ rows }, 'A stream was lost and recreated; republishing the outbox');
    }

    await check.save();
  }

  /**
   * Deletes a stream and creates it again. Every service's stream watch then finds the new
   * creation time and republishes its outbox, so the stream's messages are sent again and
   * inboxes drop the ones already processed.
   */
  async recreateStream(stream: StreamName): Promise<void> {
    const name = streamName(this.options.namespace, stream);
    await this.jetStreamManager.streams.delete(name).catch((error: unknown) => {
      if (!isNotFound(error)) {
        throw error;
      }
    });
    await this.provisionStreams();
  }

  private async watchStreams(): Promise<void> {
    try {
      await this.provisionStreams();
    } catch (error) {
      this.logger.warn({ err: error }, 'Stream check failed; retrying at the next interval');
    }
  }

  /** Wakes the relay after a commit that wrote outbox rows. */
  notifyOutbox(): void {
    this.relay?.notify();
  }

  /** Stops the relay after a last round and drains the NATS connection. */
  async stop(): Promise<void> {
    clearInterval(this.streamTimer);
    await this.relay?.stop();
    await this.relay?.relayOnce().catch((error: unknown) => {
      this.logger.warn({ err: error }, 'Final outbox round failed; rows stay for the next start');
    });
    await this.nats?.drain();
    this.logger.info('Messaging stopped');
  }

  async isHealthy(): Promise<boolean> {
    return Boolean(this.nats && !this.nats.isClosed() && !this.nats.isDraining());
  }

  async outboxBacklog(): Promise<number> {
    const rows: { count: string }[] = await this.dataSource.query(
      'SELECT count(*) AS count FROM outbox_message WHERE published_at IS NULL',
    );

    return Number(rows[0].count);
  }
}
