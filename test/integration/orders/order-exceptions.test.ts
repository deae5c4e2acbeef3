import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/wait-for.js';
import {
  DEMO_SHOP,
  inconsistentOrder,
  newExternalId,
  receivedEnvelope,
  unmappedOrder,
} from './order-builder.js';
import { OrdersHarness } from './orders-harness.js';

interface ExceptionItem {
  id: string;
  messageId: string;
  errorClass: string;
  errorCode: string;
  errorMessage: string;
  status: string;
}

describe('order capture exceptions', () => {
  const harness = new OrdersHarness();

  beforeAll(async () => {
    await harness.start();
  });

  afterAll(async () => {
    await harness.cleanUp();
  });

  async function waitForException(messageId: string): Promise<ExceptionItem> {
    return waitFor(
      async () => {
        const reply = await harness.get<{ items: ExceptionItem[] }>('/admin/exceptions');

        return reply.body.items.find((item) => item.messageId === messageId);
      },
      { label: `exception record of ${messageId}`, timeoutMs: 15_000 },
    );
  }

  async function replay(id: string): Promise<{ status: number; body: { outcome?: string } }> {
    return harness.post(`/admin/exceptions/${id}/replay`, undefined, { 'x-actor': 'ops@test' });
  }

  it('unmapped SKU is captured once after mapping and replay', async () => {
    const externalId = newExternalId();
    const variantId = `v-${externalId}`;
    const envelope = receivedEnvelope(unmappedOrder(externalId, variantId, `NEW-${externalId}`));

    await harness.publishReceived(envelope);
    const record = await waitForException(envelope.id);

    expect(record.errorClass).toBe('permanent');
    expect(record.errorCode).toBe('order.sku-unmapped');
    expect(record.errorMessage).toContain(`variant id ${variantId}`);
    expect(record.errorMessage).toContain(`channel SKU NEW-${externalId}`);
    expect(record.errorMessage).toContain('POST /sku-mappings');
    expect(harness.eventsOf(externalId)).toHaveLength(0);

    const mapping = { channel: 'shopify', shopId: DEMO_SHOP, variantId, sku: 'CANONICAL-NEW' };
    const created = await harness.post<{ sku: string }>('/sku-mappings', mapping);
    expect(created.status).toBe(201);
    expect(created.body.sku).toBe('CANONICAL-NEW');
    const duplicate = await harness.post('/sku-mappings', mapping);
    expect(duplicate.status).toBe(409);

    const first = await replay(record.id);
    expect(first.status).toBe(200);
    expect(first.body.outcome).toBe('succeeded');
    const events = await harness.waitForEvents(externalId, 1);
    expect(events[0].type).toBe('orders.order.captured.v1');
    expect(events[0].data.order.lines[0].sku).toBe('CANONICAL-NEW');

    const second = await replay(record.id);
    expect(second.status).toBe(409);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(harness.eventsOf(externalId)).toHaveLength(1);
  });

  it('inconsistent order names both figures', async () => {
    const externalId = newExternalId();
    const envelope = receivedEnvelope(inconsistentOrder(externalId));

    await harness.publishReceived(envelope);
    const record = await waitForException(envelope.id);

    expect(record.errorClass).toBe('permanent');
    expect(record.errorCode).toBe('order.inconsistent');
    expect(record.errorMessage).toContain('597.00');
    expect(record.errorMessage).toContain('587.00');
    const found = await harness.get(
      `/orders?channel=shopify&shopId=${DEMO_SHOP}&externalId=${externalId}`,
    );
    expect(found.status).toBe(404);
  });

  it('mapping without source returns 400', async () => {
    const reply = await harness.post<{ message: string }>('/sku-mappings', {
      channel: 'shopify',
      shopId: DEMO_SHOP,
      sku: 'ANY',
    });

    expect(reply.status).toBe(400);
    expect(reply.body.message).toContain('variantId or channelSku is missing');
  });

  it('lists the seeded mappings of a shop', async () => {
    const reply = await harness.get<{ items: { variantId: string | null; sku: string }[] }>(
      `/sku-mappings?channel=shopify&shopId=${DEMO_SHOP}`,
    );

    expect(reply.status).toBe(200);
    expect(reply.body.items).toContainEqual(
      expect.objectContaining({ variantId: '447654529', sku: 'IPOD-TOUCH-8GB-BLACK' }),
    );
  });
});
