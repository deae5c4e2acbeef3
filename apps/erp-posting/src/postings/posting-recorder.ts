import type { UnitOfWork } from '@retail-sync/messaging';
import { Money } from '@retail-sync/contracts';
import type { PostedDocument } from '../erp/erp-adapter.js';
import { sumSide, type JournalEntryDraft } from '../posting/journal-entry-draft.js';
import { insertPostings, type PostingKind, type PostingRecord } from './posting-store.js';

export interface PostedEntry {
  kind: PostingKind;
  draft: JournalEntryDraft;
  document: PostedDocument;
  /** The ERP document of the entry a reversal reverses. */
  reversesDocumentId?: string;
  /** Trace of the message behind this entry, when entries of several messages are recorded. */
  traceId?: string;
  /** Runs work in the trace context of the message behind this entry. */
  within?: <R>(work: () => R) => R;
  /** The order version a sale or payment entry was built from. */
  orderVersion?: number;
}

/**
 * Records posted entries in the unit of work and publishes `erp.journal-entry.posted.v2` for each
 * row inserted now. A key recorded by an earlier delivery publishes nothing, so an entry that the
 * ERP returns again after a crash or a duplicate event is announced once.
 */
export async function recordPostedEntries(
  unitOfWork: UnitOfWork,
  adapter: string,
  entries: PostedEntry[],
  traceId: string | undefined,
): Promise<void> {
  const records = entries.map((entry): PostingRecord => ({
    kind: entry.kind,
    status: 'posted',
    draft: entry.draft,
    totalMinor: debitTotal(entry.draft).minor,
    traceId: entry.traceId ?? traceId,
    adapter,
    erpDocumentId: entry.document.documentId,
    reversesDocumentId: entry.reversesDocumentId,
    postingDate: entry.document.postingDate,
    period: entry.document.period,
    orderVersion: entry.orderVersion,
  }));
  const inserted = await insertPostings(unitOfWork.manager, records);
  for (const entry of entries) {
    const postedAt = inserted.get(entry.draft.idempotencyKey);
    if (!postedAt) {
      continue;
    }

    const within = entry.within ?? (<R>(work: () => R): R => work());
    within(() => publishPosted(unitOfWork, adapter, entry, postedAt));
  }
}

function publishPosted(
  unitOfWork: UnitOfWork,
  adapter: string,
  entry: PostedEntry,
  postedAt: Date,
): void {
  {
    unitOfWork.publish(
      'erp.journal-entry.posted.v2',
      {
        orderId: entry.draft.orderId,
        sourceDocument: entry.draft.sourceDocument,
        ruleVersion: entry.draft.ruleVersion,
        erpDocument: { adapter, id: entry.document.documentId },
        period: entry.document.period,
        postedAt: postedAt.toISOString(),
        total: debitTotal(entry.draft).toJSON(),
        ...(entry.reversesDocumentId === undefined
          ? {}
          : { reversesDocumentId: entry.reversesDocumentId }),
      },
      { subject: entry.draft.orderId },
    );
  }
}

/** Records an entry that was deliberately not posted, with the reason in its status. */
export async function recordSkippedEntry(
  unitOfWork: UnitOfWork,
  record: Omit<PostingRecord, 'totalMinor'>,
): Promise<void> {
  await insertPostings(unitOfWork.manager, [
    { ...record, totalMinor: debitTotal(record.draft).minor },
  ]);
}

function debitTotal(draft: JournalEntryDraft): Money {
  return sumSide(draft.lines, 'debit', draft.currency);
}
