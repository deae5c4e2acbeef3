import { Money } from '@retail-sync/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type { JournalLineDimensions } from '../posting/journal-entry-draft.js';
import type { LedgerEntry, LedgerLine } from './ledger-entry.js';
import { buildTrialBalance, type TrialBalance } from './trial-balance.js';

export const BUILTIN_LEDGER_NAME = 'builtin-ledger';

interface EntryRow {
  id: string;
  document_id: string;
  idempotency_key: string;
  source_document: string;
  order_id: string;
  rule_version: string;
  posting_date: string;
  period: string;
  currency: string;
  presentment_currency: string;
  fx_rate: string | null;
  trace_id: string | null;
  reverses_document_id: string | null;
  memo: string;
}

interface LineRow {
  entry_id: string;
  line_no: number;
  account: string;
  currency: string;
  debit_minor: string;
  credit_minor: string;
  presentment_currency: string | null;
  presentment_minor: string | null;
  memo: string;
  dimensions: JournalLineDimensions;
}

/** The document, date and period that an idempotency key was booked under. */
export interface BookedEntry {
  documentId: string;
  postingDate: string;
  period: string;
}

export async function findBookedEntries(
  manager: EntityManager,
  keys: string[],
): Promise<Map<string, BookedEntry>> {
  const rows: {
    idempotency_key: string;
    document_id: string;
    posting_date: string;
    period: string;
  }[] = await manager.query(
    `SELECT idempotency_key, document_id, posting_date::text AS posting_date, period
         FROM journal_entry WHERE idempotency_key = ANY($1::text[])`,
    [keys],
  );

  return new Map(
    rows.map((row) => [
      row.idempotency_key,
      { documentId: row.document_id, postingDate: row.posting_date, period: row.period },
    ]),
  );
}

/** Reads an order's entries with their lines, oldest first. */
export async function listEntriesByOrder(
  dataSource: DataSource,
  orderId: string,
): Promise<LedgerEntry[]> {
  const entries: EntryRow[] = await dataSource.query(
    `SELECT id, document_id, idempotency_key, source_document, order_id, rule_version,
            posting_date::text AS posting_date, period, currency, presentment_currency, fx_rate,
            trace_id, reverses_document_id, memo
       FROM journal_entry WHERE order_id = $1 ORDER BY id`,
    [orderId],
  );
  if (entries.length === 0) {
    return [];
  }

  const lines: LineRow[] = await dataSource.query(
    `SELECT entry_id, line_no, account, currency, debit_minor::text, credit_minor::text,
            presentment_currency, presentment_minor::text, memo, dimensions
       FROM journal_line WHERE entry_id = ANY($1::bigint[]) ORDER BY entry_id, line_no`,
    [entries.map((entry) => entry.id)],
  );

  return entries.map((entry) =>
    toLedgerEntry(
      entry,
      lines.filter((line) => line.entry_id === entry.id),
    ),
  );
}

/** Sums every line per currency and account. */
export async function computeTrialBalance(dataSource: DataSource): Promise<TrialBalance> {
  const rows: { currency: string; account: string; debit: string; credit: string }[] =
    await dataSource.query(
      `SELECT currency, account, sum(debit_minor)::text AS debit, sum(credit_minor)::text AS credit
         FROM journal_line GROUP BY currency, account ORDER BY currency, account`,
    );

  return buildTrialBalance(
    rows.map((row) => ({
      currency: row.currency,
      account: row.account,
      debitMinor: BigInt(row.debit),
      creditMinor: BigInt(row.credit),
    })),
  );
}

function toLedgerEntry(row: EntryRow, lines: LineRow[]): LedgerEntry {
  const entry: LedgerEntry = {
    documentId: row.document_id,
    adapter: BUILTIN_LEDGER_NAME,
    idempotencyKey: row.idempotency_key,
    sourceDocument: row.source_document,
    orderId: row.order_id,
    ruleVersion: row.rule_version,
    postingDate: row.posting_date,
    period: row.period,
    currency: row.currency,
    presentmentCurrency: row.presentment_currency,
    memo: row.memo,
    lines: lines.map(toLedgerLine),
  };
  if (row.fx_rate !== null) {
    entry.fxRate = row.fx_rate;
  }

  if (row.trace_id !== null) {
    entry.traceId = row.trace_id;
  }

  if (row.reverses_document_id !== null) {
    entry.reversesDocumentId = row.reverses_document_id;
  }

  return entry;
}

function toLedgerLine(row: LineRow): LedgerLine {
  const debit = BigInt(row.debit_minor);
  const line: LedgerLine = {
    lineNo: row.line_no,
    account: row.account,
    side: debit > 0n ? 'debit' : 'credit',
    amount: Money.ofMinor(debit > 0n ? debit : BigInt(row.credit_minor), row.currency).toJSON(),
    memo: row.memo,
    dimensions: row.dimensions,
  };
  if (row.presentment_currency !== null && row.presentment_minor !== null) {
    line.presentmentAmount = Money.ofMinor(
      BigInt(row.presentment_minor),
      row.presentment_currency,
    ).toJSON();
  }

  return line;
}
