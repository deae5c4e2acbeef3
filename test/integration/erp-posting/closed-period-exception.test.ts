import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErpPostingHarness, assessedOrder } from './erp-posting-harness.js';

describe('erp-posting with the exception policy for closed periods', () => {
  const erp = new ErpPostingHarness({ CLOSED_PERIOD_POLICY: 'exception' });

  const entryCount = async (orderId: string): Promise<number> => {
    const rows = await erp.queryLedger('SELECT 1 FROM journal_entry WHERE order_id = $1', [
      orderId,
    ]);

    return rows.length;
  };

  beforeAll(async () => {
    await erp.start();
  });

  afterAll(async () => {
    await erp.cleanUp();
  });

  it('records an entry dated in a closed period as an exception', async () => {
    await erp.post('/periods/2024-02/close');
    const event = assessedOrder({ placedAt: '2024-02-10T12:00:00Z' });
    const envelope = erp.envelope('tax.order-tax.assessed.v1', event);
    await erp.publish(envelope);

    const record = await erp.waitForOpenException(envelope.id);

    expect(record.errorClass).toBe('permanent');
    expect(record.errorCode).toBe('posting.period-closed');
    expect(record.errorMessage).toContain('accounting period 2024-02 is closed');
    expect(await entryCount(event.orderId)).toBe(0);
    expect(erp.postedFor(event.orderId)).toHaveLength(0);
  });

  it('posts a replayed exception once the period reopens', async () => {
    await erp.post('/periods/2024-01/close');
    const event = assessedOrder({ placedAt: '2024-01-20T12:00:00Z' });
    const envelope = erp.envelope('tax.order-tax.assessed.v1', event);
    await erp.publish(envelope);
    const record = await erp.waitForOpenException(envelope.id);
    await erp.queryLedger(
      "UPDATE accounting_period SET status = 'open', closed_at = NULL WHERE period = '2024-01'",
    );

    const replay = await erp.replay(record.id);
    const [posted] = await erp.waitForPosted(event.orderId);

    expect(replay.status).toBe(200);
    expect(posted.period).toBe('2024-01');
    expect(await entryCount(event.orderId)).toBe(1);
  });

  it('returns a booked entry after its period closed', async () => {
    const event = assessedOrder({ placedAt: '2024-05-10T12:00:00Z' });
    await erp.publish(erp.envelope('tax.order-tax.assessed.v1', event));
    await erp.waitForPosted(event.orderId);
    await erp.post('/periods/2024-05/close');
    await erp.queryService('DELETE FROM posting WHERE order_id = $1', [event.orderId]);
    const again = erp.envelope('tax.order-tax.assessed.v1', event);
    await erp.publish(again);
    await erp.waitForProcessed(again.id);

    const exceptions = await erp.queryService(
      'SELECT 1 FROM exception_record WHERE message_id = $1',
      [again.id],
    );
    const [first, second] = await erp.waitForPosted(event.orderId, 2);

    expect(exceptions).toHaveLength(0);
    expect(await entryCount(event.orderId)).toBe(1);
    expect(second.erpDocument.id).toBe(first.erpDocument.id);
  });
});
