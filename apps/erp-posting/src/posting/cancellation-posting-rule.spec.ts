import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { buildReversalEntry } from './cancellation-posting-rule.js';
import { loadChartOfAccounts } from './chart-of-accounts.js';
import { sumBySide } from './journal-entry-draft.js';
import { buildOrderSaleEntry } from './order-sale-posting-rule.js';
import { InvalidPostingDateError, InvalidReversalError } from './posting-errors.js';
import {
  buildAssessedOrderEvent,
  CHART_OF_ACCOUNTS_FILE,
} from './testing/assessed-order-fixture.js';

const chart = await loadChartOfAccounts(CHART_OF_ACCOUNTS_FILE);

function saleEntry() {
  const event = buildAssessedOrderEvent({
    currency: 'AUD',
    presentmentCurrency: 'USD',
    lines: [
      {
        gross: { shop: '45.62', presentment: '34.67' },
        discount: { shop: '5.00', presentment: '3.80' },
      },
      { kind: 'shipping', gross: { shop: '10.15', presentment: '7.72' } },
    ],
    transactions: [{ amount: { shop: '20.00', presentment: '15.20' } }],
  });

  return buildOrderSaleEntry(event, chart);
}

describe('buildReversalEntry', () => {
  it('swaps every side and keeps amounts', () => {
    const original = saleEntry();

    const reversal = buildReversalEntry(original, 'customer');

    expect(original.lines.every((line) => line.presentmentAmount !== undefined)).toBe(true);
    expect(reversal.lines).toHaveLength(original.lines.length);
    reversal.lines.forEach((line, index) => {
      const source = original.lines[index];
      expect(line.side).not.toBe(source.side);
      expect(line.account).toBe(source.account);
      expect(line.amount.equals(source.amount)).toBe(true);
      expect(line.presentmentAmount?.toString()).toBe(source.presentmentAmount?.toString());
      expect(line.dimensions).toEqual(source.dimensions);
    });
  });

  it('balances like the original', () => {
    const original = saleEntry();
    const reversal = buildReversalEntry(original, 'customer');
    const originalTotals = sumBySide(original.lines, 'AUD');
    const reversalTotals = sumBySide(reversal.lines, 'AUD');

    expect(reversalTotals.debit.toString()).toBe(reversalTotals.credit.toString());
    expect(reversalTotals.debit.toString()).toBe(originalTotals.credit.toString());
  });

  it('links back to the original', () => {
    const original = saleEntry();

    const reversal = buildReversalEntry(original, 'fraud');

    expect(reversal.idempotencyKey).toBe(
      'order:shopify:example-shop.myshopify.com:9000000000101#reversal#order-sale@1',
    );
    expect(reversal.reversesIdempotencyKey).toBe(original.idempotencyKey);
    expect(reversal.reversalReason).toBe('fraud');
    expect(reversal.sourceDocument).toBe(original.sourceDocument);
    expect(reversal.ruleVersion).toBe(original.ruleVersion);
    expect(reversal.fxRate).toBe(original.fxRate);
    expect(reversal.postingDate).toBe(original.postingDate);
    expect(reversal.lines[0].memo).toBe(`Reversal (fraud): ${original.lines[0].memo}`);
  });

  it('leaves the original untouched', () => {
    const original = saleEntry();
    const sides = original.lines.map((line) => line.side);

    buildReversalEntry(original, 'customer');

    expect(original.lines.map((line) => line.side)).toEqual(sides);
  });

  it('posts on a later date', () => {
    const reversal = buildReversalEntry(saleEntry(), 'customer', '2024-07-01');

    expect(reversal.postingDate).toBe('2024-07-01');
  });

  it('rejects invalid requests', () => {
    const original = saleEntry();
    const reversal = buildReversalEntry(original, 'customer');

    expect(() => buildReversalEntry(original, ' ')).toThrow(InvalidReversalError);
    expect(() => buildReversalEntry(reversal, 'customer')).toThrow(/already reverses/);
    expect(() => buildReversalEntry(original, 'customer', '2024-06-12')).toThrow(
      /before the original posting date 2024-06-13/,
    );
    expect(() => buildReversalEntry(original, 'customer', '2024-02-30')).toThrow(
      InvalidPostingDateError,
    );
  });
});
