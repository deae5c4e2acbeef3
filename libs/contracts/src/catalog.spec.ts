import { describe, expect, it } from 'vitest';
import { EVENT_CATALOG, streamSubjects } from './catalog.js';
import { createEnvelope } from './envelope/cloud-event.js';
import { ContractViolationError, parseEnvelope } from './validation/parse.js';

const POSTED_V1 = {
  orderId: '6f1d2c1e-8a4b-4c1d-9e2f-0a1b2c3d4e5f',
  sourceDocument: 'order:shopify:demo-shop.myshopify.com:1',
  ruleVersion: 'order-sale@1',
  documentId: 'JE-000001',
  period: '2026-12',
  postedAt: '2026-12-04T10:00:00.000Z',
  total: { amount: '88.00', currency: 'USD' },
};

describe('contract catalog', () => {
  it('names every event subject by convention', () => {
    for (const subject of Object.keys(EVENT_CATALOG)) {
      expect(subject).toMatch(/^[a-z]+\.[a-z-]+\.[a-z]+\.v\d+$/);
    }
  });

  it('keeps request subjects out of streams', () => {
    const streamed = [...streamSubjects().values()].flat();

    expect(streamed).not.toContain('tax.quote.calculate.v1');
  });

  it('still parses a v1 message after v2', () => {
    const envelope = createEnvelope({
      type: 'erp.journal-entry.posted.v1',
      source: '/erp-posting',
      data: POSTED_V1,
    });
    const parsed = parseEnvelope(JSON.parse(JSON.stringify(envelope)));

    expect(parsed.type).toBe('erp.journal-entry.posted.v1');
    expect(parsed.data).toMatchObject({ documentId: 'JE-000001' });
  });

  it('rejects a v1 payload sent as v2', () => {
    const envelope = createEnvelope({
      type: 'erp.journal-entry.posted.v2',
      source: '/erp-posting',
      data: POSTED_V1,
    });

    expect(() => parseEnvelope(JSON.parse(JSON.stringify(envelope)))).toThrow(
      ContractViolationError,
    );
  });

  it('parses a v2 message', () => {
    const { documentId, ...rest } = POSTED_V1;
    const envelope = createEnvelope({
      type: 'erp.journal-entry.posted.v2',
      source: '/erp-posting',
      data: { ...rest, erpDocument: { adapter: 'builtin-ledger', id: documentId } },
    });

    expect(parseEnvelope(JSON.parse(JSON.stringify(envelope))).data).toMatchObject({
      erpDocument: { id: 'JE-000001' },
    });
  });

  it('rejects unknown envelope fields', () => {
    const envelope = {
      ...createEnvelope({ type: 'erp.journal-entry.posted.v1', source: '/x', data: POSTED_V1 }),
      extra: 1,
    };

    expect(() => parseEnvelope(envelope)).toThrow(/property extra should not exist/);
  });

  it('rejects an unknown event type', () => {
    expect(() => parseEnvelope({ type: 'orders.order.vanished.v1', data: {} })).toThrow(
      /unknown event type/,
    );
  });
});
