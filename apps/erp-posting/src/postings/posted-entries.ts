import type { DataSource } from 'typeorm';
import type { LedgerEntry } from '../ledger/ledger-entry.js';
import { decodeDraft, type StoredJournalEntryDraft } from './journal-entry-draft-codec.js';
import { describeEntry } from '../erp/entry-memo.js';

interface PostedRow {
  adapter: string;
  erp_document_id: string;
  reverses_document_id: string | null;
  posting_date: string;
  period: string;
  trace_id: string | null;
  entry_draft: StoredJournalEntryDraft;
}

/**
 * Rebuilds an order's entries from this service's posting records, for ERPs that cannot be
 * queried. Dates and document ids are the ERP's; the lines are the drafts that were sent.
 */
export async function listPostedEntries(
  dataSource: DataSource,
  orderId: string,
): Promise<LedgerEntry[]> {
  const rows: PostedRow[] = await dataSource.query(
    `SELECT adapter, erp_document_id, reverses_document_id, posting_date::text AS posting_date,
            period, trace_id, entry_draft
       FROM posting WHERE order_id = $1 AND status = 'posted' ORDER BY id`,
    [orderId],
  );

  return rows.map((row) => {
    const draft = decodeDraft(row.entry_draft);
    const entry: LedgerEntry = {
      documentId: row.erp_document_id,
      adapter: row.adapter,
      idempotencyKey: draft.idempotencyKey,
      sourceDocument: draft.sourceDocument,
      orderId: draft.orderId,
      ruleVersion: draft.ruleVersion,
      postingDate: row.posting_date,
      period: row.period,
      currency: draft.currency,
      presentmentCurrency: draft.presentmentCurrency,
      memo: describeEntry(draft),
      lines: draft.lines.map((line, index) => ({
        lineNo: index + 1,
        account: line.account,
        side: line.side,
        amount: line.amount.toJSON(),
        ...(line.presentmentAmount ? { presentmentAmount: line.presentmentAmount.toJSON() } : {}),
        memo: line.memo,
        dimensions: line.dimensions,
      })),
    };
    if (draft.fxRate !== undefined) {
      entry.fxRate = draft.fxRate;
    }

    if (row.trace_id !== null) {
      entry.traceId = row.trace_id;
    }

    if (row.reverses_document_id !== null) {
      entry.reversesDocumentId = row.reverses_document_id;
    }

    return entry;
  });
}
