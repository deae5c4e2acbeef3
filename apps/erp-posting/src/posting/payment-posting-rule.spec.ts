import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { loadChartOfAccounts } from './chart-of-accounts.js';
import { sumBySide, type JournalEntryDraft } from './journal-entry-draft.js';
import { buildOrderSaleEntry } from './order-sale-posting-rule.js';
import { buildPaymentEntry } from './payment-posting-rule.js';
import {
  buildAssessedOrderEvent,
  CHART_OF_ACCOUNTS_FILE,
} from './testing/assessed-order-fixture.js';
import type { FixtureTransactionInput } from './testing/assessed-order-fixture-input.js';

const chart = await loadChartOfAccounts(CHART_OF_ACCOUNTS_FILE);

/** Builds the sale entry of an AUD order of 55.00 shown in USD, with the given payments. */
function saleWith(transactions: FixtureTransactionInput[]): JournalEntryDraft {
  const event = buildAssessedOrderEvent({
    currency: 'AUD',
    presentmentCurrency: 'USD',
    lines: [{ gross: { shop: '55.00', presentment: '36.30' } }],
    transactions,
  });

  return buildOrderSaleEntry(event, chart);
}

/** Lists an entry's lines as `Dr|Cr account shop (presentment)`, sorted. */
function summarize(entry: JournalEntryDraft | undefined): string[] {
  return (entry?.lines ?? [])
    .map(
      (line) =>
        `${line.side === 'debit' ? 'Dr' : 'Cr'} ${line.account} ${line.amount.toDecimal()}` +
        ` (${line.presentmentAmount?.toDecimal() ?? '-'})`,
    )
    .sort();
}

/** Builds the payment entry of `latest` against the posted entries (version 2 by default). */
function paymentFor(
  latest: JournalEntryDraft,
  posted: JournalEntryDraft[],
  orderVersion = 2,
  postingDate = '2024-07-02',
): JournalEntryDraft | undefined {
  return buildPaymentEntry({
    latest,
    posted,
    orderVersion,
    postingDate,
    receivableAccount: chart.receivable,
  });
}

const PAID_IN_FULL: FixtureTransactionInput[] = [
  { amount: { shop: '55.00', presentment: '36.30' } },
];

describe('buildPaymentEntry', () => {
  it('moves a paid order from the receivable to clearing', () => {
    const pending = saleWith([]);
    const paid = saleWith(PAID_IN_FULL);

    const payment = paymentFor(paid, [pending]);

    expect(summarize(payment)).toEqual([
      `Cr ${chart.receivable} 55.00 (36.30)`,
      `Dr ${chart.clearing.shopify_payments ?? chart.clearing.default} 55.00 (36.30)`,
    ]);
    expect(payment?.idempotencyKey).toBe(`${pending.sourceDocument}#payment-v2#order-payment@1`);
    expect(payment?.postingDate).toBe('2024-07-02');
    const totals = sumBySide(payment?.lines ?? [], 'AUD');
    expect(totals.debit.toDecimal()).toBe('55.00');
    expect(totals.credit.toDecimal()).toBe('55.00');
  });

  it('moves only the part paid since', () => {
    const partly = saleWith([{ amount: { shop: '20.00', presentment: '13.20' } }]);
    const paid = saleWith([
      { amount: { shop: '20.00', presentment: '13.20' } },
      { amount: { shop: '35.00', presentment: '23.10' } },
    ]);

    const payment = paymentFor(paid, [partly], 3);

    expect(summarize(payment)).toEqual([
      `Cr ${chart.receivable} 35.00 (23.10)`,
      `Dr ${chart.clearing.shopify_payments ?? chart.clearing.default} 35.00 (23.10)`,
    ]);
  });

  it('counts earlier payments as posted', () => {
    const pending = saleWith([]);
    const paid = saleWith(PAID_IN_FULL);
    const first = paymentFor(paid, [pending]);

    expect(first).toBeDefined();

    const again = paymentFor(paid, first ? [pending, first] : [pending], 3, '2024-07-03');

    expect(again).toBeUndefined();
  });

  it('returns nothing for unchanged tenders', () => {
    const paid = saleWith(PAID_IN_FULL);

    const payment = paymentFor(paid, [paid]);

    expect(payment).toBeUndefined();
  });

  it('never dates a payment before its sale', () => {
    const pending = saleWith([]);

    const payment = paymentFor(saleWith(PAID_IN_FULL), [pending], 2, '2000-01-01');

    expect(payment?.postingDate).toBe(pending.postingDate);
  });
});
