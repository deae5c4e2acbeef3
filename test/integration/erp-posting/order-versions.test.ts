import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErpPostingHarness, assessedOrder } from './erp-posting-harness.js';

describe('erp-posting with two versions of one order', () => {
  const erp = new ErpPostingHarness();

  beforeAll(async () => {
    await erp.start();
  });

  afterAll(async () => {
    await erp.cleanUp();
  });

  it('posts the newest when both share a batch', async () => {
    const older = assessedOrder({ orderVersion: 1 });
    const newer = assessedOrder({
      orderId: older.orderId,
      externalId: older.order.externalId,
      orderVersion: 2,
      lines: [{ gross: '40.00' }],
      transactions: [{ amount: '40.00', gateway: 'shopify_payments' }],
    });
    // Stopped, the service finds both events waiting and takes them in one batch, the newer
    // first, as after a redelivery that overtakes.
    await erp.service.terminate();
    await erp.publish(erp.envelope('tax.order-tax.assessed.v1', newer));
    await erp.publish(erp.envelope('tax.order-tax.assessed.v1', older));
    await erp.service.start();

    const [posted] = await erp.waitForPosted(older.orderId);
    const postings = await erp.queryService<{ kind: string; order_version: number }>(
      'SELECT kind, order_version FROM posting WHERE order_id = $1',
      [older.orderId],
    );

    expect(posted.total.amount).toBe('40.00');
    expect(postings).toEqual([{ kind: 'sale', order_version: 2 }]);
  });

  it('posts a later payment once', async () => {
    const pending = assessedOrder({ orderVersion: 1, transactions: [] });
    const paid = assessedOrder({
      orderId: pending.orderId,
      externalId: pending.order.externalId,
      orderVersion: 2,
    });
    await erp.publish(erp.envelope('tax.order-tax.assessed.v1', pending));
    await erp.waitForPosted(pending.orderId);

    await erp.publish(erp.envelope('tax.order-tax.assessed.v1', paid));
    await erp.publish(erp.envelope('tax.order-tax.assessed.v1', paid));
    // An older version arriving after the payment must not move the amount back.
    await erp.publish(erp.envelope('tax.order-tax.assessed.v1', pending));
    const entries = await erp.waitForPosted(pending.orderId, 2);
    const last = erp.envelope('tax.order-tax.assessed.v1', pending);
    await erp.publish(last);
    await erp.waitForProcessed(last.id);
    const postings = await erp.queryService<{ kind: string; order_version: number }>(
      'SELECT kind, order_version FROM posting WHERE order_id = $1 ORDER BY id',
      [pending.orderId],
    );

    // The sale's debits include the 10.00 discount; the payment moves the 102.20 paid.
    expect(entries.map((entry) => entry.total.amount)).toEqual(['112.20', '102.20']);
    expect(postings).toEqual([
      { kind: 'sale', order_version: 1 },
      { kind: 'payment', order_version: 2 },
    ]);
  });
});
