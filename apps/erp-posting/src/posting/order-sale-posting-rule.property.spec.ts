import 'reflect-metadata';
import { Money } from '@retail-sync/contracts';
import { describe, expect, it } from 'vitest';
import { loadChartOfAccounts } from './chart-of-accounts.js';
import { sumBySide, sumPresentmentBySide } from './journal-entry-draft.js';
import { buildOrderSaleEntry } from './order-sale-posting-rule.js';
import { CHART_OF_ACCOUNTS_FILE } from './testing/assessed-order-fixture.js';
import { generateAssessedOrder } from './testing/random-assessed-order.js';

const chart = await loadChartOfAccounts(CHART_OF_ACCOUNTS_FILE);
const ORDER_COUNT = 400;
const CONTRA_REVENUE = new Set([chart.discounts, chart.shippingDiscounts]);

describe('buildOrderSaleEntry on generated orders', () => {
  it('balances every generated order', () => {
    let presentmentOrders = 0;
    let receivableOrders = 0;
    let redemptionOrders = 0;
    for (let seed = 1; seed <= ORDER_COUNT; seed += 1) {
      const event = generateAssessedOrder(seed);
      const { order } = event;
      const label = `seed ${seed}`;
      const total = Money.parse(order.totals.total.shop.amount, order.currency);

      const entry = buildOrderSaleEntry(event, chart);
      const sides = sumBySide(entry.lines, order.currency);
      const contraDebits = entry.lines
        .filter((line) => line.side === 'debit' && CONTRA_REVENUE.has(line.account))
        .map((line) => line.amount);
      const settlementDebits = entry.lines
        .filter((line) => line.side === 'debit' && !CONTRA_REVENUE.has(line.account))
        .map((line) => line.amount);

      expect(sides.debit.toString(), label).toBe(sides.credit.toString());
      expect(Money.sum(settlementDebits, order.currency).toString(), label).toBe(total.toString());
      expect(sides.credit.subtract(Money.sum(contraDebits, order.currency)).toString(), label).toBe(
        total.toString(),
      );
      for (const line of entry.lines) {
        expect(line.amount.minor > 0n, `${label} ${line.memo} ${line.amount}`).toBe(true);
        expect(line.amount.currency, label).toBe(order.currency);
      }

      if (order.presentmentCurrency !== order.currency) {
        const presentment = sumPresentmentBySide(entry.lines, order.presentmentCurrency);
        expect(presentment, label).toBeDefined();
        expect(presentment?.debit.toString(), label).toBe(presentment?.credit.toString());
        expect(entry.fxRate, label).toMatch(/^\d+(\.\d{1,10})?$/);
        presentmentOrders += 1;
      }

      receivableOrders += entry.lines.some((line) => line.account === chart.receivable) ? 1 : 0;
      redemptionOrders += entry.lines.some(
        (line) => line.side === 'debit' && line.account === chart.giftCardLiability,
      )
        ? 1
        : 0;
    }

    // The generator must actually reach the interesting cases, or the checks above prove little.
    expect(presentmentOrders).toBeGreaterThan(ORDER_COUNT / 5);
    expect(receivableOrders).toBeGreaterThan(ORDER_COUNT / 5);
    expect(redemptionOrders).toBeGreaterThan(ORDER_COUNT / 10);
  });
});
