import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeLines, OrderFlow, sideTotal } from '../support/order-flow.js';
import { REPOSITORY_ROOT } from '../support/service-process.js';

const SHOP = 'example-shop.myshopify.com';

function fixture<T>(name: string): T {
  return JSON.parse(
    readFileSync(resolve(REPOSITORY_ROOT, 'test/fixtures/cases', name, 'input.json'), 'utf8'),
  ) as T;
}

interface CaseOrder {
  id: number;
  transactions?: unknown[];
}

/**
 * Public bug reports of Shopify-to-ERP integrations, replayed through the real services. Each
 * fixture's README states the right figures; the assertions below are those figures.
 */
describe('Shopify cases through the order flow', () => {
  const flow = new OrderFlow();

  beforeAll(async () => {
    await flow.start();
  }, 120_000);

  afterAll(async () => {
    await flow.stop();
  });

  it('reduces the taxable base by the discount', async () => {
    const input = fixture<{ order: CaseOrder; transactions: unknown[] }>('01-discount-before-tax');
    await flow.sendWebhook(
      { ...input.order, transactions: input.transactions },
      {
        topic: 'orders/paid',
        shop: SHOP,
      },
    );

    const [entry] = await flow.waitForEntries(String(input.order.id), SHOP);

    expect(describeLines(entry)).toEqual([
      'Cr 2210-US-SALES 8.00',
      'Cr 4000-SALES-SHOPIFY 100.00',
      'Dr 1150-CLEARING-SHOPIFY-PAYMENTS 88.00',
      'Dr 4050-SALES-DISCOUNTS 20.00',
    ]);
    expect(sideTotal(entry, 'debit', /^1200-/)).toBe('0.00');
  });

  it('books shipping and its tax once', async () => {
    const input = fixture<{ order: CaseOrder }>('03-shipping-line-and-shipping-tax');
    await flow.sendWebhook(input.order, { shop: SHOP });

    const [entry] = await flow.waitForEntries(String(input.order.id), SHOP);

    expect(describeLines(entry)).toEqual([
      'Cr 2210-DE-VAT-REDUCED 2.60',
      'Cr 4000-SALES-SHOPIFY 32.10',
      'Cr 4100-SHIPPING-INCOME 4.99',
      'Dr 1200-ACCOUNTS-RECEIVABLE 39.69',
    ]);
  });

  it('posts repeated webhooks once', async () => {
    const input = fixture<{
      deliveries: { headers: Record<string, string>; body: CaseOrder }[];
    }>('04-duplicate-webhook-delivery');
    const [first, repeat, updated] = input.deliveries;
    const send = (delivery: (typeof input.deliveries)[number]) =>
      flow.sendWebhook(delivery.body, {
        shop: SHOP,
        topic: delivery.headers['X-Shopify-Topic'],
        webhookId: delivery.headers['X-Shopify-Webhook-Id'],
      });

    // The first two arrive at the same instant, as in the reports.
    const answers = await Promise.all([send(first), send(repeat)]);
    const third = await send(updated);
    const entries = await flow.waitForEntries(String(first.body.id), SHOP);
    await new Promise((resolveWait) => setTimeout(resolveWait, 1_500));
    const settled = await flow.journalEntries((await flow.orderId(String(first.body.id), SHOP))!);

    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(third.status).toBe(200);
    expect(entries).toHaveLength(1);
    expect(settled).toHaveLength(1);
    expect(sideTotal(settled[0], 'credit')).toBe('59.45');
  });

  it('books order-level tax rounding', async () => {
    const input = fixture<{ order: CaseOrder }>('12-line-vs-order-tax-rounding');
    await flow.sendWebhook(input.order, { shop: SHOP });

    const [entry] = await flow.waitForEntries(String(input.order.id), SHOP);

    expect(describeLines(entry).filter((line) => line.includes('2210'))).toEqual([
      'Cr 2210-US-NY 1.72',
    ]);
    expect(sideTotal(entry, 'debit')).toBe('21.12');
    expect(sideTotal(entry, 'credit', /^4000-/)).toBe('16.00');
    expect(sideTotal(entry, 'credit', /^4100-/)).toBe('3.40');
  });

  it('treats gift cards as a liability', async () => {
    const input = fixture<{ orders: CaseOrder[] }>('17-gift-card-sale-is-liability');
    const [sale, redemption] = input.orders;
    await flow.sendWebhook(sale, { topic: 'orders/paid', shop: SHOP });
    await flow.sendWebhook(redemption, { topic: 'orders/paid', shop: SHOP });

    const [saleEntry] = await flow.waitForEntries(String(sale.id), SHOP);
    const [redemptionEntry] = await flow.waitForEntries(String(redemption.id), SHOP);
    const balance = await flow.trialBalance();
    const liability = balance.currencies
      .find((currency) => currency.currency === 'USD')
      ?.accounts.find((account) => account.account === '2300-GIFT-CARD-LIABILITY');

    expect(describeLines(saleEntry)).toEqual([
      'Cr 2210-US-SALES 1.60',
      'Cr 2300-GIFT-CARD-LIABILITY 50.00',
      'Cr 4000-SALES-SHOPIFY 20.00',
      'Dr 1150-CLEARING-SHOPIFY-PAYMENTS 71.60',
    ]);
    expect(describeLines(redemptionEntry)).toEqual([
      'Cr 4000-SALES-SHOPIFY 30.00',
      'Dr 1150-CLEARING-SHOPIFY-PAYMENTS 5.00',
      'Dr 2300-GIFT-CARD-LIABILITY 25.00',
    ]);
    expect(liability?.credit).toBe('50.00');
    expect(liability?.debit).toBe('25.00');
  });
});
