import { Money } from '@retail-sync/contracts';

export type JournalSide = 'debit' | 'credit';

/** Reporting dimensions that let a person trace a journal line back to its source. */
export interface JournalLineDimensions {
  channel?: string;
  gateway?: string;
  jurisdiction?: string;
  taxCode?: string;
  /** The assessed line (`line:<id>`, `shipping:<position>`) or transaction behind this line. */
  sourceLineRef?: string;
}

/** One debit or credit of a journal entry before it reaches the ERP. */
export interface JournalLineDraft {
  account: string;
  side: JournalSide;
  /** Positive amount in the shop currency; the side carries the direction. */
  amount: Money;
  /** The same amount in the customer's currency, present on every line of an entry or none. */
  presentmentAmount?: Money;
  memo: string;
  dimensions: JournalLineDimensions;
}

/** A balanced journal entry ready to post, keyed so that posting it twice has no effect. */
export interface JournalEntryDraft {
  /** The key the ledger deduplicates on: one per source document and posting rule. */
  idempotencyKey: string;
  /** The business document behind the entry, e.g. `order:shopify:<shop>:<order id>`. */
  sourceDocument: string;
  ruleVersion: string;
  orderId: string;
  /** Calendar date of the entry in UTC, as YYYY-MM-DD. */
  postingDate: string;
  /** Shop currency: every line amount is in it and the entry balances in it. */
  currency: string;
  presentmentCurrency: string;
  /** Presentment units per shop unit as a decimal string with at most 10 decimals. */
  fxRate?: string;
  lines: JournalLineDraft[];
  /** The idempotency key of the entry that this entry reverses. */
  reversesIdempotencyKey?: string;
  /** Why the reversed entry was withdrawn, e.g. the channel's cancel reason. */
  reversalReason?: string;
  /** Trace of the message that produced the draft, stored on the ledger entry. */
  traceId?: string;
  /** W3C traceparent of that message, sent to a vendor ERP so its spans join the trace. */
  traceparent?: string;
}

/** The total of each side of a set of journal lines. */
export interface SideTotals {
  debit: Money;
  credit: Money;
}

/** Sums the shop-currency amounts per side. Throws CurrencyMismatchError for another currency. */
export function sumBySide(lines: readonly JournalLineDraft[], currency: string): SideTotals {
  return {
    debit: sumSide(lines, 'debit', currency),
    credit: sumSide(lines, 'credit', currency),
  };
}

export function sumSide(
  lines: readonly JournalLineDraft[],
  side: JournalSide,
  currency: string,
): Money {
  const amounts = lines.filter((line) => line.side === side).map((line) => line.amount);

  return Money.sum(amounts, currency);
}

/**
 * Sums the presentment amounts per side. Returns undefined when any line lacks one, because a
 * partial presentment total means nothing.
 */
export function sumPresentmentBySide(
  lines: readonly Pick<JournalLineDraft, 'side' | 'presentmentAmount'>[],
  presentmentCurrency: string,
): SideTotals | undefined {
  const debits: Money[] = [];
  const credits: Money[] = [];
  for (const line of lines) {
    if (!line.presentmentAmount) {
      return undefined;
    }

    (line.side === 'debit' ? debits : credits).push(line.presentmentAmount);
  }

  return {
    debit: Money.sum(debits, presentmentCurrency),
    credit: Money.sum(credits, presentmentCurrency),
  };
}

/** Returns true when both sides total the same amount. */
export function isBalanced(totals: SideTotals): boolean {
  return totals.debit.equals(totals.credit);
}
