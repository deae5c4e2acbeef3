import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { loadChartOfAccounts } from './chart-of-accounts.js';
import { buildOrderSaleEntry, toPostingDate } from './order-sale-posting-rule.js';
import { InvalidPostingDateError } from './posting-errors.js';
import {
  buildAssessedOrderEvent,
  CHART_OF_ACCOUNTS_FILE,
  type FixtureTransactionInput,
} from './testing/assessed-order-fixture.js';
import { summarizeJournalLines } from './testing/journal-line-summary.js';

const chart = await loadChartOfAccounts(CHART_OF_ACCOUNTS_FILE);

function orderOf50(transactions: FixtureTransactionInput[]) {
  return buildAssessedOrderEvent({ lines: [{ gross: '50.00' }], transactions });
}

describe('tender postings', () => {
  it('posts only successful sales and captures', () => {
    const event = orderOf50([
      { kind: 'authorization', amount: '50.00', gateway: 'stripe' },
      { kind: 'capture', amount: '30.00', gateway: 'stripe' },
      { kind: 'sale', status: 'failure', amount: '20.00', gateway: 'paypal' },
      { kind: 'void', amount: '20.00', gateway: 'stripe' },
      { kind: 'refund', amount: '5.00', gateway: 'stripe' },
      { kind: 'sale', status: 'pending', amount: '20.00', gateway: 'paypal' },
    ]);

    const entry = buildOrderSaleEntry(event, chart);

    expect(summarizeJournalLines(entry)).toEqual([
      'Cr 4000-SALES-SHOPIFY 50.00',
      'Dr 1160-CLEARING-STRIPE 30.00',
      'Dr 1200-ACCOUNTS-RECEIVABLE 20.00',
    ]);
  });

  it('debits one clearing line per transaction', () => {
    const event = orderOf50([
      { amount: '20.00', gateway: 'paypal', externalId: 'T-1' },
      { amount: '10.00', gateway: 'paypal', externalId: 'T-2' },
      { amount: '20.00', gateway: 'gift_card', externalId: 'T-3' },
    ]);

    const entry = buildOrderSaleEntry(event, chart);

    expect(summarizeJournalLines(entry)).toEqual([
      'Cr 4000-SALES-SHOPIFY 50.00',
      'Dr 1170-CLEARING-PAYPAL 20.00',
      'Dr 1170-CLEARING-PAYPAL 10.00',
      'Dr 2300-GIFT-CARD-LIABILITY 20.00',
    ]);
    expect(entry.lines.map((line) => line.dimensions.sourceLineRef)).toEqual([
      'line:L1',
      'transaction:T-1',
      'transaction:T-2',
      'transaction:T-3',
    ]);
    expect(entry.lines[3].memo).toBe('#T0101 gift card redemption (transaction:T-3)');
  });

  it('uses default clearing for unknown gateway', () => {
    const entry = buildOrderSaleEntry(orderOf50([{ amount: '50.00', gateway: 'manual' }]), chart);

    expect(entry.lines[1].account).toBe('1190-CLEARING-OTHER');
    expect(entry.lines[1].dimensions.gateway).toBe('manual');
  });

  it('debits receivable for the unpaid rest', () => {
    const entry = buildOrderSaleEntry(orderOf50([{ amount: '12.34' }]), chart);

    expect(summarizeJournalLines(entry)).toEqual([
      'Cr 4000-SALES-SHOPIFY 50.00',
      'Dr 1150-CLEARING-SHOPIFY-PAYMENTS 12.34',
      'Dr 1200-ACCOUNTS-RECEIVABLE 37.66',
    ]);
    expect(entry.lines[2].memo).toBe('#T0101 amount due');
  });
});

describe('posting date', () => {
  it('uses the UTC date of placedAt', () => {
    const event = buildAssessedOrderEvent({
      placedAt: '2024-06-13T22:30:00-04:00',
      lines: [{ gross: '1.00' }],
    });

    expect(buildOrderSaleEntry(event, chart).postingDate).toBe('2024-06-14');
  });

  it('rejects an invalid timestamp', () => {
    expect(() => toPostingDate('yesterday', 'order:shopify:shop:1')).toThrow(
      InvalidPostingDateError,
    );
  });
});
