import 'reflect-metadata';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  InvalidChartOfAccountsError,
  loadChartOfAccounts,
  parseChartOfAccounts,
} from './chart-of-accounts.js';
import { CHART_OF_ACCOUNTS_FILE } from './testing/assessed-order-fixture.js';

const validChart = {
  revenue: { shopify: '4000-SALES-SHOPIFY', default: '4090-SALES-OTHER' },
  discounts: '4050-SALES-DISCOUNTS',
  shippingRevenue: '4100-SHIPPING-INCOME',
  shippingDiscounts: '4150-SHIPPING-DISCOUNTS',
  giftCardLiability: '2300-GIFT-CARD-LIABILITY',
  receivable: '1200-ACCOUNTS-RECEIVABLE',
  clearing: { shopify_payments: '1150-CLEARING-SHOPIFY-PAYMENTS', default: '1190-CLEARING-OTHER' },
  taxLiabilities: ['2210-US-SALES'],
};

function parseError(json: unknown): InvalidChartOfAccountsError {
  try {
    parseChartOfAccounts(json, 'chart.json');
  } catch (error) {
    if (error instanceof InvalidChartOfAccountsError) {
      return error;
    }

    throw error;
  }

  throw new Error('Expected parseChartOfAccounts to reject the chart.');
}

describe('loadChartOfAccounts', () => {
  it('loads the shipped chart', async () => {
    const chart = await loadChartOfAccounts(CHART_OF_ACCOUNTS_FILE);

    expect(chart.revenue.shopify).toBe('4000-SALES-SHOPIFY');
    expect(chart.discounts).toBe('4050-SALES-DISCOUNTS');
    expect(chart.shippingRevenue).toBe('4100-SHIPPING-INCOME');
    expect(chart.giftCardLiability).toBe('2300-GIFT-CARD-LIABILITY');
    expect(chart.receivable).toBe('1200-ACCOUNTS-RECEIVABLE');
    expect(chart.clearing.shopify_payments).toBe('1150-CLEARING-SHOPIFY-PAYMENTS');
    expect(chart.clearing.stripe).toBe('1160-CLEARING-STRIPE');
    expect(chart.clearing.paypal).toBe('1170-CLEARING-PAYPAL');
    expect(chart.clearing.default).toBe('1190-CLEARING-OTHER');
  });

  it('rejects a missing file', async () => {
    const path = join(tmpdir(), 'retail-sync-no-such-chart.json');

    await expect(loadChartOfAccounts(path)).rejects.toThrow(/cannot read the file/);
  });

  it('rejects invalid JSON', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'chart-of-accounts-'));
    const path = join(directory, 'chart.json');
    await writeFile(path, '{ "discounts": ', 'utf8');

    await expect(loadChartOfAccounts(path)).rejects.toThrow(/is not valid JSON/);
  });
});

describe('parseChartOfAccounts', () => {
  it('accepts a complete chart', () => {
    expect(parseChartOfAccounts(validChart, 'chart.json')).toEqual(validChart);
  });

  it('names a missing account', () => {
    const { receivable: _receivable, ...chart } = validChart;

    const error = parseError(chart);

    expect(error.code).toBe('posting.chart-of-accounts-invalid');
    expect(error.key).toBe('receivable');
    expect(error.message).toBe(
      'Invalid chart of accounts in chart.json at "receivable": missing. Add the account code.',
    );
  });

  it('names a missing default', () => {
    const error = parseError({ ...validChart, clearing: { stripe: '1160-CLEARING-STRIPE' } });

    expect(error.key).toBe('clearing.default');
  });

  it('names a missing account map', () => {
    const { revenue: _revenue, ...chart } = validChart;

    expect(parseError(chart).key).toBe('revenue');
  });

  it('rejects empty and non-string codes', () => {
    expect(parseError({ ...validChart, discounts: '  ' }).key).toBe('discounts');
    expect(parseError({ ...validChart, discounts: 4050 }).message).toContain('got 4050');
    expect(
      parseError({ ...validChart, clearing: { ...validChart.clearing, paypal: '' } }).key,
    ).toBe('clearing.paypal');
  });

  it('rejects unknown keys and channels', () => {
    expect(parseError({ ...validChart, shipingRevenue: 'x' }).key).toBe('shipingRevenue');
    expect(
      parseError({ ...validChart, revenue: { ...validChart.revenue, shopfy: '4000' } }).key,
    ).toBe('revenue.shopfy');
  });

  it('rejects a non-object chart', () => {
    expect(parseError([]).key).toBe('(root)');
    expect(parseError({ ...validChart, revenue: 'x' }).key).toBe('revenue');
  });

  it('requires the tax liability accounts', () => {
    const { taxLiabilities: _omitted, ...withoutTax } = validChart;

    expect(parseError(withoutTax).key).toBe('taxLiabilities');
  });
});
