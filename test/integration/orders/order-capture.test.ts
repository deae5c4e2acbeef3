import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_SHOP,
  demoOrder,
  newExternalId,
  newTraceId,
  receivedEnvelope,
} from './order-builder.js';
import { OrdersHarness } from './orders-harness.js';

interface OrderBody {
  id: string;
  version: number;
  status: string;
  lastDeliveryId: string;
  traceId: string | null;
  document: { lines: { externalLineId: string; sku?: string }[] };
}

interface VersionsBody {
  versions: { version: number; topic: string; deliveryId: string; traceId: string | null }[];
}

/** Waits a second, so an event published by mistake would reach the recorder. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1_000));
}

describe('order capture', () => {
  const harness = new OrdersHarness();

  beforeAll(async () => {
    await harness.start();
  });

  afterAll(async () => {
    await harness.cleanUp();
  });

  async function captureFirst(externalId: string): Promise<OrderBody> {
    const envelope = receivedEnvelope(demoOrder(externalId));
    await harness.publishReceived(envelope);
    await harness.waitForCaptured(envelope.id);
    const found = await harness.get<OrderBody>(
      `/orders?channel=shopify&shopId=${DEMO_SHOP}&externalId=${externalId}`,
    );
    expect(found.status).toBe(200);

    return found.body;
  }

  it('captures with canonical SKUs', async () => {
    const externalId = newExternalId();
    const traceId = newTraceId();
    const envelope = receivedEnvelope(demoOrder(externalId), { traceId });

    await harness.publishReceived(envelope);
    const events = await harness.waitForEvents(externalId, 1);
    await settle();

    expect(harness.eventsOf(externalId)).toHaveLength(1);
    expect(events[0].type).toBe('orders.order.captured.v1');
    expect(events[0].data.version).toBe(1);
    expect(events[0].data.deliveryId).toBe(envelope.data.deliveryId);
    expect(events[0].data.order.lines.map((line) => line.sku)).toEqual([
      'IPOD-TOUCH-8GB-BLACK',
      'IPOD-NANO-8GB-GREEN',
      'CUSTOM-ITEM',
      'GIFT-CARD',
    ]);
    const order = await harness.get<OrderBody>(`/orders/${events[0].data.orderId}`);
    expect(order.status).toBe(200);
    expect(order.body.version).toBe(1);
    expect(order.body.status).toBe('open');
    expect(order.body.traceId).toBe(traceId);
    expect(order.body.document.lines[0].sku).toBe('IPOD-TOUCH-8GB-BLACK');
    const versions = await harness.get<VersionsBody>(`/orders/${order.body.id}/versions`);
    expect(versions.body.versions).toHaveLength(1);
    expect(versions.body.versions[0].topic).toBe('created');
    expect(versions.body.versions[0].traceId).toBe(traceId);
  });

  it('same envelope three times captures once', async () => {
    const externalId = newExternalId();
    const envelope = receivedEnvelope(demoOrder(externalId));

    for (const copy of [1, 2, 3]) {
      await harness.publishReceived(envelope, `${envelope.id}-${copy}`);
    }

    await harness.waitForEvents(externalId, 1);
    await settle();

    expect(harness.eventsOf(externalId)).toHaveLength(1);
    const rows = await harness.get<OrderBody>(
      `/orders?channel=shopify&shopId=${DEMO_SHOP}&externalId=${externalId}`,
    );
    const versions = await harness.get<VersionsBody>(`/orders/${rows.body.id}/versions`);
    expect(versions.body.versions).toHaveLength(1);
  });

  it('same source time through another topic changes nothing', async () => {
    const externalId = newExternalId();
    const first = await captureFirst(externalId);
    const paid = receivedEnvelope(demoOrder(externalId), { topic: 'paid' });

    await harness.publishReceived(paid);
    await harness.waitForCaptured(paid.id);

    expect(await harness.outboxSubjects(first.id)).toEqual(['orders.order.captured.v1']);
    const order = await harness.get<OrderBody>(`/orders/${first.id}`);
    expect(order.body.version).toBe(1);
    expect(order.body.lastDeliveryId).toBe(first.lastDeliveryId);
    await settle();
    expect(harness.eventsOf(externalId)).toHaveLength(1);
  });

  it('newer version publishes an update', async () => {
    const externalId = newExternalId();
    const first = await captureFirst(externalId);
    const updated = receivedEnvelope(
      demoOrder(externalId, { sourceUpdatedAt: '2024-06-13T15:00:00Z' }),
      { topic: 'updated' },
    );

    await harness.publishReceived(updated);
    const events = await harness.waitForEvents(externalId, 2);

    expect(events.map((event) => event.type)).toEqual([
      'orders.order.captured.v1',
      'orders.order.updated.v1',
    ]);
    expect(events[1].data.version).toBe(2);
    expect(events[1].data.orderId).toBe(first.id);
    const order = await harness.get<OrderBody>(`/orders/${first.id}`);
    expect(order.body.version).toBe(2);
    expect(order.body.lastDeliveryId).toBe(updated.data.deliveryId);
  });

  it('older version after a newer one is ignored', async () => {
    const externalId = newExternalId();
    const first = await captureFirst(externalId);
    const newer = receivedEnvelope(
      demoOrder(externalId, { sourceUpdatedAt: '2024-06-13T15:00:00Z' }),
      { topic: 'updated' },
    );
    const older = receivedEnvelope(
      demoOrder(externalId, { sourceUpdatedAt: '2024-06-13T14:30:00Z' }),
      { topic: 'updated' },
    );
    await harness.publishReceived(newer);
    await harness.waitForCaptured(newer.id);

    await harness.publishReceived(older);
    await harness.waitForCaptured(older.id);

    expect(await harness.outboxSubjects(first.id)).toEqual([
      'orders.order.captured.v1',
      'orders.order.updated.v1',
    ]);
    const order = await harness.get<OrderBody>(`/orders/${first.id}`);
    expect(order.body.version).toBe(2);
    expect(order.body.lastDeliveryId).toBe(newer.data.deliveryId);
    const metrics = await fetch(`${harness.service.url}/metrics`).then((reply) => reply.text());
    expect(metrics).toMatch(/retail_sync_order_versions_total\{outcome="stale"\} [1-9]/);
  });

  it('cancellation publishes a cancelled event', async () => {
    const externalId = newExternalId();
    const first = await captureFirst(externalId);
    const cancelled = receivedEnvelope(
      demoOrder(externalId, {
        sourceUpdatedAt: '2024-06-13T16:00:00Z',
        cancelledAt: '2024-06-13T16:00:00Z',
        cancelReason: 'customer',
      }),
      { topic: 'cancelled' },
    );

    await harness.publishReceived(cancelled);
    const events = await harness.waitForEvents(externalId, 2);

    expect(events[1].type).toBe('orders.order.cancelled.v1');
    expect(events[1].data.version).toBe(2);
    expect(events[1].data.order.cancelledAt).toBe('2024-06-13T16:00:00Z');
    const order = await harness.get<OrderBody>(`/orders/${first.id}`);
    expect(order.body.status).toBe('cancelled');
  });

  it('first version already cancelled publishes only cancelled', async () => {
    const externalId = newExternalId();
    const envelope = receivedEnvelope(
      demoOrder(externalId, { cancelledAt: '2024-06-13T14:00:00Z' }),
      { topic: 'cancelled' },
    );

    await harness.publishReceived(envelope);
    const events = await harness.waitForEvents(externalId, 1);
    await settle();

    expect(harness.eventsOf(externalId).map((event) => event.type)).toEqual([
      'orders.order.cancelled.v1',
    ]);
    expect(events[0].data.version).toBe(1);
    const order = await harness.get<OrderBody>(`/orders/${events[0].data.orderId}`);
    expect(order.body.status).toBe('cancelled');
  });

  it('unknown order returns 404', async () => {
    const byKey = await harness.get(`/orders?channel=shopify&shopId=${DEMO_SHOP}&externalId=404`);
    const byId = await harness.get('/orders/00000000-0000-4000-8000-000000000000');
    const badId = await harness.get('/orders/not-a-uuid');

    expect(byKey.status).toBe(404);
    expect(byId.status).toBe(404);
    expect(badId.status).toBe(400);
  });
});
