import { valuesList } from '@retail-sync/persistence';
import type { EntityManager } from 'typeorm';
import { describeEntry } from '../erp/entry-memo.js';
import type { JournalEntryDraft } from '../posting/journal-entry-draft.js';
import { movedPeriodNote, type PeriodPlacement } from './period-policy.js';

/** PostgreSQL binds at most 65,535 parameters per statement; stay well below. */
const MAX_PARAMETERS = 60_000;

const ENTRY_CASTS = [
  'text',
  'text',
  'uuid',
  'text',
  'date',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
];
const LINE_CASTS = [
  'bigint',
  'int',
  'text',
  'text',
  'bigint',
  'bigint',
  'text',
  'bigint',
  'text',
  'jsonb',
];

export interface PlacedDraft {
  draft: JournalEntryDraft;
  placement: PeriodPlacement;
}

/**
 * Inserts the entries with ON CONFLICT (idempotency_key) DO NOTHING and returns the row id of
 * each entry actually inserted, by idempotency key. A reversal's `reverses_document_id` is looked
 * up from the reversed entry's key in the same statement.
 */
export async function insertEntries(
  manager: EntityManager,
  entries: PlacedDraft[],
  traceId: string | undefined,
): Promise<Map<string, string>> {
  const inserted = new Map<string, string>();
  for (const chunk of chunked(entries, ENTRY_CASTS.length)) {
    const parameters = chunk.flatMap(({ draft, placement }) => [
      draft.idempotencyKey,
      draft.sourceDocument,
      draft.orderId,
      draft.ruleVersion,
      placement.postingDate,
      placement.period,
      draft.currency,
      draft.presentmentCurrency,
      draft.fxRate ?? null,
      draft.traceId ?? traceId ?? null,
      draft.reversesIdempotencyKey ?? null,
      [describeEntry(draft), movedPeriodNote(placement)].filter(Boolean).join(' '),
    ]);
    const rows: { id: string; idempotency_key: string }[] = await manager.query(
      `INSERT INTO journal_entry (idempotency_key, source_document, order_id, rule_version,
         posting_date, period, currency, presentment_currency, fx_rate, trace_id,
         reverses_document_id, memo)
       SELECT v.idempotency_key, v.source_document, v.order_id, v.rule_version, v.posting_date,
              v.period, v.currency, v.presentment_currency, v.fx_rate, v.trace_id,
              reversed.document_id, v.memo
         FROM (VALUES ${valuesList(chunk.length, ENTRY_CASTS.length, ENTRY_CASTS)})
           AS v (idempotency_key, source_document, order_id, rule_version, posting_date, period,
                 currency, presentment_currency, fx_rate, trace_id, reverses_key, memo)
         LEFT JOIN journal_entry reversed ON reversed.idempotency_key = v.reverses_key
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id, idempotency_key`,
      parameters,
    );
    for (const row of rows) {
      inserted.set(row.idempotency_key, row.id);
    }
  }

  return inserted;
}

/** Inserts the lines of each draft under the entry row id its key maps to. */
export async function insertLines(
  manager: EntityManager,
  drafts: JournalEntryDraft[],
  entryIds: ReadonlyMap<string, string>,
): Promise<void> {
  const rows = drafts.flatMap((draft) => {
    const entryId = entryIds.get(draft.idempotencyKey);
    if (entryId === undefined) {
      return [];
    }

    return draft.lines.map((line, index) => [
      entryId,
      index + 1,
      line.account,
      line.amount.currency,
      line.side === 'debit' ? line.amount.minor.toString() : '0',
      line.side === 'credit' ? line.amount.minor.toString() : '0',
      line.presentmentAmount?.currency ?? null,
      line.presentmentAmount?.minor.toString() ?? null,
      line.memo,
      JSON.stringify(line.dimensions),
    ]);
  });
  for (const chunk of chunked(rows, LINE_CASTS.length)) {
    await manager.query(
      `INSERT INTO journal_line (entry_id, line_no, account, currency, debit_minor, credit_minor,
         presentment_currency, presentment_minor, memo, dimensions)
       VALUES ${valuesList(chunk.length, LINE_CASTS.length, LINE_CASTS)}`,
      chunk.flat(),
    );
  }
}

function chunked<T>(items: T[], columnCount: number): T[][] {
  const size = Math.floor(MAX_PARAMETERS / columnCount);
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }

  return chunks;
}
