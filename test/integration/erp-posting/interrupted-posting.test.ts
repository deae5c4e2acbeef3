import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErpPostingHarness, assessedOrder, cancellationOf } from './erp-posting-harness.js';

describe('erp-posting after an interrupted posting', () => {
  const erp = new ErpPostingHarness();

  beforeAll(async () => {
    await erp.start();
  });

  afterAll(async () => {
    await erp.cleanUp();
  });

  it('reverses a sale it never recorded', async () => {
    const event = assessedOrder();
    await erp.publish(erp.envelope('tax.order-tax.assessed.v1', event));
    const [sale] = await erp.waitForPosted(event.orderId);
    // As if the process died after the ledger booked the sale and before its own transaction
    // committed: the ledger has the entry, the service has no posting row for it.
    await erp.queryService('DELETE FROM posting WHERE order_id = $1', [event.orderId]);

    const cancellation = erp.envelope(
      'orders.order.cancelled.v1',
      cancellationOf(event, '2024-06-14T08:00:00Z'),
    );
    await erp.publish(cancellation);
    await erp.waitForProcessed(cancellation.id);
    const ledger = await erp.queryLedger<{ document_id: string; reverses: string | null }>(
      `SELECT document_id, reverses_document_id AS reverses FROM journal_entry
        WHERE order_id = $1 ORDER BY id`,
      [event.orderId],
    );
    const postings = await erp.queryService<{ kind: string }>(
      'SELECT kind FROM posting WHERE order_id = $1 ORDER BY id',
      [event.orderId],
    );
    const pending = await erp.queryService(
      'SELECT 1 FROM pending_cancellation WHERE order_id = $1',
      [event.orderId],
    );

    expect(ledger).toHaveLength(2);
    expect(ledger[1].reverses).toBe(sale.erpDocument.id);
    expect(postings.map((posting) => posting.kind)).toEqual(['sale', 'reversal']);
    expect(pending).toEqual([]);
  });

  it('posts a payment once after losing its row', async () => {
    const pending = assessedOrder({ orderVersion: 1, transactions: [] });
    const paid = (orderVersion: number) =>
      assessedOrder({
        orderId: pending.orderId,
        externalId: pending.order.externalId,
        orderVersion,
      });
    await erp.publish(erp.envelope('tax.order-tax.assessed.v1', pending));
    await erp.waitForPosted(pending.orderId);
    await erp.publish(erp.envelope('tax.order-tax.assessed.v1', paid(2)));
    await erp.waitForPosted(pending.orderId, 2);
    // The ledger booked the payment of version 2, but its posting row was lost.
    await erp.queryService("DELETE FROM posting WHERE order_id = $1 AND kind = 'payment'", [
      pending.orderId,
    ]);

    const next = erp.envelope('tax.order-tax.assessed.v1', paid(3));
    await erp.publish(next);
    await erp.waitForProcessed(next.id);
    const ledger = await erp.queryLedger<{ source_document: string }>(
      'SELECT source_document FROM journal_entry WHERE order_id = $1 ORDER BY id',
      [pending.orderId],
    );
    const postings = await erp.queryService<{ kind: string; order_version: number | null }>(
      'SELECT kind, order_version FROM posting WHERE order_id = $1 ORDER BY id',
      [pending.orderId],
    );

    expect(ledger.map((entry) => entry.source_document.replace(/^.*#/, '#'))).toEqual([
      expect.stringMatching(/^order:/),
      '#payment-v2',
    ]);
    expect(postings).toEqual([
      { kind: 'sale', order_version: 1 },
      { kind: 'payment', order_version: 2 },
    ]);
  });
});
