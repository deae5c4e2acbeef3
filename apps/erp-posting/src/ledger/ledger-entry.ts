import type {
  JournalEntriesListReply,
  JournalEntryView,
  JournalLineView,
} from '@retail-sync/contracts';
import type { JournalLineDimensions, JournalSide } from '../posting/journal-entry-draft.js';

/** An amount on the wire: a decimal string and its currency code. */
export interface Amount {
  amount: string;
  currency: string;
}

export interface LedgerLine {
  lineNo: number;
  account: string;
  side: JournalSide;
  amount: Amount;
  presentmentAmount?: Amount;
  memo: string;
  dimensions: JournalLineDimensions;
}

/** A posted journal entry as the ERP stores it. */
export interface LedgerEntry {
  documentId: string;
  adapter: string;
  idempotencyKey: string;
  sourceDocument: string;
  orderId: string;
  ruleVersion: string;
  postingDate: string;
  period: string;
  currency: string;
  presentmentCurrency: string;
  fxRate?: string;
  traceId?: string;
  reversesDocumentId?: string;
  memo: string;
  lines: LedgerLine[];
}

/** Maps entries to the request-reply contract, which rejects properties it does not declare. */
export function toJournalEntriesListReply(entries: LedgerEntry[]): JournalEntriesListReply {
  return { entries: entries.map(toJournalEntryView) };
}

function toJournalEntryView(entry: LedgerEntry): JournalEntryView {
  const view: JournalEntryView = {
    documentId: entry.documentId,
    adapter: entry.adapter,
    idempotencyKey: entry.idempotencyKey,
    ruleVersion: entry.ruleVersion,
    period: entry.period,
    postingDate: entry.postingDate,
    currency: entry.currency,
    lines: entry.lines.map(toJournalLineView),
  };
  if (entry.fxRate !== undefined) {
    view.fxRate = entry.fxRate;
  }

  if (entry.traceId !== undefined) {
    view.traceId = entry.traceId;
  }

  if (entry.reversesDocumentId !== undefined) {
    view.reversesDocumentId = entry.reversesDocumentId;
  }

  return view;
}

function toJournalLineView(line: LedgerLine): JournalLineView {
  const view: JournalLineView = {
    lineNo: line.lineNo,
    account: line.account,
    side: line.side,
    amount: { ...line.amount },
    memo: line.memo,
  };
  if (line.presentmentAmount) {
    view.presentmentAmount = { ...line.presentmentAmount };
  }

  if (line.dimensions.sourceLineRef !== undefined) {
    view.sourceLineRef = line.dimensions.sourceLineRef;
  }

  return view;
}
