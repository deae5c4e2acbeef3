import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { loadChartOfAccounts } from './chart-of-accounts.js';
import { sumBySide } from './journal-entry-draft.js';
import { buildOrderSaleEntry, ORDER_SALE_RULE_VERSION } from './order-sale-posting-rule.js';
import { OverpaidOrderError, UnbalancedEntryError } from './posting-errors.js';
import {
  buildAssessedOrderEvent,
  CHART_OF_ACCOUNTS_FILE,
} from './testing/assessed-order-fixture.js';
import { summarizeJournalLines, sumAccount } from './testing/journal-line-summary.js';

const chart = await loadChartOfAccounts(CHART_OF_ACCOUNTS_FILE);

const REVENUE = '4000-SALES-SHOPIFY';
const DISCOUNTS = '4050-SALES-DISCOUNTS';
const SHIPPING = '4100-SHIPPING-INCOME';
const GIFT_CARDS = '2300-GIFT-CARD-LIABILITY';
const RECEIVABLE = '1200-ACCOUNTS-RECEIVABLE';
const CLEARING = '1150-CLEARING-SHOPIFY-PAYMENTS';
const SALES_TAX = '2210-US-SALES';
const VAT = '2210-VAT-PAYABLE';

function discountBeforeTaxOrder(overrides: { total?: string; payment?: string } = {}) {
  return buildAssessedOrderEvent({
    lines: [
      {
        title: 'Item A',
        gross: '100.00',
        discount: '20.00',
        taxes: [{ amount: '8.00', title: 'Sales Tax', rate: '0.1' }],
      },
    ],
    transactions: [{ amount: overrides.payment ?? '88.00', externalId: '9000000010101' }],
    total: overrides.total,
  });
}

describe('buildOrderSaleEntry', () => {
  it('posts discount before tax', () => {
    const entry = buildOrderSaleEntry(discountBeforeTaxOrder(), chart);
    const totals = sumBySide(entry.lines, 'USD');

    expect(summarizeJournalLines(entry)).toEqual([
      `Cr ${REVENUE} 100.00`,
      `Dr ${DISCOUNTS} 20.00`,
      `Cr ${SALES_TAX} 8.00`,
      `Dr ${CLEARING} 88.00`,
    ]);
    expect(totals.debit.toDecimal()).toBe('108.00');
    expect(totals.credit.toDecimal()).toBe('108.00');
    expect(entry.lines.some((line) => line.account === RECEIVABLE)).toBe(false);
  });

  it('nets revenue less discounts to 80.00', () => {
    const entry = buildOrderSaleEntry(discountBeforeTaxOrder(), chart);
    const revenue = sumAccount(entry, REVENUE, 'credit');
    const discounts = sumAccount(entry, DISCOUNTS, 'debit');

    expect(revenue.subtract(discounts).toDecimal()).toBe('80.00');
  });

  it('sets memos and dimensions', () => {
    const entry = buildOrderSaleEntry(discountBeforeTaxOrder(), chart);
    const [revenue, discount, tax, tender] = entry.lines;

    expect(revenue.memo).toBe('#T0101 sale: Item A (line:L1)');
    expect(revenue.dimensions).toEqual({ channel: 'shopify', sourceLineRef: 'line:L1' });
    expect(discount.memo).toBe('#T0101 discount: Item A (line:L1)');
    expect(tax.dimensions).toEqual({ channel: 'shopify', jurisdiction: 'US-NY', taxCode: 'SALES' });
    expect(tender.dimensions).toEqual({
      channel: 'shopify',
      gateway: 'shopify_payments',
      sourceLineRef: 'transaction:9000000010101',
    });
  });

  it('credits shipping tax once per jurisdiction', () => {
    const vat = { title: 'VAT 7%', rate: '0.07', jurisdiction: 'DE', taxCode: 'VAT' };
    const event = buildAssessedOrderEvent({
      currency: 'EUR',
      lines: [
        {
          gross: '32.10',
          taxes: [{ ...vat, amount: '2.25', liabilityAccount: VAT }],
        },
        {
          kind: 'shipping',
          gross: '4.99',
          taxes: [{ ...vat, amount: '0.35', liabilityAccount: VAT }],
        },
      ],
    });

    const entry = buildOrderSaleEntry(event, chart);

    expect(summarizeJournalLines(entry)).toEqual([
      `Cr ${REVENUE} 32.10`,
      `Cr ${SHIPPING} 4.99`,
      `Cr ${VAT} 2.60`,
      `Dr ${RECEIVABLE} 39.69`,
    ]);
    expect(entry.currency).toBe('EUR');
  });

  it('keeps order-level tax rounding', () => {
    const allocatedTax = ['0.29', '0.29', '0.28', '0.28', '0.28', '0.30'];
    const ny = { rate: '0.08875', title: 'NY', jurisdiction: 'US-NY' };
    const event = buildAssessedOrderEvent({
      lines: [
        ...allocatedTax.slice(0, 5).map((tax) => ({
          gross: '3.20',
          taxes: [{ ...ny, amount: tax }],
        })),
        { kind: 'shipping' as const, gross: '3.40', taxes: [{ ...ny, amount: allocatedTax[5] }] },
      ],
      transactions: [{ amount: '21.12' }],
    });

    const entry = buildOrderSaleEntry(event, chart);
    const totals = sumBySide(entry.lines, 'USD');

    expect(entry.lines.filter((line) => line.account === REVENUE)).toHaveLength(5);
    expect(sumAccount(entry, REVENUE, 'credit').toDecimal()).toBe('16.00');
    expect(sumAccount(entry, SHIPPING, 'credit').toDecimal()).toBe('3.40');
    expect(sumAccount(entry, SALES_TAX, 'credit').toDecimal()).toBe('1.72');
    expect(sumAccount(entry, CLEARING, 'debit').toDecimal()).toBe('21.12');
    expect(totals.debit.toDecimal()).toBe('21.12');
    expect(totals.credit.toDecimal()).toBe('21.12');
  });

  it('posts gift card sale as liability', () => {
    const entry = buildOrderSaleEntry(giftCardSaleOrder(), chart);

    expect(summarizeJournalLines(entry)).toEqual([
      `Cr ${GIFT_CARDS} 50.00`,
      `Cr ${REVENUE} 20.00`,
      `Cr ${SALES_TAX} 1.60`,
      `Dr ${CLEARING} 71.60`,
    ]);
    const giftCardLines = entry.lines.filter((line) => line.dimensions.sourceLineRef === 'line:L1');
    expect(giftCardLines.map((line) => line.account)).toEqual([GIFT_CARDS]);
  });

  it('posts gift card redemption against liability', () => {
    const entry = buildOrderSaleEntry(giftCardRedemptionOrder(), chart);

    expect(summarizeJournalLines(entry)).toEqual([
      `Cr ${REVENUE} 30.00`,
      `Dr ${GIFT_CARDS} 25.00`,
      `Dr ${CLEARING} 5.00`,
    ]);
  });

  it('nets gift card liability across orders', () => {
    const sale = buildOrderSaleEntry(giftCardSaleOrder(), chart);
    const redemption = buildOrderSaleEntry(giftCardRedemptionOrder(), chart);
    const credits = sumAccount(sale, GIFT_CARDS, 'credit').add(
      sumAccount(redemption, GIFT_CARDS, 'credit'),
    );
    const debits = sumAccount(sale, GIFT_CARDS, 'debit').add(
      sumAccount(redemption, GIFT_CARDS, 'debit'),
    );

    expect(credits.subtract(debits).toDecimal()).toBe('25.00');
  });

  it('records presentment currency beside shop currency', () => {
    const event = buildAssessedOrderEvent({
      currency: 'AUD',
      presentmentCurrency: 'USD',
      lines: [
        {
          gross: { shop: '45.62', presentment: '34.67' },
          taxes: [
            {
              amount: { shop: '4.56', presentment: '3.47' },
              title: 'GST',
              jurisdiction: 'AU',
              taxCode: 'GST',
              liabilityAccount: '2220-GST-PAYABLE',
            },
          ],
        },
        { kind: 'shipping', gross: { shop: '10.15', presentment: '7.72' } },
      ],
      transactions: [{ amount: { shop: '60.33', presentment: '45.86' } }],
      total: { shop: '60.33', presentment: '45.86' },
    });

    const entry = buildOrderSaleEntry(event, chart);
    const totals = sumBySide(entry.lines, 'AUD');
    const presentment = entry.lines.map((line) => line.presentmentAmount?.toString());

    expect(entry.currency).toBe('AUD');
    expect(entry.presentmentCurrency).toBe('USD');
    expect(summarizeJournalLines(entry)).toEqual([
      `Cr ${REVENUE} 45.62`,
      `Cr ${SHIPPING} 10.15`,
      'Cr 2220-GST-PAYABLE 4.56',
      `Dr ${CLEARING} 60.33`,
    ]);
    expect(totals.debit.toString()).toBe('60.33 AUD');
    expect(totals.credit.toString()).toBe('60.33 AUD');
    expect(presentment).toEqual(['34.67 USD', '7.72 USD', '3.47 USD', '45.86 USD']);
    expect(entry.fxRate).toBe('0.7601524946');
  });

  it('omits presentment when a tender lacks it', () => {
    const event = buildAssessedOrderEvent({
      currency: 'AUD',
      presentmentCurrency: 'USD',
      lines: [{ gross: { shop: '45.62', presentment: '34.67' } }],
      transactions: [{ amount: '45.62' }],
      total: { shop: '45.62', presentment: '34.67' },
    });

    const entry = buildOrderSaleEntry(event, chart);

    expect(entry.lines.every((line) => line.presentmentAmount === undefined)).toBe(true);
    expect(entry.fxRate).toBe('0.7599736957');
  });

  it('omits presentment and rate in one currency', () => {
    const entry = buildOrderSaleEntry(discountBeforeTaxOrder(), chart);

    expect(entry.presentmentCurrency).toBe('USD');
    expect(entry.fxRate).toBeUndefined();
    expect(entry.lines.every((line) => line.presentmentAmount === undefined)).toBe(true);
  });

  it('rejects total above the lines', () => {
    const event = discountBeforeTaxOrder({ total: '88.01' });

    const error = captureError(() => buildOrderSaleEntry(event, chart));

    expect(error).toBeInstanceOf(UnbalancedEntryError);
    const unbalanced = error as UnbalancedEntryError;
    expect(unbalanced.code).toBe('posting.unbalanced');
    expect(unbalanced.debits.toDecimal()).toBe('108.01');
    expect(unbalanced.credits.toDecimal()).toBe('108.00');
    expect(unbalanced.difference.toDecimal()).toBe('0.01');
    expect(unbalanced.message).toContain('debits 108.01 USD, credits 108.00 USD');
    expect(unbalanced.message).toContain('difference 0.01 USD');
  });

  it('rejects tenders above the total', () => {
    const event = discountBeforeTaxOrder({ payment: '88.01' });

    const error = captureError(() => buildOrderSaleEntry(event, chart));

    expect(error).toBeInstanceOf(OverpaidOrderError);
    const overpaid = error as OverpaidOrderError;
    expect(overpaid.code).toBe('posting.tenders-exceed-total');
    expect(overpaid.tendered.toDecimal()).toBe('88.01');
    expect(overpaid.total.toDecimal()).toBe('88.00');
  });

  it('keys every order version alike', () => {
    const first = buildOrderSaleEntry(discountBeforeTaxOrder(), chart);
    const laterEvent = discountBeforeTaxOrder({ payment: '80.00' });
    laterEvent.orderVersion = 2;
    const later = buildOrderSaleEntry(laterEvent, chart);

    expect(later.idempotencyKey).toBe(first.idempotencyKey);
    expect(first.idempotencyKey).toBe(
      'order:shopify:example-shop.myshopify.com:9000000000101#order-sale@1',
    );
    expect(first.sourceDocument).toBe('order:shopify:example-shop.myshopify.com:9000000000101');
    expect(first.ruleVersion).toBe(ORDER_SALE_RULE_VERSION);
  });
});

function giftCardSaleOrder() {
  return buildAssessedOrderEvent({
    externalId: '9000000001701',
    name: '#T1701',
    lines: [
      { kind: 'gift_card', title: 'Gift Card', gross: '50.00' },
      { title: 'T-shirt', gross: '20.00', taxes: [{ amount: '1.60' }] },
    ],
    transactions: [{ amount: '71.60' }],
  });
}

function giftCardRedemptionOrder() {
  return buildAssessedOrderEvent({
    externalId: '9000000001702',
    name: '#T1702',
    lines: [{ title: 'Book', gross: '30.00' }],
    transactions: [
      { gateway: 'gift_card', amount: '25.00' },
      { gateway: 'shopify_payments', amount: '5.00' },
    ],
  });
}

function captureError(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }

  throw new Error('Expected the action to throw, but it returned.');
}
