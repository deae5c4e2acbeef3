import { Money } from '@retail-sync/contracts';
import type { UnitOfWork } from '@retail-sync/messaging';
import type { Logger } from 'pino';
import type { ErpAdapter } from '../erp/erp-adapter.js';
import type { LedgerEntry, LedgerLine } from '../ledger/ledger-entry.js';
import type { JournalEntryDraft, JournalLineDraft } from '../posting/journal-entry-draft.js';
import { ORDER_PAYMENT_RULE_VERSION } from '../posting/payment-posting-rule.js';
import { recordPostedEntries, type PostedEntry } from './posting-recorder.js';
import { findPostingStatus, type PostingKind } from './posting-store.js';

const PAYMENT_VERSION = /#payment-v(\d+)$/;

/**
 * Records the entries the ERP booked for an order that this service has no posting row for.
 * That happens when the process dies after the ERP call and before its transaction commits.
 * The next delivery of the same event would record them, but a cancellation or a newer version
 * handled first would not see them, and would leave them unreversed or post a second payment.
 * Only ERPs that list entries by order (the built-in ledger) are checked. Returns how many
 * entries were recorded.
 */
export async function recordUnrecordedEntries(
  erp: ErpAdapter,
  unitOfWork: UnitOfWork,
  orderId: string,
  logger: Logger,
): Promise<number> {
  // NOTE: the HTTP adapter cannot list a vendor ERP's entries, so behind it an interrupted
  // posting stays unrecorded until its event is delivered again.
  if (!erp.listByOrder) {
    return 0;
  }

  const unrecorded: PostedEntry[] = [];
  for (const entry of await erp.listByOrder(orderId)) {
    if ((await findPostingStatus(unitOfWork.manager, entry.idempotencyKey)) !== undefined) {
      continue;
    }

    const version = PAYMENT_VERSION.exec(entry.sourceDocument)?.[1];
    unrecorded.push({
      kind: postingKind(entry),
      draft: toDraft(entry),
      document: { ...entry, created: false },
      reversesDocumentId: entry.reversesDocumentId,
      traceId: entry.traceId,
      // A sale's version is not in the ledger; a payment's is part of its source document.
      ...(version === undefined ? {} : { orderVersion: Number(version) }),
    });
  }

  if (unrecorded.length > 0) {
    await recordPostedEntries(unitOfWork, erp.name, unrecorded, undefined);
    logger.warn(
      { orderId, documentIds: unrecorded.map((entry) => entry.document.documentId) },
      'Recorded ERP entries that an interrupted posting left unrecorded',
    );
  }

  return unrecorded.length;
}

function postingKind(entry: LedgerEntry): PostingKind {
  if (entry.reversesDocumentId !== undefined) {
    return 'reversal';
  }

  return entry.ruleVersion === ORDER_PAYMENT_RULE_VERSION ? 'payment' : 'sale';
}

/** Rebuilds the draft that was posted from the ERP's copy of the entry. */
function toDraft(entry: LedgerEntry): JournalEntryDraft {
  return {
    idempotencyKey: entry.idempotencyKey,
    sourceDocument: entry.sourceDocument,
    ruleVersion: entry.ruleVersion,
    orderId: entry.orderId,
    postingDate: entry.postingDate,
    currency: entry.currency,
    presentmentCurrency: entry.presentmentCurrency,
    ...(entry.fxRate === undefined ? {} : { fxRate: entry.fxRate }),
    lines: entry.lines.map(toLineDraft),
  };
}

function toLineDraft(line: LedgerLine): JournalLineDraft {
  return {
    account: line.account,
    side: line.side,
    amount: Money.parse(line.amount.amount, line.amount.currency),
    ...(line.presentmentAmount
      ? {
          presentmentAmount: Money.parse(
            line.presentmentAmount.amount,
            line.presentmentAmount.currency,
          ),
        }
      : {}),
    memo: line.memo,
    dimensions: line.dimensions,
  };
}
