import type { Msg } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOrder, newExternalId, newTraceId, receivedEnvelope } from './order-builder.js';
import { OrdersHarness } from './orders-harness.js';

interface TrailBody {
  order: { id: string; key: string; status: string; version: number; traceId: string | null };
  versions: { version: number; deliveryId: string; delivery: Record<string, unknown> }[];
  taxAssessment: { error?: { code: string; message: string } };
  journalEntries: { error?: { code: string }; entries?: { documentId: string }[] };
  traceIds: string[];
}

describe('order trail', () => {
  const harness = new OrdersHarness();

  beforeAll(async () => {
    await harness.start({ TRAIL_REQUEST_TIMEOUT_MS: '1000' });
  });

  afterAll(async () => {
    await harness.cleanUp();
  });

  async function captured(traceId: string): Promise<string> {
    const externalId = newExternalId();
    await harness.publishReceived(receivedEnvelope(demoOrder(externalId), { traceId }));
    const events = await harness.waitForEvents(externalId, 1);

    return events[0].data.orderId;
  }

  it('returns error parts without other services', async () => {
    const traceId = newTraceId();
    const orderId = await captured(traceId);
    const started = Date.now();

    const trail = await harness.get<TrailBody>(`/orders/${orderId}/trail`);

    expect(trail.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(trail.body.order.id).toBe(orderId);
    expect(trail.body.order.status).toBe('open');
    expect(trail.body.order.version).toBe(1);
    expect(trail.body.order.key).toMatch(/^shopify:demo-shop\.myshopify\.com:\d+$/);
    expect(trail.body.versions).toHaveLength(1);
    expect(trail.body.versions[0].delivery).toHaveProperty('error.code', 'rpc.unavailable');
    expect(trail.body.taxAssessment.error?.code).toBe('rpc.unavailable');
    expect(trail.body.taxAssessment.error?.message).toContain('tax.assessment.get.v1');
    expect(trail.body.journalEntries.error?.code).toBe('rpc.unavailable');
    expect(trail.body.traceIds).toEqual([traceId]);
  });

  it('mixes replies, remote errors and timeouts', async () => {
    const traceId = newTraceId();
    const postingTraceId = newTraceId();
    const orderId = await captured(traceId);
    const rpc = (subject: string) => `${harness.namespace}.rpc.${subject}`;
    const respond = (message: Msg, reply: unknown): void => {
      message.respond(JSON.stringify(reply));
    };
    const subscriptions = [
      harness.connection.subscribe(rpc('erp.journal-entries.list.v1'), {
        callback: (_, message) =>
          respond(message, { ok: true, data: { entries: [journalEntry(postingTraceId)] } }),
      }),
      harness.connection.subscribe(rpc('channel.delivery.get.v1'), {
        callback: (_, message) =>
          respond(message, {
            ok: false,
            error: { code: 'delivery.not-found', message: 'No such delivery' },
          }),
      }),
      // Subscribed but never replying, so the request times out.
      harness.connection.subscribe(rpc('tax.assessment.get.v1'), { callback: () => undefined }),
    ];
    await harness.connection.flush();

    try {
      const trail = await harness.get<TrailBody>(`/orders/${orderId}/trail`);

      expect(trail.status).toBe(200);
      expect(trail.body.journalEntries.entries?.[0].documentId).toBe('JE-1');
      expect(trail.body.versions[0].delivery).toHaveProperty('error.code', 'delivery.not-found');
      expect(trail.body.taxAssessment.error?.code).toBe('rpc.timeout');
      expect(trail.body.traceIds).toEqual([traceId, postingTraceId]);
    } finally {
      for (const subscription of subscriptions) {
        subscription.unsubscribe();
      }
    }
  });

  it('unknown order returns 404', async () => {
    const trail = await harness.get('/orders/00000000-0000-4000-8000-000000000000/trail');

    expect(trail.status).toBe(404);
  });
});

function journalEntry(traceId: string): unknown {
  return {
    documentId: 'JE-1',
    adapter: 'memory',
    idempotencyKey: 'order-1-v1',
    ruleVersion: 'sale-v1',
    period: '2024-06',
    postingDate: '2024-06-13T00:00:00Z',
    currency: 'USD',
    traceId,
    lines: [
      {
        lineNo: 1,
        account: '1200-ACCOUNTS-RECEIVABLE',
        side: 'debit',
        amount: { amount: '433.00', currency: 'USD' },
        memo: 'Order total',
      },
      {
        lineNo: 2,
        account: '4000-SALES-SHOPIFY',
        side: 'credit',
        amount: { amount: '433.00', currency: 'USD' },
        memo: 'Sales',
      },
    ],
  };
}
