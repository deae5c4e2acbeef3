import { jetstream, type ConsumerMessages } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  createEnvelope,
  type CloudEventEnvelope,
  type OrderTaxAssessedEvent,
  type OrderVersionPayload,
} from '@retail-sync/contracts';
import type { ExceptionRecord, RpcReply } from '@retail-sync/messaging';
import { dropDatabases, queryDatabase } from '../../support/database.js';
import { freePort } from '../../support/free-port.js';
import { deleteNamespaceStreams } from '../../support/jetstream.js';
import { ServiceProcess } from '../../support/service-process.js';
import { NATS_URL, testDatabaseUrl, uniqueRunName } from '../../support/test-names.js';
import { waitFor } from '../../support/wait-for.js';

export type OrderSubject = 'orders.order.captured.v1' | 'orders.order.updated.v1';

/**
 * The built tax service in its own process, database and messaging namespace, with a NATS
 * connection that publishes order events and collects every `tax.order-tax.assessed.v1` event.
 */
export class TaxServiceHarness {
  readonly namespace = uniqueRunName('tax');
  readonly database = `${this.namespace}_tax`;
  service!: ServiceProcess;
  private connection?: NatsConnection;
  private assessed?: ConsumerMessages;
  private readonly assessedEvents: CloudEventEnvelope<OrderTaxAssessedEvent>[] = [];

  async start(): Promise<void> {
    await this.startService();
    this.connection = await connect({ servers: NATS_URL });
    const stream = `${this.namespace.toUpperCase()}_TAX`;
    const consumer = await jetstream(this.connection).consumers.get(stream);
    this.assessed = await consumer.consume();
    void (async () => {
      for await (const message of this.assessed as ConsumerMessages) {
        this.assessedEvents.push(message.json<CloudEventEnvelope<OrderTaxAssessedEvent>>());
      }
    })();
  }

  /** Stops the service with SIGTERM and starts it again on the same database and namespace. */
  async restart(): Promise<void> {
    await this.service.terminate();
    await this.startService();
  }

  /** Wraps an order version in a new envelope for {@link publish}. */
  envelope(
    subject: OrderSubject,
    payload: OrderVersionPayload,
  ): CloudEventEnvelope<OrderVersionPayload> {
    return createEnvelope({ type: subject, source: '/orders', data: payload });
  }

  /**
   * Publishes an envelope to its subject. `copy` varies the Nats-Msg-Id, so a second copy of
   * the same envelope passes the stream's duplicate window and only the inbox can stop it.
   */
  async publish(envelope: CloudEventEnvelope<OrderVersionPayload>, copy = 0): Promise<void> {
    const msgID = copy === 0 ? envelope.id : `${envelope.id}-${copy}`;
    await jetstream(this.nats).publish(
      `${this.namespace}.${envelope.type}`,
      JSON.stringify(envelope),
      { msgID },
    );
  }

  /** Returns the payloads of the assessed events received so far for one order. */
  assessedFor(orderId: string): OrderTaxAssessedEvent[] {
    return this.assessedEvents
      .map((envelope) => envelope.data)
      .filter((event) => event.orderId === orderId);
  }

  /** Waits for the first assessed event of an order and returns its payload. */
  async waitForAssessed(orderId: string): Promise<OrderTaxAssessedEvent> {
    return waitFor(() => this.assessedFor(orderId)[0], { label: `assessed event of ${orderId}` });
  }

  /** Waits until an order has at least `count` assessed events and returns their payloads. */
  async waitForAssessedCount(orderId: string, count: number): Promise<OrderTaxAssessedEvent[]> {
    return waitFor(
      () => {
        const events = this.assessedFor(orderId);

        return events.length >= count ? events : undefined;
      },
      { label: `${count} assessed events of ${orderId}` },
    );
  }

  /** Waits until the service's inbox has recorded the message as processed. */
  async waitForProcessed(messageId: string): Promise<void> {
    await waitFor(
      async () => {
        const rows = await queryDatabase(
          this.database,
          'SELECT 1 FROM inbox_message WHERE message_id = $1',
          [messageId],
        );

        return rows.length > 0;
      },
      { label: `inbox row of ${messageId}` },
    );
  }

  async waitForOpenException(messageId: string): Promise<ExceptionRecord> {
    return waitFor(
      async () => {
        const response = await fetch(`${this.service.url}/admin/exceptions?status=open`);
        const body = (await response.json()) as { items: ExceptionRecord[] };

        return body.items.find((record) => record.messageId === messageId);
      },
      { label: `exception record of ${messageId}` },
    );
  }

  async replay(exceptionId: string): Promise<Response> {
    return fetch(`${this.service.url}/admin/exceptions/${exceptionId}/replay`, {
      method: 'POST',
      headers: { 'x-actor': 'tax-tests@example.com' },
    });
  }

  async assessmentRows(
    orderId: string,
  ): Promise<{ order_version: number; trace_id: string | null }[]> {
    return queryDatabase(
      this.database,
      `SELECT order_version, trace_id FROM order_tax_assessment
        WHERE order_id = $1 ORDER BY order_version`,
      [orderId],
    );
  }

  async request<T>(subject: string, payload: unknown): Promise<RpcReply<T>> {
    const reply = await this.nats.request(
      `${this.namespace}.rpc.${subject}`,
      JSON.stringify(payload),
      { timeout: 5_000 },
    );

    return reply.json<RpcReply<T>>();
  }

  async post(path: string, body: unknown): Promise<Response> {
    return fetch(`${this.service.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  async get(path: string): Promise<Response> {
    return fetch(`${this.service.url}${path}`);
  }

  async cleanUp(): Promise<void> {
    await this.assessed?.close();
    await this.connection?.close();
    await this.service?.kill();
    await dropDatabases([this.database]);
    await deleteNamespaceStreams(this.namespace);
  }

  private async startService(): Promise<void> {
    this.service = new ServiceProcess({
      entry: 'apps/tax/dist/main.js',
      name: `${this.namespace}-tax`,
      port: await freePort(),
      env: {
        DATABASE_URL: testDatabaseUrl(this.database),
        NATS_URL,
        MESSAGING_NAMESPACE: this.namespace,
        LOG_LEVEL: 'info',
        CONSUMER_BACKOFF_INITIAL_MS: '100',
      },
    });
    await this.service.start();
  }

  private get nats(): NatsConnection {
    if (this.connection === undefined) {
      throw new Error('The harness has not started. Call start() first.');
    }

    return this.connection;
  }
}
