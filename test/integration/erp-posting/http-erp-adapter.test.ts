import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../../apps/erp-posting/src/ledger/ledger-entry.js';
import { ErpPostingHarness, assessedOrder, cancellationOf } from './erp-posting-harness.js';
import { MockErpServer } from './mock-erp-server.js';

const saleKey = (externalId: string): string =>
  `order:shopify:example-shop.myshopify.com:${externalId}#order-sale@1`;

describe('erp-posting with the HTTP ERP adapter', () => {
  const mock = new MockErpServer();
  let erp: ErpPostingHarness;

  beforeAll(async () => {
    await mock.start();
    erp = new ErpPostingHarness({
      ERP_ADAPTER: 'http',
      ERP_BASE_URL: mock.baseUrl,
      ERP_HTTP_ADAPTER_NAME: 'mock-erp',
      ERP_AUTH_TOKEN: 'mock-token',
    });
    await erp.start();
  });

  afterAll(async () => {
    await erp?.cleanUp();
    await mock.stop();
  });

  it('waits out Retry-After and posts once', async () => {
    const event = assessedOrder();
    const key = saleKey(event.order.externalId);
    const throttled = {
      status: 429,
      headers: { 'retry-after': '1' },
      body: { error: 'slow down' },
    };
    mock.script(key, [throttled, throttled, { status: 201, body: { documentId: 'VENDOR-429' } }]);
    await erp.publish(erp.envelope('tax.order-tax.assessed.v1', event));

    const [posted] = await erp.waitForPosted(event.orderId);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const requests = mock.requestsFor(key);
    const gaps = requests
      .slice(1)
      .map((request, index) => request.receivedAt - requests[index].respondedAt);

    expect(posted.erpDocument).toEqual({ adapter: 'mock-erp', id: 'VENDOR-429' });
    expect(erp.postedFor(event.orderId)).toHaveLength(1);
    expect(requests).toHaveLength(3);
    expect(requests.map((request) => request.headers['idempotency-key'])).toEqual([key, key, key]);
    expect(requests[0].headers.authorization).toBe('Bearer mock-token');
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(1_000);
    }
  });

  it('sends amounts as decimal strings', async () => {
    const event = assessedOrder();
    await erp.publish(erp.envelope('tax.order-tax.assessed.v1', event));
    await erp.waitForPosted(event.orderId);

    const [request] = mock.requestsFor(saleKey(event.order.externalId));
    const lines = request.body.lines as { lineNo: number; side: string; amount: unknown }[];

    expect(request.body).toMatchObject({
      idempotencyKey: saleKey(event.order.externalId),
      orderId: event.orderId,
      postingDate: '2024-06-13',
      currency: 'USD',
    });
    expect(request.body.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(request.headers.traceparent).toContain(request.body.traceId as string);
    expect(lines[0]).toMatchObject({ lineNo: 1, side: 'credit', amount: { amount: '100.00' } });
  });

  it('records the existing document of a 409', async () => {
    const event = assessedOrder();
    const key = saleKey(event.order.externalId);
    mock.script(key, [{ status: 409, body: { documentId: 'VENDOR-EXISTING' } }]);
    await erp.publish(erp.envelope('tax.order-tax.assessed.v1', event));

    const [posted] = await erp.waitForPosted(event.orderId);

    expect(posted.erpDocument.id).toBe('VENDOR-EXISTING');
    expect(mock.requestsFor(key)).toHaveLength(1);
  });

  it('records a validation rejection as an exception', async () => {
    const event = assessedOrder();
    const key = saleKey(event.order.externalId);
    mock.script(key, [{ status: 422, body: { error: 'account 4000-SALES-SHOPIFY is blocked' } }]);
    const envelope = erp.envelope('tax.order-tax.assessed.v1', event);
    await erp.publish(envelope);

    const record = await erp.waitForOpenException(envelope.id);

    expect(record.errorClass).toBe('permanent');
    expect(record.errorCode).toBe('erp.rejected');
    expect(record.errorMessage).toContain('account 4000-SALES-SHOPIFY is blocked');
    expect(erp.postedFor(event.orderId)).toHaveLength(0);
  });

  it('retries a server error', async () => {
    const event = assessedOrder();
    const key = saleKey(event.order.externalId);
    mock.script(key, [{ status: 503, body: { error: 'maintenance' } }]);
    await erp.publish(erp.envelope('tax.order-tax.assessed.v1', event));

    const [posted] = await erp.waitForPosted(event.orderId);

    expect(mock.requestsFor(key)).toHaveLength(2);
    expect(posted.erpDocument.adapter).toBe('mock-erp');
  });

  it('lists entries from the posting records', async () => {
    const event = assessedOrder();
    await erp.publish(erp.envelope('tax.order-tax.assessed.v1', event));
    const [sale] = await erp.waitForPosted(event.orderId);
    await erp.publish(
      erp.envelope('orders.order.cancelled.v1', cancellationOf(event, '2024-06-20T10:00:00Z')),
    );
    const [, reversal] = await erp.waitForPosted(event.orderId, 2);

    const listed = await erp.get<{ entries: LedgerEntry[] }>(
      `/journal-entries?orderId=${event.orderId}`,
    );
    const trialBalance = await erp.get('/trial-balance');
    const reversalRequest = mock.requestsFor(
      `${saleKey(event.order.externalId).replace('#', '#reversal#')}`,
    );

    expect(reversal.reversesDocumentId).toBe(sale.erpDocument.id);
    expect(listed.body.entries.map((entry) => entry.documentId)).toEqual([
      sale.erpDocument.id,
      reversal.erpDocument.id,
    ]);
    expect(listed.body.entries[1].reversesDocumentId).toBe(sale.erpDocument.id);
    expect(listed.body.entries[1].postingDate).toBe('2024-06-20');
    expect(reversalRequest).toHaveLength(1);
    expect(reversalRequest[0].body.reversesIdempotencyKey).toBe(saleKey(event.order.externalId));
    expect(trialBalance.status).toBe(404);
  });
});
