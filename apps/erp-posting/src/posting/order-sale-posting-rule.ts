import { orderKey, type OrderTaxAssessedEvent } from '@retail-sync/contracts';
import type { ChartOfAccounts } from './chart-of-accounts.js';
import { computeFxRate } from './fx-rate.js';
import { isBalanced, sumBySide, type JournalEntryDraft } from './journal-entry-draft.js';
import { JournalLineBuilder } from './journal-line-builder.js';
import { fromMoneyBag } from './posting-amount.js';
import { InvalidPostingDateError, UnbalancedEntryError } from './posting-errors.js';
import { postAssessedLines, postTaxCredits } from './sale-line-postings.js';
import { postTenders } from './tender-postings.js';

export const ORDER_SALE_RULE_VERSION = 'order-sale@1';

/**
 * Builds the journal entry for a sale from a tax-assessed order version:
 *
 * - Cr revenue, shipping income or gift-card liability per line at net + discount, and Dr the
 *   matching contra-revenue account for the discount.
 * - Cr each tax liability account once per jurisdiction and tax code.
 * - Dr the gateway's clearing account per successful sale or capture, or Dr gift-card liability
 *   for a gift card redemption, and Dr receivable for any unpaid rest of the total.
 *
 * Zero lines are left out. The entry balances in the shop currency or the rule throws
 * UnbalancedEntryError, and tenders above the total throw OverpaidOrderError. An order whose
 * amounts are all zero gives an entry without lines.
 */
export function buildOrderSaleEntry(
  event: OrderTaxAssessedEvent,
  chart: ChartOfAccounts,
): JournalEntryDraft {
  const { order, assessment } = event;
  const sourceDocument = `order:${orderKey(order)}`;
  const total = fromMoneyBag(order.totals.total, order.presentmentCurrency);
  const builder = new JournalLineBuilder(sourceDocument, order.currency, order.presentmentCurrency);

  postAssessedLines(builder, order, assessment.lines, chart);
  postTaxCredits(builder, order, assessment.lines);
  postTenders(builder, order, chart, total, sourceDocument);
  const lines = builder.build();

  // The receivable line makes the settlement debits equal the order total, so a balanced entry
  // also proves that the lines and taxes add up to that total.
  const totals = sumBySide(lines, order.currency);
  if (!isBalanced(totals)) {
    throw new UnbalancedEntryError(sourceDocument, totals.debit, totals.credit);
  }

  const entry: JournalEntryDraft = {
    // The key leaves out the order version, so reprocessing any version of an order that was
    // already posted is a no-op at the ledger. Later changes to a posted order are booked as
    // adjustments by a separate rule, not by posting the sale again.
    idempotencyKey: `${sourceDocument}#${ORDER_SALE_RULE_VERSION}`,
    sourceDocument,
    ruleVersion: ORDER_SALE_RULE_VERSION,
    orderId: event.orderId,
    postingDate: toPostingDate(order.placedAt, sourceDocument),
    currency: order.currency,
    presentmentCurrency: order.presentmentCurrency,
    lines,
  };
  const fxRate = total.presentment ? computeFxRate(total.shop, total.presentment) : undefined;
  if (fxRate !== undefined) {
    entry.fxRate = fxRate;
  }

  return entry;
}

/** Converts an ISO 8601 timestamp to its calendar date in UTC (YYYY-MM-DD). */
export function toPostingDate(timestamp: string, sourceDocument: string): string {
  const time = Date.parse(timestamp);
  if (Number.isNaN(time)) {
    throw new InvalidPostingDateError(sourceDocument, timestamp);
  }

  return new Date(time).toISOString().slice(0, 10);
}
