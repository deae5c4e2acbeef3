import type { JournalEntryDraft } from './journal-entry-draft.js';

/**
 * Lists the lines that describe what was sold (revenue, discounts, shipping, gift cards, tax) as
 * sorted `side account amount currency` rows. Tender lines (clearing, receivable) are left out:
 * an order that only moves from unpaid to paid changes them, and payments are settled apart.
 */
export function saleSignature(draft: JournalEntryDraft, receivableAccount: string): string {
  return draft.lines
    .filter((line) => line.dimensions.gateway === undefined && line.account !== receivableAccount)
    .map(
      (line) => `${line.side} ${line.account} ${line.amount.toDecimal()} ${line.amount.currency}`,
    )
    .sort()
    .join('\n');
}
