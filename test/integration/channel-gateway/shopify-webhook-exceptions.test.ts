import { randomUUID } from 'node:crypto';
import { RemoteCapabilityError } from '@retail-sync/messaging';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryDatabase } from '../../support/database.js';
import { GatewayHarness, SHOP, sampleOrder } from './gateway-harness.js';

const gateway = new GatewayHarness();

type JsonObject = Record<string, unknown>;

interface Receipt {
  deliveryId: string;
  status?: string;
}

function firstLine(order: JsonObject): JsonObject {
  return (order.line_items as JsonObject[])[0];
}

/** Orders that are valid JSON but cannot be translated, with the field each message names. */
const UNUSABLE_ORDERS: { name: string; change: (order: JsonObject) => void; field: string }[] = [
  {
    name: 'missing line_items',
    change: (order) => delete order.line_items,
    field: 'line_items is required',
  },
  {
    name: 'quantity -1',
    change: (order) => (firstLine(order).quantity = -1),
    field: 'line_items[0].quantity',
  },
  {
    name: "currency 'ZZZ'",
    change: (order) => (order.currency = 'ZZZ'),
    field: 'currency must be an ISO 4217 currency code',
  },
  {
    name: 'price as a number',
    change: (order) => {
      const line = firstLine(order);
      delete line.price_set;
      line.price = 14.99;
    },
    field: 'line_items[0].price must be a decimal string',
  },
];

function unusableBody(change: (order: JsonObject) => void): string {
  const order = sampleOrder();
  change(order);

  return JSON.stringify(order);
}

async function deliverUnusable(change: (order: JsonObject) => void): Promise<Receipt> {
  const response = await gateway.deliver(unusableBody(change));
  if (response.status !== 200) {
    throw new Error(
      `POST /webhooks/shopify responded ${response.status}: ${await response.text()}`,
    );
  }

  return (await response.json()) as Receipt;
}

describe('Shopify webhook exceptions', () => {
  beforeAll(async () => {
    await gateway.start();
  });

  afterAll(async () => {
    await gateway.cleanUp();
  });

  for (const unusable of UNUSABLE_ORDERS) {
    it(`stores an order with ${unusable.name} as an exception`, async () => {
      const receipt = await deliverUnusable(unusable.change);
      const [row] = await gateway.deliveryRows('id = $1', [receipt.deliveryId]);
      const [record] = await gateway.exceptionRecordsFor(receipt.deliveryId);

      expect(receipt.status).toBe('exception');
      expect(row.status).toBe('exception');
      expect(row.order_external_id).toBe('2998557704341');
      expect(record.errorCode).toBe('channel.order.unusable');
      expect(record.errorClass).toBe('permanent');
      expect(record.errorMessage).toContain(unusable.field);
      expect(record.envelope).toEqual({ deliveryId: receipt.deliveryId });
      await gateway.settle();
      expect(gateway.eventsFor(receipt.deliveryId)).toHaveLength(0);
    });
  }

  it('stores a JSON array as an exception', async () => {
    const response = await gateway.deliver('[1, 2, 3]');
    const receipt = (await response.json()) as Receipt;
    const [record] = await gateway.exceptionRecordsFor(receipt.deliveryId);

    expect(response.status).toBe(200);
    expect(receipt.status).toBe('exception');
    expect(record.errorMessage).toContain('order must be a JSON object');
  });

  it('lists the open exception records', async () => {
    const receipt = await deliverUnusable(UNUSABLE_ORDERS[0].change);
    const response = await fetch(`${gateway.service.url}/admin/exceptions?status=open`);
    const body = (await response.json()) as { items: { messageId: string; consumer: string }[] };
    const listed = body.items.find((item) => item.messageId === receipt.deliveryId);

    expect(response.status).toBe(200);
    expect(listed?.consumer).toBe('channel-gateway.shopify-webhook');
  });

  it('fails a replay of an unusable order', async () => {
    const receipt = await deliverUnusable(UNUSABLE_ORDERS[1].change);
    const [record] = await gateway.exceptionRecordsFor(receipt.deliveryId);
    const response = await gateway.replay(record.id);
    const result = (await response.json()) as { outcome: string; error: string };
    const audited = await gateway.exceptionRecord(record.id);

    expect(response.status).toBe(422);
    expect(result.outcome).toBe('failed');
    expect(result.error).toContain('line_items[0].quantity');
    expect(audited.status).toBe('open');
    expect(audited.replays?.map((replay) => replay.outcome)).toEqual(['failed']);
    expect(audited.replays?.[0].actor).toBe('gateway-tests@example.com');
    const [row] = await gateway.deliveryRows('id = $1', [receipt.deliveryId]);
    expect(row.status).toBe('exception');
  });

  it('publishes on replay once the body translates', async () => {
    const receipt = await deliverUnusable(UNUSABLE_ORDERS[2].change);
    const [record] = await gateway.exceptionRecordsFor(receipt.deliveryId);
    // Stands in for a translator fix: the stored body now translates.
    await queryDatabase(
      gateway.database,
      'UPDATE webhook_delivery SET raw_body = $2 WHERE id = $1',
      [receipt.deliveryId, Buffer.from(JSON.stringify(sampleOrder()))],
    );
    const response = await gateway.replay(record.id);
    const result = (await response.json()) as { outcome: string };
    const [row] = await gateway.deliveryRows('id = $1', [receipt.deliveryId]);

    expect(response.status).toBe(200);
    expect(result.outcome).toBe('succeeded');
    expect(row.status).toBe('accepted');
    await gateway.settle();
    const events = gateway.eventsFor(receipt.deliveryId);
    expect(events).toHaveLength(1);
    expect(events[0].order.externalId).toBe('2998557704341');
    expect((await gateway.replay(record.id)).status).toBe(409);
  });

  it('returns delivery metadata without the body', async () => {
    const receipt = await deliverUnusable(UNUSABLE_ORDERS[0].change);
    const response = await fetch(`${gateway.service.url}/deliveries/${receipt.deliveryId}`);
    const body = (await response.json()) as JsonObject;

    expect(response.status).toBe(200);
    expect(body.deliveryId).toBe(receipt.deliveryId);
    expect(body.status).toBe('exception');
    expect(body.shopId).toBe(SHOP);
    expect(body).not.toHaveProperty('body');
  });

  it('returns the raw body on request', async () => {
    const raw = unusableBody(UNUSABLE_ORDERS[3].change);
    const receipt = (await (await gateway.deliver(raw)).json()) as Receipt;
    const url = `${gateway.service.url}/deliveries/${receipt.deliveryId}?include=body`;
    const body = (await (await fetch(url)).json()) as JsonObject;

    expect(body.body).toBe(raw);
  });

  it('rejects an unknown include with 400', async () => {
    const receipt = await deliverUnusable(UNUSABLE_ORDERS[0].change);
    const url = `${gateway.service.url}/deliveries/${receipt.deliveryId}?include=everything`;

    expect((await fetch(url)).status).toBe(400);
  });

  it('returns 404 for an unknown delivery', async () => {
    const response = await fetch(`${gateway.service.url}/deliveries/${randomUUID()}`);

    expect(response.status).toBe(404);
  });

  it('replies to channel.delivery.get.v1', async () => {
    const receipt = await deliverUnusable(UNUSABLE_ORDERS[0].change);
    const [row] = await gateway.deliveryRows('id = $1', [receipt.deliveryId]);
    const reply = await gateway.requests.request('channel.delivery.get.v1', {
      deliveryId: receipt.deliveryId,
    });

    expect(reply.deliveryId).toBe(receipt.deliveryId);
    expect(reply.channel).toBe('shopify');
    expect(reply.shopId).toBe(SHOP);
    expect(reply.topic).toBe('orders/create');
    expect(reply.status).toBe('exception');
    expect(reply.bodySha256).toBe(row.body_sha256);
    expect(reply.webhookId).toBe(row.webhook_id);
    expect(reply.traceId).toBe(row.trace_id);
  });

  it('replies not-found for an unknown id', async () => {
    const request = gateway.requests.request('channel.delivery.get.v1', {
      deliveryId: randomUUID(),
    });

    await expect(request).rejects.toBeInstanceOf(RemoteCapabilityError);
    await expect(request).rejects.toMatchObject({ code: 'channel.delivery-not-found' });
  });
});
