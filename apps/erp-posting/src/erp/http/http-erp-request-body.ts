import type {
  JournalLineDimensions,
  JournalEntryDraft,
  JournalSide,
} from '../../posting/journal-entry-draft.js';
import { describeEntry } from '../entry-memo.js';

interface AmountBody {
  amount: string;
  currency: string;
}

/** One journal line of the HTTP ERP contract; amounts are decimal strings, never numbers. */
export interface HttpErpLineBody {
  lineNo: number;
  account: string;
  side: JournalSide;
  amount: AmountBody;
  presentmentAmount?: AmountBody;
  memo: string;
  dimensions: JournalLineDimensions;
}

/** The body of `POST {ERP_BASE_URL}/journal-entries`, documented in the service README. */
export interface HttpErpEntryBody {
  idempotencyKey: string;
  sourceDocument: string;
  orderId: string;
  ruleVersion: string;
  postingDate: string;
  currency: string;
  presentmentCurrency: string;
  fxRate?: string;
  memo: string;
  traceId?: string;
  reversesIdempotencyKey?: string;
  reversalReason?: string;
  lines: HttpErpLineBody[];
}

export function toHttpErpEntryBody(draft: JournalEntryDraft, traceId?: string): HttpErpEntryBody {
  return {
    idempotencyKey: draft.idempotencyKey,
    sourceDocument: draft.sourceDocument,
    orderId: draft.orderId,
    ruleVersion: draft.ruleVersion,
    postingDate: draft.postingDate,
    currency: draft.currency,
    presentmentCurrency: draft.presentmentCurrency,
    ...(draft.fxRate === undefined ? {} : { fxRate: draft.fxRate }),
    memo: describeEntry(draft),
    ...(traceId === undefined ? {} : { traceId }),
    ...(draft.reversesIdempotencyKey === undefined
      ? {}
      : {
          reversesIdempotencyKey: draft.reversesIdempotencyKey,
          reversalReason: draft.reversalReason,
        }),
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
}
