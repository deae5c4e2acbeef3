import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { jetstream, jetstreamManager, type ConsumerMessages } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { ChannelOrderReceivedEvent, CloudEventEnvelope } from '@retail-sync/contracts';
import { NatsRequestClient } from '@retail-sync/messaging';
import { signShopifyBody } from '../../../apps/channel-gateway/src/shopify/shopify-hmac.js';
import { dropDatabases, queryDatabase } from '../../support/database.js';
import { freePort } from '../../support/free-port.js';
import { deleteNamespaceStreams } from '../../support/jetstream.js';
import { ServiceProcess } from '../../support/service-process.js';
import { NATS_URL, testDatabaseUrl, uniqueRunName } from '../../support/test-names.js';
import { waitFor } from '../../support/wait-for.js';

export const SHOP = 'retail-sync-test.myshopify.com';
export const SECRET = 'test-shop-webhook-secret';

const SAMPLE_PATH = resolve(
  import.meta.dirname,
  '../../../samples/shopify/webhook_orders_create_AUD_gst_shipping_2998557704341.json',
);

/** Reads the orders/create sample as a fresh object to change before sending. */
export function sampleOrder(): Record<string, unknown> {
  return JSON.parse(readFileSync(SAMPLE_PATH, 'utf8')) as Record<string, unknown>;
}

export interface DeliveryOptions {
  webhookId?: string;
  eventId?: string | null;
  topic?: string;
  shop?: string;
  triggeredAt?: string | null;
  /** A signature to send in place of the valid one; null sends none. */
  signature?: string | null;
}

export interface ExceptionRecordView {
  id: string;
  consumer: string;
  messageId: string;
  envelope: Record<string, unknown> | null;
  rawPayload: string | null;
  errorClass: string;
  errorCode: string;
  errorMessage: string;
  attempts: number;
  status: string;
  replays?: { actor: string; outcome: string; detail: string | null }[];
}

export interface DeliveryRow {
  id: string;
  status: string;
  webhook_id: string;
  event_id: string | null;
  body_sha256: string;
  raw_body: Buffer | null;
  headers: Record<string, string>;
  order_external_id: string | null;
  trace_id: string | null;
}

type ChannelEnvelope = CloudEventEnvelope<ChannelOrderReceivedEvent>;

/**
 * The built channel gateway in its own process, database and messaging namespace, with a NATS
 * connection that collects every `channel.order.received.v1` event it publishes.
 */
export class GatewayHarness {
  readonly namespace = uniqueRunName('gw');
  readonly database = `${this.namespace}_gateway`;
  service!: ServiceProcess;
  private connection?: NatsConnection;
  private messages?: ConsumerMessages;
  private readonly events: ChannelEnvelope[] = [];

  async start(env: Record<string, string> = {}): Promise<void> {
    this.service = new ServiceProcess({
      entry: 'apps/channel-gateway/dist/main.js',
      name: `${this.namespace}-gateway`,
      port: await freePort(),
      env: {
        DATABASE_URL: testDatabaseUrl(this.database),
        NATS_URL,
        MESSAGING_NAMESPACE: this.namespace,
        SHOPIFY_WEBHOOK_SECRETS: JSON.stringify({ [SHOP]: SECRET }),
        LOG_LEVEL: 'info',
        ...env,
      },
    });
    await this.service.start();
    this.connection = await connect({ servers: NATS_URL });
    const consumer = await jetstream(this.connection).consumers.get(this.stream);
    this.messages = await consumer.consume();
    void (async () => {
      for await (const message of this.messages as ConsumerMessages) {
        this.events.push(message.json<ChannelEnvelope>());
      }
    })();
  }

  get stream(): string {
    return `${this.namespace.toUpperCase()}_CHANNEL`;
  }

  get requests(): NatsRequestClient {
    return new NatsRequestClient(() => this.nats, this.namespace);
  }

  /** Posts a body signed with the shop's secret and headers as Shopify sends them. */
  async deliver(body: string | Buffer, options: DeliveryOptions = {}): Promise<Response> {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-shopify-topic': options.topic ?? 'orders/create',
      'x-shopify-shop-domain': options.shop ?? SHOP,
      'x-shopify-webhook-id': options.webhookId ?? randomUUID(),
      'x-shopify-api-version': '2024-07',
    };
    const eventId = options.eventId === undefined ? randomUUID() : options.eventId;
    if (eventId !== null) {
      headers['x-shopify-event-id'] = eventId;
    }

    const triggeredAt =
      options.triggeredAt === undefined ? new Date().toISOString() : options.triggeredAt;
    if (triggeredAt !== null) {
      headers['x-shopify-triggered-at'] = triggeredAt;
    }

    const signature =
      options.signature === undefined ? signShopifyBody(bytes, SECRET) : options.signature;
    if (signature !== null) {
      headers['x-shopify-hmac-sha256'] = signature;
    }

    return fetch(`${this.service.url}/webhooks/shopify`, { method: 'POST', headers, body: bytes });
  }

  /** Returns the events received so far for one delivery. */
  eventsFor(deliveryId: string): ChannelOrderReceivedEvent[] {
    return this.events
      .map((envelope) => envelope.data)
      .filter((event) => event.deliveryId === deliveryId);
  }

  /** Waits until the outbox is empty and every message in the stream has been collected. */
  async settle(): Promise<void> {
    await waitFor(
      async () => {
        const rows = await queryDatabase<{ count: string }>(
          this.database,
          'SELECT count(*) AS count FROM outbox_message WHERE published_at IS NULL',
        );
        if (Number(rows[0].count) > 0) {
          return false;
        }

        const manager = await jetstreamManager(this.nats);
        const info = await manager.streams.info(this.stream);

        return this.events.length === info.state.messages;
      },
      { label: 'outbox published and stream collected' },
    );
  }

  async deliveryRows(where = 'TRUE', parameters: unknown[] = []): Promise<DeliveryRow[]> {
    return queryDatabase<DeliveryRow>(
      this.database,
      `SELECT id, status, webhook_id, event_id, body_sha256, raw_body, headers,
              order_external_id, trace_id
         FROM webhook_delivery WHERE ${where} ORDER BY received_at`,
      parameters,
    );
  }

  async exceptionRecords(): Promise<ExceptionRecordView[]> {
    const response = await fetch(
      `${this.service.url}/admin/exceptions?consumer=channel-gateway.shopify-webhook`,
    );
    const body = (await response.json()) as { items: ExceptionRecordView[] };

    return body.items;
  }

  /** Returns the gateway's exception records whose message id starts with `prefix`. */
  async exceptionRecordsFor(prefix: string): Promise<ExceptionRecordView[]> {
    const records = await this.exceptionRecords();

    return records.filter((record) => record.messageId.startsWith(prefix));
  }

  async exceptionRecord(id: string): Promise<ExceptionRecordView> {
    const response = await fetch(`${this.service.url}/admin/exceptions/${id}`);

    return (await response.json()) as ExceptionRecordView;
  }

  async replay(exceptionId: string): Promise<Response> {
    return fetch(`${this.service.url}/admin/exceptions/${exceptionId}/replay`, {
      method: 'POST',
      headers: { 'x-actor': 'gateway-tests@example.com' },
    });
  }

  /** Reads `retail_sync_webhook_rejected_total` for one reason from GET /metrics. */
  async rejectedCount(reason: string): Promise<number> {
    const response = await fetch(`${this.service.url}/metrics`);
    const text = await response.text();
    const line = text
      .split('\n')
      .find((candidate) =>
        candidate.startsWith(`retail_sync_webhook_rejected_total{reason="${reason}"} `),
      );

    return line === undefined ? 0 : Number(line.split(' ')[1]);
  }

  async cleanUp(): Promise<void> {
    this.messages?.stop();
    await this.connection?.close();
    await this.service?.kill();
    await dropDatabases([this.database]);
    await deleteNamespaceStreams(this.namespace);
  }

  private get nats(): NatsConnection {
    if (!this.connection) {
      throw new Error('GatewayHarness.start() has not run');
    }

    return this.connection;
  }
}
