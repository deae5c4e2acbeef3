import { randomBytes, randomUUID } from 'node:crypto';
import { jetstream, type ConsumerMessages } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  createEnvelope,
  type CloudEventEnvelope,
  type JournalEntryPostedEvent,
  type OrderCancelledEvent,
  type OrderTaxAssessedEvent,
} from '@retail-sync/contracts';
import { buildAssessedOrderEvent } from '../../../apps/erp-posting/src/posting/testing/assessed-order-fixture.js';
import type { AssessedOrderFixtureInput } from '../../../apps/erp-posting/src/posting/testing/assessed-order-fixture-input.js';
import type { ExceptionRecord, RpcReply } from '@retail-sync/messaging';
import { dropDatabases, queryDatabase } from '../../support/database.js';
import { freePort } from '../../support/free-port.js';
import { deleteNamespaceStreams } from '../../support/jetstream.js';
import { ServiceProcess } from '../../support/service-process.js';
import { NATS_URL, testDatabaseUrl, uniqueRunName } from '../../support/test-names.js';
import { waitFor } from '../../support/wait-for.js';

export type PostingSubject = 'tax.order-tax.assessed.v1' | 'orders.order.cancelled.v1';

/**
 * Builds an assessed order event with a fresh order id and channel order id, so tests that share
 * one service never post the same order.
 */
export function assessedOrder(
  input: Partial<AssessedOrderFixtureInput> = {},
): OrderTaxAssessedEvent {
  return buildAssessedOrderEvent({
    lines: [
      {
        gross: '100.00',
        discount: '10.00',
        taxes: [{ amount: '7.20', rate: '0.08', liabilityAccount: '2210-US-SALES' }],
      },
      { kind: 'shipping', gross: '5.00' },
    ],
    transactions: [{ amount: '102.20', gateway: 'shopify_payments' }],
    orderId: randomUUID(),
    externalId: String(BigInt(`0x${randomBytes(6).toString('hex')}`)),
    ...input,
  });
}

/** Builds the cancellation of an assessed order, as the orders service publishes it. */
export function cancellationOf(
  event: OrderTaxAssessedEvent,
  cancelledAt: string,
  cancelReason = 'customer',
): OrderCancelledEvent {
  return {
    orderId: event.orderId,
    version: event.orderVersion + 1,
    deliveryId: randomUUID(),
    order: { ...event.order, cancelledAt, cancelReason },
  };
}

/** Returns a W3C traceparent with a random trace id, and that trace id. */
export function newTraceparent(): { traceparent: string; traceId: string } {
  const traceId = randomBytes(16).toString('hex');

  return { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`, traceId };
}

/**
 * The built erp-posting service in its own process, with its own service and ledger databases
 * and messaging namespace, and a NATS connection that publishes input events and collects every
 * `erp.journal-entry.posted.v2` event.
 */
export class ErpPostingHarness {
  readonly namespace = uniqueRunName('erp');
  readonly database = `${this.namespace}_erp`;
  readonly ledgerDatabase = `${this.namespace}_ledger`;
  service!: ServiceProcess;
  private connection?: NatsConnection;
  private posted?: ConsumerMessages;
  private readonly postedEvents: JournalEntryPostedEvent[] = [];

  constructor(private readonly env: Record<string, string> = {}) {}

  async start(): Promise<void> {
    this.service = new ServiceProcess({
      entry: 'apps/erp-posting/dist/main.js',
      name: `${this.namespace}-erp-posting`,
      port: await freePort(),
      env: {
        DATABASE_URL: testDatabaseUrl(this.database),
        LEDGER_DATABASE_URL: testDatabaseUrl(this.ledgerDatabase),
        NATS_URL,
        MESSAGING_NAMESPACE: this.namespace,
        LOG_LEVEL: 'info',
        CONSUMER_BACKOFF_INITIAL_MS: '100',
        ...this.env,
      },
    });
    await this.service.start();
    this.connection = await connect({ servers: NATS_URL });
    const consumer = await jetstream(this.connection).consumers.get(
      `${this.namespace.toUpperCase()}_ERP`,
    );
    this.posted = await consumer.consume();
    void (async () => {
      for await (const message of this.posted as ConsumerMessages) {
        const envelope = message.json<CloudEventEnvelope<JournalEntryPostedEvent>>();
        if (envelope.type === 'erp.journal-entry.posted.v2') {
          this.postedEvents.push(envelope.data);
        }
      }
    })();
  }

  envelope<T>(subject: PostingSubject, data: T, traceparent?: string): CloudEventEnvelope<T> {
    const envelope = createEnvelope({ type: subject, source: '/tests', data });
    if (traceparent !== undefined) {
      envelope.traceparent = traceparent;
    }

    return envelope;
  }

  /**
   * Publishes an envelope to its subject. `copy` varies the Nats-Msg-Id, so a second copy of
   * the same envelope passes the stream's duplicate window and only the inbox can stop it.
   */
  async publish(envelope: CloudEventEnvelope<unknown>, copy = 0): Promise<void> {
    const msgID = copy === 0 ? envelope.id : `${envelope.id}-${copy}`;
    await jetstream(this.nats).publish(
      `${this.namespace}.${envelope.type}`,
      JSON.stringify(envelope),
      { msgID },
    );
  }

  postedFor(orderId: string): JournalEntryPostedEvent[] {
    return this.postedEvents.filter((event) => event.orderId === orderId);
  }

  async waitForPosted(orderId: string, count = 1): Promise<JournalEntryPostedEvent[]> {
    return waitFor(
      () => {
        const events = this.postedFor(orderId);

        return events.length >= count ? events : undefined;
      },
      { label: `${count} posted events of ${orderId}` },
    );
  }

  /** Waits until the service's inbox has recorded the message as processed. */
  async waitForProcessed(messageId: string): Promise<void> {
    await waitFor(
      async () => {
        const rows = await this.queryService('SELECT 1 FROM inbox_message WHERE message_id = $1', [
          messageId,
        ]);

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
      headers: { 'x-actor': 'erp-posting-tests@example.com' },
    });
  }

  async queryService<T = Record<string, unknown>>(sql: string, parameters: unknown[] = []) {
    return queryDatabase<T>(this.database, sql, parameters);
  }

  async queryLedger<T = Record<string, unknown>>(sql: string, parameters: unknown[] = []) {
    return queryDatabase<T>(this.ledgerDatabase, sql, parameters);
  }

  async request<T>(subject: string, payload: unknown): Promise<RpcReply<T>> {
    const reply = await this.nats.request(
      `${this.namespace}.rpc.${subject}`,
      JSON.stringify(payload),
      { timeout: 5_000 },
    );

    return reply.json<RpcReply<T>>();
  }

  async get<T>(path: string): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.service.url}${path}`);

    return { status: response.status, body: (await response.json()) as T };
  }

  async post<T>(path: string): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.service.url}${path}`, { method: 'POST' });

    return { status: response.status, body: (await response.json()) as T };
  }

  async cleanUp(): Promise<void> {
    await this.posted?.close();
    await this.connection?.close();
    await this.service?.kill();
    await dropDatabases([this.database, this.ledgerDatabase]);
    await deleteNamespaceStreams(this.namespace);
  }

  private get nats(): NatsConnection {
    if (this.connection === undefined) {
      throw new Error('The harness is not started; call start() first.');
    }

    return this.connection;
  }
}
