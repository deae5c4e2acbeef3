import { jetstream, type ConsumerMessages } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type {
  ChannelOrderReceivedEvent,
  CloudEventEnvelope,
  OrderVersionPayload,
} from '@retail-sync/contracts';
import { dropDatabases, queryDatabase } from '../../support/database.js';
import { freePort } from '../../support/free-port.js';
import { deleteNamespaceStreams } from '../../support/jetstream.js';
import { ServiceProcess } from '../../support/service-process.js';
import { NATS_URL, testDatabaseUrl, uniqueRunName } from '../../support/test-names.js';
import { waitFor } from '../../support/wait-for.js';

const ENTRY = 'apps/orders/dist/main.js';
const CAPTURE_CONSUMER = 'orders__channel_order_received_v1';

export type OrderEvent = CloudEventEnvelope<OrderVersionPayload>;

export interface HttpReply<T = unknown> {
  status: number;
  body: T;
}

/**
 * The built orders service in its own process, database and messaging namespace, with a
 * recorder of every event it publishes to the ORDERS stream.
 */
export class OrdersHarness {
  readonly namespace = uniqueRunName('o');
  readonly database = `${this.namespace}_orders`;
  readonly events: OrderEvent[] = [];
  service!: ServiceProcess;
  connection!: NatsConnection;
  private recorder?: ConsumerMessages;

  async start(env: Record<string, string> = {}): Promise<void> {
    this.service = new ServiceProcess({
      entry: ENTRY,
      name: `${this.namespace}-orders`,
      port: await freePort(),
      env: {
        DATABASE_URL: testDatabaseUrl(this.database),
        NATS_URL,
        MESSAGING_NAMESPACE: this.namespace,
        LOG_LEVEL: 'info',
        CONSUMER_BACKOFF_INITIAL_MS: '100',
        ...env,
      },
    });
    await this.service.start();
    this.connection = await connect({ servers: NATS_URL });
    // The service created the streams on start, so an ordered consumer can read from the start.
    const consumer = await jetstream(this.connection).consumers.get(
      `${this.namespace.toUpperCase()}_ORDERS`,
    );
    const recorder = await consumer.consume();
    this.recorder = recorder;
    void (async () => {
      for await (const message of recorder) {
        this.events.push(message.json<OrderEvent>());
      }
    })();
  }

  /** Publishes a received order; a distinct `msgID` defeats the stream's duplicate window. */
  async publishReceived(
    envelope: CloudEventEnvelope<ChannelOrderReceivedEvent>,
    msgID: string = envelope.id,
  ): Promise<void> {
    await jetstream(this.connection).publish(
      `${this.namespace}.channel.order.received.v1`,
      JSON.stringify(envelope),
      { msgID },
    );
  }

  /** Waits until the capture consumer has committed the message, with its events if any. */
  async waitForCaptured(messageId: string): Promise<void> {
    await waitFor(
      async () => {
        const rows = await queryDatabase(
          this.database,
          'SELECT 1 FROM inbox_message WHERE consumer = $1 AND message_id = $2',
          [CAPTURE_CONSUMER, messageId],
        );

        return rows.length === 1;
      },
      { label: `inbox row of ${messageId}`, timeoutMs: 15_000 },
    );
  }

  /** Returns the subjects of the events the service committed for an order, oldest first. */
  async outboxSubjects(orderId: string): Promise<string[]> {
    const rows = await queryDatabase<{ subject: string }>(
      this.database,
      `SELECT subject FROM outbox_message WHERE envelope->>'subject' = $1 ORDER BY seq`,
      [orderId],
    );

    return rows.map((row) => row.subject);
  }

  /** Returns the recorded events of an order, by the channel's order id. */
  eventsOf(externalId: string): OrderEvent[] {
    return this.events.filter((event) => event.data.order.externalId === externalId);
  }

  /** Waits until the recorder has seen `count` events of the order and returns them. */
  async waitForEvents(externalId: string, count: number): Promise<OrderEvent[]> {
    await waitFor(() => this.eventsOf(externalId).length >= count, {
      label: `${count} event(s) of order ${externalId}`,
      timeoutMs: 15_000,
    });

    return this.eventsOf(externalId);
  }

  async get<T>(path: string): Promise<HttpReply<T>> {
    const response = await fetch(`${this.service.url}${path}`);

    return { status: response.status, body: (await response.json()) as T };
  }

  async post<T>(
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpReply<T>> {
    const response = await fetch(`${this.service.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

    return { status: response.status, body: (await response.json()) as T };
  }

  async cleanUp(): Promise<void> {
    await this.recorder?.close();
    await this.connection?.close();
    await this.service?.kill();
    await dropDatabases([this.database]);
    await deleteNamespaceStreams(this.namespace);
  }
}
