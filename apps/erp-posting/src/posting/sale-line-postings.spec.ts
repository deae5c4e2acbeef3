import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { loadChartOfAccounts, type ChartOfAccounts } from './chart-of-accounts.js';
import { buildOrderSaleEntry } from './order-sale-posting-rule.js';
import { NegativeJournalAmountError } from './posting-errors.js';
import {
  buildAssessedOrderEvent,
  CHART_OF_ACCOUNTS_FILE,
} from './testing/assessed-order-fixture.js';
import { summarizeJournalLines } from './testing/journal-line-summary.js';

const chart = await loadChartOfAccounts(CHART_OF_ACCOUNTS_FILE);

describe('assessed line postings', () => {
  it('debits shipping discount separately', () => {
    const event = buildAssessedOrderEvent({
      lines: [
        { gross: '40.00' },
        { kind: 'shipping', gross: '10.00', discount: '10.00' },
        { kind: 'shipping', gross: '5.00', discount: '2.00' },
      ],
      transactions: [{ amount: '43.00' }],
    });

    const entry = buildOrderSaleEntry(event, chart);

    expect(summarizeJournalLines(entry)).toEqual([
      'Cr 4000-SALES-SHOPIFY 40.00',
      'Cr 4100-SHIPPING-INCOME 10.00',
      'Dr 4150-SHIPPING-DISCOUNTS 10.00',
      'Cr 4100-SHIPPING-INCOME 5.00',
      'Dr 4150-SHIPPING-DISCOUNTS 2.00',
      'Dr 1150-CLEARING-SHOPIFY-PAYMENTS 43.00',
    ]);
  });

  it('omits zero shipping and untaxed lines', () => {
    const event = buildAssessedOrderEvent({
      lines: [
        { gross: '12.00', taxes: [{ amount: '0.00' }] },
        { kind: 'shipping', gross: '0.00' },
      ],
      transactions: [{ amount: '12.00' }],
    });

    const entry = buildOrderSaleEntry(event, chart);

    expect(summarizeJournalLines(entry)).toEqual([
      'Cr 4000-SALES-SHOPIFY 12.00',
      'Dr 1150-CLEARING-SHOPIFY-PAYMENTS 12.00',
    ]);
  });

  it('debits discounts on discounted gift card', () => {
    const event = buildAssessedOrderEvent({
      lines: [{ kind: 'gift_card', gross: '50.00', discount: '5.00' }],
      transactions: [{ amount: '45.00' }],
    });

    const entry = buildOrderSaleEntry(event, chart);

    expect(summarizeJournalLines(entry)).toEqual([
      'Cr 2300-GIFT-CARD-LIABILITY 50.00',
      'Dr 4050-SALES-DISCOUNTS 5.00',
      'Dr 1150-CLEARING-SHOPIFY-PAYMENTS 45.00',
    ]);
    expect(entry.lines[1].memo).toBe('#T0101 gift card discount: Gift Card (line:L1)');
  });

  it('credits revenue net of included tax', () => {
    const event = buildAssessedOrderEvent({
      currency: 'EUR',
      taxesIncluded: true,
      lines: [
        {
          gross: '119.00',
          discount: '11.90',
          net: '90.00',
          taxes: [
            { amount: '17.10', jurisdiction: 'DE', taxCode: 'VAT', liabilityAccount: '2210-VAT' },
          ],
        },
      ],
      transactions: [{ amount: '107.10' }],
    });

    const entry = buildOrderSaleEntry(event, chart);

    expect(summarizeJournalLines(entry)).toEqual([
      'Cr 4000-SALES-SHOPIFY 101.90',
      'Dr 4050-SALES-DISCOUNTS 11.90',
      'Cr 2210-VAT 17.10',
      'Dr 1150-CLEARING-SHOPIFY-PAYMENTS 107.10',
    ]);
  });

  it('credits each jurisdiction separately', () => {
    const state = { jurisdiction: 'US-NY', taxCode: 'NY-STATE', title: 'NY State Tax' };
    const city = { jurisdiction: 'US-NY-NYC', taxCode: 'NYC', title: 'NYC Tax' };
    const event = buildAssessedOrderEvent({
      lines: [
        {
          gross: '100.00',
          taxes: [
            { ...state, amount: '4.00' },
            { ...city, amount: '4.50' },
          ],
        },
        { gross: '10.00', taxes: [{ ...state, amount: '0.40' }] },
      ],
      transactions: [{ amount: '118.90' }],
    });

    const entry = buildOrderSaleEntry(event, chart);
    const taxLines = entry.lines.filter((line) => line.account === '2210-US-SALES');

    expect(taxLines.map((line) => line.amount.toDecimal())).toEqual(['4.40', '4.50']);
    expect(taxLines.map((line) => line.dimensions.taxCode)).toEqual(['NY-STATE', 'NYC']);
    expect(taxLines[0].memo).toBe('#T0101 NY State Tax US-NY');
  });

  it('falls back to default revenue account', () => {
    const chartWithoutPos: ChartOfAccounts = {
      ...chart,
      revenue: { shopify: '4000-SALES-SHOPIFY', default: '4090-SALES-OTHER' },
    };
    const event = buildAssessedOrderEvent({
      channel: 'pos',
      lines: [{ gross: '9.99' }],
      transactions: [{ amount: '9.99' }],
    });

    const entry = buildOrderSaleEntry(event, chartWithoutPos);

    expect(entry.lines[0].account).toBe('4090-SALES-OTHER');
    expect(entry.sourceDocument).toBe('order:pos:example-shop.myshopify.com:9000000000101');
  });

  it('rejects negative line amount', () => {
    const event = buildAssessedOrderEvent({
      lines: [{ gross: '10.00', discount: '-2.00', net: '12.00' }],
      transactions: [{ amount: '12.00' }],
    });

    expect(() => buildOrderSaleEntry(event, chart)).toThrow(NegativeJournalAmountError);
    expect(() => buildOrderSaleEntry(event, chart)).toThrow(
      'Journal line "#T0101 discount: Item L1 (line:L1)" on account 4050-SALES-DISCOUNTS',
    );
  });
});
