import type { JournalEntriesListReply } from '@retail-sync/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../../apps/erp-posting/src/ledger/ledger-entry.js';
import type { TrialBalance } from '../../../apps/erp-posting/src/ledger/trial-balance.js';
import {
  ErpPostingHarness,
  assessedOrder,
  cancellationOf,
  newTraceparent,
} from './erp-posting-harness.js';

interface EntryRow {
  id: string;
  document_id: string;
  posting_date: string;
  period: string;
  trace_id: string | null;
  memo: string;
  reverses_document_id: string | null;
}

describe('erp-posting with the built-in ledger', () => {
  const erp = new ErpPostingHarness({ CLOSED_PERIOD_POLICY: 'next-open' });

  const ledgerEntries = (orderId: string) =>
    erp.queryLedger<EntryRow>(
      `SELECT id, document_id, posting_date::text AS posting_date, period, trace_id, memo,
              reverses_document_id
         FROM journal_entry WHERE order_id = $1 ORDER BY id`,
      [orderId],
    );

  beforeAll(async () => {
    await erp.start();
  });

  afterAll(async () => {
    await erp.cleanUp();
  });

  it('posts one balanced entry with its trace id', async () => {
    const event = assessedOrder();
    const { traceparent, traceId } = newTraceparent();
    await erp.publish(erp.envelope('tax.order-tax.assessed.v1', event, traceparent));

    const [posted] = await erp.waitForPosted(event.orderId);
    const entries = await ledgerEntries(event.orderId);
    const sums = await erp.queryLedger<{ currency: string; debit: string; credit: string }>(
      `SELECT l.currency, sum(l.debit_minor)::text AS debit, sum(l.credit_minor)::text AS credit
         FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id
        WHERE e.order_id = $1 GROUP BY l.currency`,
      [event.orderId],
    );
    const postings = await erp.queryService<{ erp_document_id: string; trace_id: string }>(
      'SELECT erp_document_id, trace_id FROM posting WHERE order_id = $1',
      [event.orderId],
    );

    expect(entries).toHaveLength(1);
    expect(entries[0].document_id).toMatch(/^JE-\d{6,}$/);
    expect(entries[0].posting_date).toBe('2024-06-13');
    expect(entries[0].trace_id).toBe(traceId);
    expect(sums).toEqual([{ currency: 'USD', debit: '11220', credit: '11220' }]);
    expect(postings).toEqual([{ erp_document_id: entries[0].document_id, trace_id: traceId }]);
    expect(posted.erpDocument).toEqual({ adapter: 'builtin-ledger', id: entries[0].document_id });
    expect(posted.period).toBe('2024-06');
    expect(posted.total).toEqual({ amount: '112.20', currency: 'USD' });
    expect(posted.reversesDocumentId).toBeUndefined();
  });

  it('lists entries over HTTP and request-reply', async () => {
    const event = assessedOrder();
    const { traceparent, traceId } = newTraceparent();
    await erp.publish(erp.envelope('tax.order-tax.assessed.v1', event, traceparent));
    await erp.waitForPosted(event.orderId);

    const http = await erp.get<{ entries: LedgerEntry[] }>(
      `/journal-entries?orderId=${event.orderId}`,
    );
    const reply = await erp.request<JournalEntriesListReply>('erp.journal-entries.list.v1', {
      orderId: event.orderId,
    });
    const invalid = await erp.get<{ message: string }>('/journal-entries?orderId=42');

    expect(http.status).toBe(200);
    expect(http.body.entries).toHaveLength(1);
    const [entry] = http.body.entries;
    expect(entry.traceId).toBe(traceId);
    expect(entry.lines.map((line) => line.lineNo)).toEqual(
      entry.lines.map((_line, index) => index + 1),
    );
    expect(entry.lines[0]).toMatchObject({ side: 'credit', amount: { currency: 'USD' } });
    expect(reply.ok).toBe(true);
    if (reply.ok) {
      expect(reply.data.entries.map((view) => view.documentId)).toEqual([entry.documentId]);
      expect(reply.data.entries[0].lines).toHaveLength(entry.lines.length);
    }

    expect(invalid.status).toBe(400);
  });

  it('posts a tripled envelope once', async () => {
    const event = assessedOrder();
    const envelope = erp.envelope('tax.order-tax.assessed.v1', event);
    await erp.publish(envelope, 0);
    await erp.publish(envelope, 1);
    await erp.publish(envelope, 2);
    await erp.waitForPosted(event.orderId);
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    expect(await ledgerEntries(event.orderId)).toHaveLength(1);
    expect(erp.postedFor(event.orderId)).toHaveLength(1);
  });

  it('dedupes a second envelope by idempotency key', async () => {
    const event = assessedOrder();
    await erp.publish(erp.envelope('tax.order-tax.assessed.v1', event));
    await erp.waitForPosted(event.orderId);
    const second = erp.envelope('tax.order-tax.assessed.v1', event);
    await erp.publish(second);
    await erp.waitForProcessed(second.id);
    await new Promise((resolve) => setTimeout(resolve, 500));

    const postings = await erp.queryService('SELECT 1 FROM posting WHERE order_id = $1', [
      event.orderId,
    ]);

    expect(await ledgerEntries(event.orderId)).toHaveLength(1);
    expect(postings).toHaveLength(1);
    expect(erp.postedFor(event.orderId)).toHaveLength(1);
  });

  it('moves a closed-period entry to the next period', async () => {
    const closed = await erp.post<{ period: string; status: string }>('/periods/2024-03/close');
    const event = assessedOrder({ placedAt: '2024-03-15T10:00:00Z' });
    await erp.publish(erp.envelope('tax.order-tax.assessed.v1', event));

    const [posted] = await erp.waitForPosted(event.orderId);
    const [entry] = await ledgerEntries(event.orderId);
    const periods = await erp.get<{ periods: { period: string; status: string }[] }>('/periods');
    const invalid = await erp.post<{ message: string }>('/periods/2024-13/close');

    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ period: '2024-03', status: 'closed' });
    expect(entry.posting_date).toBe('2024-04-01');
    expect(entry.period).toBe('2024-04');
    expect(entry.memo).toContain('original posting date 2024-03-15');
    expect(posted.period).toBe('2024-04');
    expect(periods.body.periods).toContainEqual(
      expect.objectContaining({ period: '2024-03', status: 'closed' }),
    );
    expect(invalid.status).toBe(400);
  });

  it('reverses the sale of a cancelled order', async () => {
    const event = assessedOrder({
      currency: 'CHF',
      lines: [
        { gross: '40.00', taxes: [{ amount: '3.10', liabilityAccount: '2210-DE-VAT-STANDARD' }] },
      ],
      transactions: [{ amount: '20.00', gateway: 'stripe' }],
      placedAt: '2024-07-02T09:00:00Z',
    });
    await erp.publish(erp.envelope('tax.order-tax.assessed.v1', event));
    const [sale] = await erp.waitForPosted(event.orderId);
    const cancellation = cancellationOf(event, '2024-07-05T12:00:00Z');
    await erp.publish(erp.envelope('orders.order.cancelled.v1', cancellation));
    const [, reversal] = await erp.waitForPosted(event.orderId, 2);
    const repeat = erp.envelope('orders.order.cancelled.v1', cancellation);
    await erp.publish(repeat);
    await erp.waitForProcessed(repeat.id);

    const entries = await ledgerEntries(event.orderId);
    const balance = await erp.get<TrialBalance>('/trial-balance');
    const chf = balance.body.currencies.find((group) => group.currency === 'CHF');

    expect(entries).toHaveLength(2);
    expect(entries[1].reverses_document_id).toBe(entries[0].document_id);
    expect(entries[1].posting_date).toBe('2024-07-05');
    expect(reversal.reversesDocumentId).toBe(sale.erpDocument.id);
    expect(reversal.erpDocument.id).toBe(entries[1].document_id);
    expect(reversal.total).toEqual(sale.total);
    expect(chf?.accounts.length).toBeGreaterThan(0);
    for (const account of chf?.accounts ?? []) {
      expect(account.balance, account.account).toBe('0.00');
    }

    expect(chf?.totals.debit).toBe(chf?.totals.credit);
    expect(erp.postedFor(event.orderId)).toHaveLength(2);
  });

  it('posts nothing for an order cancelled before assessment', async () => {
    const event = assessedOrder();
    const cancelled = erp.envelope(
      'orders.order.cancelled.v1',
      cancellationOf(event, '2024-06-14T08:00:00Z'),
    );
    await erp.publish(cancelled);
    await erp.waitForProcessed(cancelled.id);
    const assessed = erp.envelope('tax.order-tax.assessed.v1', event);
    await erp.publish(assessed);
    await erp.waitForProcessed(assessed.id);

    const postings = await erp.queryService<{ status: string; erp_document_id: string | null }>(
      'SELECT status, erp_document_id FROM posting WHERE order_id = $1',
      [event.orderId],
    );
    const pending = await erp.queryService(
      'SELECT 1 FROM pending_cancellation WHERE order_id = $1',
      [event.orderId],
    );

    expect(pending).toHaveLength(1);
    expect(postings).toEqual([{ status: 'skipped-cancelled', erp_document_id: null }]);
    expect(await ledgerEntries(event.orderId)).toHaveLength(0);
    expect(erp.postedFor(event.orderId)).toHaveLength(0);
  });

  // Which event wins the race depends on timing, so each order may end either way. Both ways
  // must leave every account of the order at zero.
  it('settles concurrent sales and cancellations', async () => {
    const events = Array.from({ length: 10 }, () =>
      assessedOrder({
        currency: 'SEK',
        lines: [{ gross: '250.00' }],
        transactions: [{ amount: '250.00', gateway: 'paypal' }],
      }),
    );
    const assessed = events.map((event) => erp.envelope('tax.order-tax.assessed.v1', event));
    const cancelled = events.map((event) =>
      erp.envelope('orders.order.cancelled.v1', cancellationOf(event, '2024-06-15T08:00:00Z')),
    );
    const envelopes = [...assessed, ...cancelled];
    await Promise.all(
      events.flatMap((_event, index) => [
        erp.publish(assessed[index]),
        erp.publish(cancelled[index]),
      ]),
    );
    for (const envelope of envelopes) {
      await erp.waitForProcessed(envelope.id);
    }

    const balance = await erp.get<TrialBalance>('/trial-balance');
    const sek = balance.body.currencies.find((group) => group.currency === 'SEK');

    for (const event of events) {
      const entries = await ledgerEntries(event.orderId);
      const postings = await erp.queryService<{ kind: string; status: string }>(
        'SELECT kind, status FROM posting WHERE order_id = $1 ORDER BY id',
        [event.orderId],
      );
      if (entries.length === 0) {
        expect(postings, event.orderId).toEqual([{ kind: 'sale', status: 'skipped-cancelled' }]);
      } else {
        expect(entries, event.orderId).toHaveLength(2);
        expect(entries[1].reverses_document_id, event.orderId).toBe(entries[0].document_id);
        expect(postings, event.orderId).toEqual([
          { kind: 'sale', status: 'posted' },
          { kind: 'reversal', status: 'posted' },
        ]);
      }
    }

    for (const account of sek?.accounts ?? []) {
      expect(account.balance, account.account).toBe('0.00');
    }
  });

  it('records a rule violation as an exception', async () => {
    const event = assessedOrder({ transactions: [{ amount: '500.00' }] });
    const envelope = erp.envelope('tax.order-tax.assessed.v1', event);
    await erp.publish(envelope);

    const record = await erp.waitForOpenException(envelope.id);

    expect(record.errorClass).toBe('permanent');
    expect(record.errorCode).toBe('posting.tenders-exceed-total');
    expect(await ledgerEntries(event.orderId)).toHaveLength(0);
  });

  it('keeps debits equal to credits per currency', async () => {
    const balance = await erp.get<TrialBalance>('/trial-balance');
    const sums = await erp.queryLedger<{ currency: string; debit: string; credit: string }>(
      `SELECT currency, sum(debit_minor)::text AS debit, sum(credit_minor)::text AS credit
         FROM journal_line GROUP BY currency ORDER BY currency`,
    );

    expect(balance.status).toBe(200);
    expect(balance.body.currencies.map((group) => group.currency)).toEqual(
      expect.arrayContaining(['CHF', 'USD']),
    );
    for (const group of balance.body.currencies) {
      expect(group.totals.debit, group.currency).toBe(group.totals.credit);
    }

    for (const row of sums) {
      expect(row.debit, row.currency).toBe(row.credit);
    }
  });

  describe('ledger database', () => {
    const sql = async (statements: string): Promise<Error> => {
      try {
        await erp.queryLedger(statements);
      } catch (error) {
        return error as Error;
      }

      throw new Error(`The ledger accepted: ${statements}`);
    };

    it('rejects an unbalanced entry at commit', async () => {
      const error = await sql(`
        BEGIN;
        INSERT INTO journal_entry (idempotency_key, source_document, order_id, rule_version,
          posting_date, period, currency, presentment_currency)
        VALUES ('manual:unbalanced', 'manual', gen_random_uuid(), 'manual@1', '2024-08-01',
          '2024-08', 'USD', 'USD');
        INSERT INTO journal_line (entry_id, line_no, account, currency, debit_minor)
        VALUES (currval('journal_entry_id_seq'), 1, '1200-ACCOUNTS-RECEIVABLE', 'USD', 1000);
        INSERT INTO journal_line (entry_id, line_no, account, currency, credit_minor)
        VALUES (currval('journal_entry_id_seq'), 2, '4000-SALES-SHOPIFY', 'USD', 900);
        COMMIT;`);
      const rows = await erp.queryLedger(
        "SELECT 1 FROM journal_entry WHERE idempotency_key = 'manual:unbalanced'",
      );

      expect(error.message).toMatch(/is unbalanced in USD: debits 1000 and credits 900/);
      expect((error as { code?: string }).code).toBe('23514');
      expect(rows).toHaveLength(0);
    });

    it('rejects an entry without lines at commit', async () => {
      const error = await sql(`
        INSERT INTO journal_entry (idempotency_key, source_document, order_id, rule_version,
          posting_date, period, currency, presentment_currency)
        VALUES ('manual:empty', 'manual', gen_random_uuid(), 'manual@1', '2024-08-01',
          '2024-08', 'USD', 'USD')`);

      expect(error.message).toMatch(/has no lines/);
      expect((error as { code?: string }).code).toBe('23514');
    });

    it('rejects an UPDATE of a posted line', async () => {
      const error = await sql('UPDATE journal_line SET memo = $$edited$$');

      expect(error.message).toMatch(/UPDATE on journal_line is not allowed/);
      expect((error as { code?: string }).code).toBe('23001');
    });

    it('rejects an UPDATE of a posted entry', async () => {
      const error = await sql("UPDATE journal_entry SET memo = 'edited'");

      expect(error.message).toMatch(/UPDATE on journal_entry is not allowed/);
    });

    it('rejects a DELETE of a posted entry', async () => {
      const lineError = await sql('DELETE FROM journal_line');
      const entryError = await sql('DELETE FROM journal_entry');

      expect(lineError.message).toMatch(/DELETE on journal_line is not allowed/);
      expect(entryError.message).toMatch(/DELETE on journal_entry is not allowed/);
      expect((entryError as { code?: string }).code).toBe('23001');
    });

    it('rejects an entry in a closed period', async () => {
      await erp.post('/periods/2023-11/close');

      const error = await sql(`
        INSERT INTO journal_entry (idempotency_key, source_document, order_id, rule_version,
          posting_date, period, currency, presentment_currency)
        VALUES ('manual:closed', 'manual', gen_random_uuid(), 'manual@1', '2023-11-30',
          '2023-11', 'USD', 'USD')`);

      expect(error.message).toMatch(/accounting period 2023-11 is closed/);
      expect((error as { code?: string }).code).toBe('23001');
    });
  });
});
