import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signShopifyBody } from '../../../apps/channel-gateway/src/shopify/shopify-hmac.js';
import { GatewayHarness, SECRET, SHOP, sampleOrder } from './gateway-harness.js';

const gateway = new GatewayHarness();
const sample = JSON.stringify(sampleOrder());

interface Receipt {
  deliveryId: string;
  status?: string;
  duplicate?: boolean;
  conflicting?: boolean;
}

describe('POST /webhooks/shopify', () => {
  beforeAll(async () => {
    await gateway.start();
  });

  afterAll(async () => {
    await gateway.cleanUp();
  });

  it('publishes a signed order once', async () => {
    const triggeredAt = new Date().toISOString();
    const started = performance.now();
    const response = await gateway.deliver(sample, { triggeredAt });
    const elapsedMs = performance.now() - started;
    const receipt = (await response.json()) as Receipt;

    expect(response.status).toBe(200);
    expect(receipt.status).toBe('accepted');
    // Shopify times out after 5 s, so the response waits for nothing but one commit.
    expect(elapsedMs).toBeLessThan(1_000);

    await gateway.settle();
    const events = gateway.eventsFor(receipt.deliveryId);
    expect(events).toHaveLength(1);
    expect(events[0].topic).toBe('created');
    expect(events[0].receivedAt).toBe(triggeredAt);
    expect(events[0].order.channel).toBe('shopify');
    expect(events[0].order.shopId).toBe(SHOP);
    expect(events[0].order.externalId).toBe('2998557704341');
    expect(events[0].order.name).toBe('#1030');
    expect(events[0].order.totals.total.shop).toEqual({ amount: '59.45', currency: 'AUD' });
  });

  it('stores the accepted delivery with its trace id', async () => {
    const response = await gateway.deliver(sample);
    const receipt = (await response.json()) as Receipt;
    const [row] = await gateway.deliveryRows('id = $1', [receipt.deliveryId]);

    expect(row.status).toBe('accepted');
    expect(row.order_external_id).toBe('2998557704341');
    expect(row.raw_body?.toString('utf8')).toBe(sample);
    expect(row.trace_id).toMatch(/^[0-9a-f]{32}$/);
    expect(row.headers['x-shopify-shop-domain']).toBe(SHOP);
    expect(row.headers).not.toHaveProperty('x-shopify-hmac-sha256');
  });

  it('rejects a bad signature with 401', async () => {
    const webhookId = randomUUID();
    const rejectedBefore = await gateway.rejectedCount('invalid-signature');
    const signature = signShopifyBody(Buffer.from(sample), `${SECRET}-wrong`);
    const response = await gateway.deliver(sample, { webhookId, signature });

    expect(response.status).toBe(401);
    expect(await gateway.deliveryRows('webhook_id = $1', [webhookId])).toHaveLength(0);
    expect(await gateway.rejectedCount('invalid-signature')).toBe(rejectedBefore + 1);
  });

  it('rejects a missing signature with 401', async () => {
    const webhookId = randomUUID();
    const rejectedBefore = await gateway.rejectedCount('missing-signature');
    const response = await gateway.deliver(sample, { webhookId, signature: null });

    expect(response.status).toBe(401);
    expect(await gateway.deliveryRows('webhook_id = $1', [webhookId])).toHaveLength(0);
    expect(await gateway.rejectedCount('missing-signature')).toBe(rejectedBefore + 1);
  });

  it('rejects a shop without a secret with 401', async () => {
    const webhookId = randomUUID();
    const response = await gateway.deliver(sample, {
      webhookId,
      shop: 'other-shop.myshopify.com',
    });

    expect(response.status).toBe(401);
    expect(await gateway.deliveryRows('webhook_id = $1', [webhookId])).toHaveLength(0);
  });

  it('rejects a stale delivery with 400', async () => {
    const webhookId = randomUUID();
    const sixHoursAgo = new Date(Date.now() - 6 * 3_600_000).toISOString();
    const response = await gateway.deliver(sample, { webhookId, triggeredAt: sixHoursAgo });
    const body = (await response.json()) as { message: string };

    expect(response.status).toBe(400);
    expect(body.message).toMatch(/^Stale delivery/);
    expect(await gateway.deliveryRows('webhook_id = $1', [webhookId])).toHaveLength(0);
    expect(await gateway.rejectedCount('stale')).toBe(1);
  });

  it('accepts a Shopify retry four hours late', async () => {
    const fourHoursAgo = new Date(Date.now() - 4 * 3_600_000).toISOString();
    const response = await gateway.deliver(sample, { triggeredAt: fourHoursAgo });

    expect(response.status).toBe(200);
  });

  it('rejects malformed JSON with 400', async () => {
    const webhookId = randomUUID();
    const response = await gateway.deliver('{"id": 1,', { webhookId });

    expect(response.status).toBe(400);
    expect(await gateway.deliveryRows('webhook_id = $1', [webhookId])).toHaveLength(0);
  });

  it('rejects a missing webhook id with 400', async () => {
    const response = await fetch(`${gateway.service.url}/webhooks/shopify`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': 'orders/create',
        'x-shopify-shop-domain': SHOP,
        'x-shopify-hmac-sha256': signShopifyBody(Buffer.from(sample), SECRET),
      },
      body: sample,
    });
    const body = (await response.json()) as { message: string };

    expect(response.status).toBe(400);
    expect(body.message).toContain('X-Shopify-Webhook-Id');
  });

  it('rejects an oversized body with 413', async () => {
    const webhookId = randomUUID();
    const padded = JSON.stringify({ ...sampleOrder(), note: 'x'.repeat(1_048_576) });
    const response = await gateway.deliver(padded, { webhookId });

    expect(response.status).toBe(413);
    expect(await gateway.deliveryRows('webhook_id = $1', [webhookId])).toHaveLength(0);
  });

  it('acknowledges an unsupported topic as ignored', async () => {
    const response = await gateway.deliver('{"id": 1, "email": "customer@example.com"}', {
      topic: 'customers/create',
    });
    const receipt = (await response.json()) as Receipt;
    const [row] = await gateway.deliveryRows('id = $1', [receipt.deliveryId]);

    expect(response.status).toBe(200);
    expect(receipt.status).toBe('ignored');
    expect(row.status).toBe('ignored');
    expect(row.raw_body).toBeNull();
    await gateway.settle();
    expect(gateway.eventsFor(receipt.deliveryId)).toHaveLength(0);
  });

  it('acknowledges a repeated webhook id', async () => {
    const webhookId = randomUUID();
    const eventId = randomUUID();
    const first = (await (await gateway.deliver(sample, { webhookId, eventId })).json()) as Receipt;
    const response = await gateway.deliver(sample, { webhookId, eventId });
    const second = (await response.json()) as Receipt;

    expect(response.status).toBe(200);
    expect(second).toEqual({ deliveryId: first.deliveryId, duplicate: true });
    expect(await gateway.deliveryRows('webhook_id = $1', [webhookId])).toHaveLength(1);
    await gateway.settle();
    expect(gateway.eventsFor(first.deliveryId)).toHaveLength(1);
  });

  it('acknowledges a repeated event id', async () => {
    const eventId = randomUUID();
    const first = (await (await gateway.deliver(sample, { eventId })).json()) as Receipt;
    const second = (await (await gateway.deliver(sample, { eventId })).json()) as Receipt;

    expect(second).toEqual({ deliveryId: first.deliveryId, duplicate: true });
    expect(await gateway.deliveryRows('event_id = $1', [eventId])).toHaveLength(1);
  });

  it('stores one of two concurrent copies', async () => {
    const webhookId = randomUUID();
    const eventId = randomUUID();
    const responses = await Promise.all([
      gateway.deliver(sample, { webhookId, eventId }),
      gateway.deliver(sample, { webhookId, eventId }),
    ]);
    const receipts = (await Promise.all(responses.map((r) => r.json()))) as Receipt[];

    expect(responses.map((response) => response.status)).toEqual([200, 200]);
    expect(receipts.filter((receipt) => receipt.duplicate === true)).toHaveLength(1);
    expect(await gateway.deliveryRows('webhook_id = $1', [webhookId])).toHaveLength(1);
    await gateway.settle();
    expect(gateway.eventsFor(receipts[0].deliveryId)).toHaveLength(1);
  });

  it('records a changed body under a known event id', async () => {
    const eventId = randomUUID();
    const changed = JSON.stringify({ ...sampleOrder(), note: 'changed after delivery' });
    const first = (await (await gateway.deliver(sample, { eventId })).json()) as Receipt;
    const response = await gateway.deliver(changed, { eventId });
    const second = (await response.json()) as Receipt;
    await gateway.deliver(changed, { eventId });

    expect(response.status).toBe(200);
    expect(second).toEqual({ deliveryId: first.deliveryId, duplicate: true, conflicting: true });
    const records = await gateway.exceptionRecordsFor(`${SHOP}:${eventId}:`);
    expect(records).toHaveLength(1);
    expect(records[0].errorCode).toBe('webhook.conflicting-duplicate');
    expect(records[0].envelope?.storedDeliveryId).toBe(first.deliveryId);
    expect(records[0].rawPayload).toBe(changed);
    expect(await gateway.deliveryRows('event_id = $1', [eventId])).toHaveLength(1);
    await gateway.settle();
    expect(gateway.eventsFor(first.deliveryId)).toHaveLength(1);
  });

  it('records a changed body under a known webhook id', async () => {
    const webhookId = randomUUID();
    const changed = JSON.stringify({ ...sampleOrder(), note: 'changed on retry' });
    const first = (await (await gateway.deliver(sample, { webhookId })).json()) as Receipt;
    const second = (await (await gateway.deliver(changed, { webhookId })).json()) as Receipt;

    expect(second).toEqual({ deliveryId: first.deliveryId, duplicate: true, conflicting: true });
    await gateway.settle();
    expect(gateway.eventsFor(first.deliveryId)).toHaveLength(1);
  });

  it('refuses to replay a conflicting duplicate', async () => {
    const eventId = randomUUID();
    const changed = JSON.stringify({ ...sampleOrder(), note: 'changed before replay' });
    const first = (await (await gateway.deliver(sample, { eventId })).json()) as Receipt;
    await gateway.deliver(changed, { eventId });
    const [record] = await gateway.exceptionRecordsFor(`${SHOP}:${eventId}:`);
    const response = await gateway.replay(record.id);
    const result = (await response.json()) as { outcome: string };

    expect(response.status).toBe(422);
    expect(result.outcome).toBe('failed');
    await gateway.settle();
    expect(gateway.eventsFor(first.deliveryId)).toHaveLength(1);
  });
});
