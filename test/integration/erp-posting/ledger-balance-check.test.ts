import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerDatabase } from '../../../apps/erp-posting/src/ledger/ledger-database.js';
import { dropDatabases } from '../../support/database.js';
import { testDatabaseUrl, uniqueRunName } from '../../support/test-names.js';

const ENTRIES = 5_000;

/** Returns the query inside the balance-check trigger, for one entry id instead of NEW's. */
async function balanceCheckQuery(client: pg.Client, entryId: number): Promise<string> {
  const result = await client.query<{ source: string }>(
    "SELECT prosrc AS source FROM pg_proc WHERE proname = 'journal_line_check_balance'",
  );
  const select = /SELECT[\s\S]*?(?=;)/.exec(result.rows[0].source)![0];

  return select.replace(/INTO\s+unbalanced/, '').replace('NEW.entry_id', String(entryId));
}

describe('ledger balance check', () => {
  const database = uniqueRunName('ledger');
  const url = testDatabaseUrl(database);
  const client = new pg.Client({ connectionString: url });
  let ledger: LedgerDatabase;

  beforeAll(async () => {
    ledger = new LedgerDatabase(url, 2, pino({ level: 'silent' }));
    await ledger.open();
    await client.connect();
  });

  afterAll(async () => {
    await client.end();
    await ledger.onApplicationShutdown();
    await dropDatabases([database]);
  });

  it('looks lines up by entry', async () => {
    await client.query("INSERT INTO accounting_period (period) VALUES ('2026-12')");
    // One statement, so the deferred checks of all 20,000 lines run in one commit, with no
    // statistics on the tables, as on a host where autovacuum is off.
    await client.query(
      `WITH entries AS (
         INSERT INTO journal_entry (idempotency_key, source_document, order_id, rule_version,
                                    posting_date, period, currency, presentment_currency)
         SELECT 'check-' || n, 'check-' || n, gen_random_uuid(), 'check@1', '2026-12-01',
                '2026-12', 'USD', 'USD'
           FROM generate_series(1, $1::int) AS n
         RETURNING id)
       INSERT INTO journal_line (entry_id, line_no, account, currency, debit_minor, credit_minor)
       SELECT id, line, '1000', 'USD', CASE WHEN line <= 2 THEN 100 ELSE 0 END,
              CASE WHEN line > 2 THEN 100 ELSE 0 END
         FROM entries, generate_series(1, 4) AS line`,
      [ENTRIES],
    );
    await client.query('SET enable_seqscan = off');
    const plan = await client.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN ${await balanceCheckQuery(client, 42)}`,
    );
    const text = plan.rows.map((row) => row['QUERY PLAN']).join('\n');

    expect(text).toContain('journal_line_pkey');
    expect(text).not.toContain('journal_line_account');
  });

  it('rejects an unbalanced entry', async () => {
    const insert = client.query(
      `WITH entry AS (
         INSERT INTO journal_entry (idempotency_key, source_document, order_id, rule_version,
                                    posting_date, period, currency, presentment_currency)
         VALUES ('unbalanced', 'unbalanced', gen_random_uuid(), 'check@1', '2026-12-01',
                 '2026-12', 'USD', 'USD')
         RETURNING id)
       INSERT INTO journal_line (entry_id, line_no, account, currency, debit_minor, credit_minor)
       SELECT id, 1, '1000', 'USD', 100, 0 FROM entry
       UNION ALL SELECT id, 2, '4000', 'USD', 0, 99 FROM entry`,
    );

    await expect(insert).rejects.toThrow(/unbalanced in USD: debits 100 and credits 99/);
  });
});
