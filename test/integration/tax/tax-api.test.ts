import { randomUUID } from 'node:crypto';
import type {
  AssessmentGetReply,
  TaxQuoteCalculateReply,
  TaxQuoteCalculateRequest,
} from '@retail-sync/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCanonicalOrder, orderVersionPayload } from './canonical-order-builder.js';
import { TaxServiceHarness } from './tax-service-harness.js';

interface MappingView {
  channelTitle: string;
  rate: string;
  taxCode: string;
  source: string;
}

describe('tax service API', () => {
  const tax = new TaxServiceHarness();

  beforeAll(async () => {
    await tax.start();
  });

  afterAll(async () => {
    await tax.cleanUp();
  });

  describe('tax.quote.calculate.v1', () => {
    it('quotes a New York basket', async () => {
      const request: TaxQuoteCalculateRequest = {
        region: 'US-NY',
        currency: 'USD',
        taxesIncluded: false,
        lines: [
          { ref: 'item', amount: '10.00' },
          { ref: 'shipping', amount: '3.40', category: 'shipping' },
        ],
      };

      const reply = await tax.request<TaxQuoteCalculateReply>('tax.quote.calculate.v1', request);

      expect(reply.ok).toBe(true);
      const data = (reply as { data: TaxQuoteCalculateReply }).data;
      // 10.00 × 0.08875 = 0.8875 and 3.40 × 0.08875 = 0.30175, each rounded half up.
      expect(data.lines[0].taxes[0].amount.amount).toBe('0.89');
      expect(data.lines[1].taxes[0].amount.amount).toBe('0.30');
      expect(data.lines[0].taxes[0].taxCode).toBe('US-NY');
      expect(data.totalTax.amount).toBe('1.19');
    });

    it('rejects an unknown region', async () => {
      const reply = await tax.request('tax.quote.calculate.v1', {
        region: 'XX-NOWHERE',
        currency: 'USD',
        taxesIncluded: false,
        lines: [{ ref: 'item', amount: '10.00' }],
      });

      expect(reply).toMatchObject({ ok: false, error: { code: 'tax.unknown-region' } });
    });
  });

  describe('tax.assessment.get.v1', () => {
    it('returns the latest assessment', async () => {
      const order = buildCanonicalOrder({
        lines: [{ price: '60.00', taxes: [['Sales Tax', '0.1', '6.00']] }],
      });
      const payload = orderVersionPayload(order);
      await tax.publish(tax.envelope('orders.order.captured.v1', payload));
      await tax.waitForAssessed(payload.orderId);

      const reply = await tax.request<AssessmentGetReply>('tax.assessment.get.v1', {
        orderId: payload.orderId,
      });

      expect(reply.ok).toBe(true);
      const data = (reply as { data: AssessmentGetReply }).data;
      expect(data.orderId).toBe(payload.orderId);
      expect(data.orderVersion).toBe(1);
      expect(data.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(data.assessedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(data.assessment.jurisdictions[0].amount.shop.amount).toBe('6.00');
    });

    it('rejects an order without assessment', async () => {
      const reply = await tax.request('tax.assessment.get.v1', { orderId: randomUUID() });

      expect(reply).toMatchObject({ ok: false, error: { code: 'tax.assessment-not-found' } });
    });
  });

  describe('HTTP', () => {
    it('lists the seeded mappings', async () => {
      const response = await tax.get('/tax-mappings');
      const body = (await response.json()) as { items: MappingView[] };
      const ny = body.items.find((mapping) => mapping.channelTitle === 'NY');

      expect(response.status).toBe(200);
      expect(ny?.rate).toBe('0.08875');
      expect(ny?.taxCode).toBe('US-NY');
      expect(ny?.source).toBe('configuration');
    });

    it('rejects a duplicate mapping by value', async () => {
      const response = await tax.post('/tax-mappings', {
        channelTitle: 'sales tax',
        rate: '0.10',
        taxCode: 'US-OTHER',
        jurisdiction: 'US-OTHER',
        liabilityAccount: '2210-US-OTHER',
      });
      const body = (await response.json()) as { message: string };

      expect(response.status).toBe(409);
      expect(body.message).toContain('already exists');
    });

    it('rejects a numeric rate', async () => {
      const response = await tax.post('/tax-mappings', {
        channelTitle: 'City Tax',
        rate: 0.045,
        taxCode: 'US-CITY',
        jurisdiction: 'US-CITY',
        liabilityAccount: '2210-US-CITY',
      });
      const body = (await response.json()) as { message: string[] };

      expect(response.status).toBe(400);
      expect(body.message.join(' ')).toContain('rate must be a non-negative decimal string');
    });

    it('rejects unknown fields', async () => {
      const response = await tax.post('/tax-mappings', {
        channelTitle: 'City Tax',
        rate: '0.045',
        taxCode: 'US-CITY',
        jurisdiction: 'US-CITY',
        liabilityAccount: '2210-US-CITY',
        account: '2210',
      });

      expect(response.status).toBe(400);
    });

    it('returns the latest assessed version', async () => {
      const order = buildCanonicalOrder({
        lines: [{ price: '70.00', taxes: [['Sales Tax', '0.1', '7.00']] }],
      });
      const first = orderVersionPayload(order, 1);
      const second = orderVersionPayload(order, 2, first.orderId);
      await tax.publish(tax.envelope('orders.order.captured.v1', first));
      await tax.waitForAssessed(first.orderId);
      await tax.publish(tax.envelope('orders.order.updated.v1', second));
      await tax.waitForAssessedCount(first.orderId, 2);

      const response = await tax.get(`/assessments/${first.orderId}`);
      const body = (await response.json()) as { orderVersion: number };

      expect(response.status).toBe(200);
      expect(body.orderVersion).toBe(2);
    });

    it('returns 404 for unknown order', async () => {
      const response = await tax.get(`/assessments/${randomUUID()}`);

      expect(response.status).toBe(404);
    });

    it('returns 400 for invalid order id', async () => {
      const response = await tax.get('/assessments/not-a-uuid');

      expect(response.status).toBe(400);
    });
  });

  describe('restart', () => {
    it('keeps mappings without duplicating seeds', async () => {
      const added = await tax.post('/tax-mappings', {
        channelTitle: 'Hotel Tax',
        rate: '0.0575',
        taxCode: 'US-HOTEL',
        jurisdiction: 'US-HOTEL',
        liabilityAccount: '2210-US-HOTEL',
        region: 'US-NY',
      });
      const before = await listMappings(tax);
      await tax.restart();
      const after = await listMappings(tax);
      const hotel = after.find((mapping) => mapping.channelTitle === 'Hotel Tax');

      expect(added.status).toBe(201);
      expect(after).toHaveLength(before.length);
      expect(hotel?.source).toBe('api');
      expect(hotel?.rate).toBe('0.0575');
    });
  });
});

async function listMappings(tax: TaxServiceHarness): Promise<MappingView[]> {
  const response = await tax.get('/tax-mappings');
  const body = (await response.json()) as { items: MappingView[] };

  return body.items;
}
