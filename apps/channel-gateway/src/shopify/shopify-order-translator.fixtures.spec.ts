import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { translateShopifyOrder } from './shopify-order-translator.js';
import { UnusableOrderError } from './unusable-order.error.js';

const casesDirectory = new URL('../../../../test/fixtures/cases/', import.meta.url);
const shopDomain = 'example-shop.myshopify.com';

// These fixtures carry no updated_at or created_at, so the delivery time replaces both.
const receivedAt = '2024-06-13T14:00:07Z';

function readCase<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`${name}/input.json`, casesDirectory), 'utf8')) as T;
}

interface OrderCase {
  order: unknown;
  transactions?: unknown[];
}

describe('discount before tax', () => {
  const input = readCase<OrderCase>('01-discount-before-tax');
  const order = translateShopifyOrder({
    shopDomain,
    order: input.order,
    transactions: input.transactions,
    receivedAt,
  });

  it('reads the discount allocation', () => {
    expect(order.lines[0]?.discountAllocations[0]?.amount.shop).toEqual({
      amount: '20.00',
      currency: 'USD',
    });
    expect(order.discountApplications[0]?.code).toBe('SAVE20');
  });

  it('reads the given transaction', () => {
    expect(order.transactions).toHaveLength(1);
    expect(order.transactions[0]?.externalId).toBe('9000000010101');
    expect(order.transactions[0]?.kind).toBe('sale');
    expect(order.transactions[0]?.gateway).toBe('shopify_payments');
    expect(order.transactions[0]?.amount.shop).toEqual({ amount: '88.00', currency: 'USD' });
  });

  it('reads the totals', () => {
    expect(order.totals.lineItems.shop.amount).toBe('100.00');
    expect(order.totals.discounts.shop.amount).toBe('20.00');
    expect(order.totals.tax.shop.amount).toBe('8.00');
    expect(order.totals.total.shop.amount).toBe('88.00');
  });

  it('uses the delivery time as the version time', () => {
    expect(order.sourceUpdatedAt).toBe('2024-06-13T14:00:07.000Z');
    expect(order.placedAt).toBe('2024-06-13T14:00:07.000Z');
  });

  it('rejects the order without a delivery time', () => {
    const translate = () => translateShopifyOrder({ shopDomain, order: input.order });

    expect(translate).toThrow(UnusableOrderError);
    expect(translate).toThrow(/updated_at or created_at is required/);
  });
});

describe('shipping line and shipping tax', () => {
  const input = readCase<OrderCase>('03-shipping-line-and-shipping-tax');
  const order = translateShopifyOrder({ shopDomain, order: input.order, receivedAt });

  it('reads the shipping line with its VAT', () => {
    const shippingLine = order.shippingLines[0];

    expect(shippingLine?.price.shop).toEqual({ amount: '4.99', currency: 'EUR' });
    expect(shippingLine?.taxLines[0]?.title).toBe('VAT 7%');
    expect(shippingLine?.taxLines[0]?.rate).toBe('0.07');
    expect(shippingLine?.taxLines[0]?.amount.shop).toEqual({ amount: '0.35', currency: 'EUR' });
    expect(shippingLine?.discountAllocations).toEqual([]);
  });

  it('reads the order VAT and totals', () => {
    expect(order.taxLines[0]?.amount.shop).toEqual({ amount: '2.60', currency: 'EUR' });
    expect(order.totals.shipping.shop).toEqual({ amount: '4.99', currency: 'EUR' });
    expect(order.totals.total.shop).toEqual({ amount: '39.69', currency: 'EUR' });
  });

  it('derives no transaction without a financial status', () => {
    expect(order.financialStatus).toBeUndefined();
    expect(order.transactions).toEqual([]);
  });
});

describe('duplicate webhook delivery', () => {
  const input = readCase<{
    deliveries: { headers: Record<string, string>; body: unknown }[];
  }>('04-duplicate-webhook-delivery');
  const orders = input.deliveries.map((delivery) =>
    translateShopifyOrder({
      shopDomain: delivery.headers['X-Shopify-Shop-Domain'] ?? '',
      order: delivery.body,
    }),
  );

  it('translates every delivery to the same order', () => {
    expect(orders).toHaveLength(3);
    expect(orders[1]).toEqual(orders[0]);
    expect(orders[2]).toEqual(orders[0]);
  });

  it('reads the version time from updated_at', () => {
    expect(orders[0]?.sourceUpdatedAt).toBe('2024-06-13T14:00:05.000Z');
    expect(orders[0]?.shopId).toBe('example-shop.myshopify.com');
  });

  it('sums the shipping lines without a shipping total', () => {
    expect(orders[0]?.totals.shipping.shop).toEqual({ amount: '10.00', currency: 'USD' });
  });

  it('derives line items total from the lines', () => {
    expect(orders[0]?.totals.lineItems.shop).toEqual({ amount: '44.95', currency: 'USD' });
  });

  it('fills defaults a trimmed payload leaves out', () => {
    expect(orders[0]?.presentmentCurrency).toBe('USD');
    expect(orders[0]?.totals.discounts.shop).toEqual({ amount: '0.00', currency: 'USD' });
    expect(orders[0]?.lines[0]?.title).toBe('');
    expect(orders[0]?.lines[0]?.taxable).toBe(true);
  });

  it('derives no transaction without gateway names', () => {
    expect(orders[0]?.transactions).toEqual([]);
  });
});

describe('line versus order tax rounding', () => {
  const input = readCase<OrderCase>('12-line-vs-order-tax-rounding');
  const order = translateShopifyOrder({ shopDomain, order: input.order, receivedAt });

  it('keeps each line tax of 0.28 at 0.08875', () => {
    expect(order.lines).toHaveLength(5);
    for (const line of order.lines) {
      expect(line.taxLines[0]?.rate).toBe('0.08875');
      expect(line.taxLines[0]?.amount.shop.amount).toBe('0.28');
    }
  });

  it('keeps the order tax of 1.72', () => {
    expect(order.taxLines[0]?.amount.shop.amount).toBe('1.72');
    expect(order.totals.tax.shop.amount).toBe('1.72');
  });

  it('reads shipping tax', () => {
    expect(order.shippingLines[0]?.price.shop.amount).toBe('3.40');
    expect(order.shippingLines[0]?.taxLines[0]?.amount.shop.amount).toBe('0.30');
  });

  it('derives the line items total', () => {
    expect(order.totals.lineItems.shop.amount).toBe('16.00');
  });

  it('names the order by its id without a name', () => {
    expect(order.name).toBe('9000000001212');
  });
});

describe('gift card sale', () => {
  const input = readCase<{ orders: unknown[] }>('17-gift-card-sale-is-liability');
  const [giftCardOrder, splitPaymentOrder] = input.orders.map((order) =>
    translateShopifyOrder({ shopDomain, order, receivedAt }),
  );

  it('flags the gift card line', () => {
    const giftCardLine = giftCardOrder?.lines[0];

    expect(giftCardLine?.giftCard).toBe(true);
    expect(giftCardLine?.taxable).toBe(false);
    expect(giftCardLine?.unitPrice.shop.amount).toBe('50.00');
    expect(giftCardLine?.channelSku).toBeUndefined();
    expect(giftCardOrder?.lines[1]?.giftCard).toBe(false);
  });

  it('reads the nested transaction', () => {
    expect(giftCardOrder?.transactions).toHaveLength(1);
    expect(giftCardOrder?.transactions[0]?.amount.shop.amount).toBe('71.60');
  });

  it('reads both payments of order T1702', () => {
    const payments = splitPaymentOrder?.transactions.map((transaction) => [
      transaction.gateway,
      transaction.amount.shop.amount,
    ]);

    expect(splitPaymentOrder?.name).toBe('#T1702');
    expect(payments).toEqual([
      ['gift_card', '25.00'],
      ['shopify_payments', '5.00'],
    ]);
  });

  it('prefers given transactions to nested ones', () => {
    const order = translateShopifyOrder({
      shopDomain,
      order: input.orders[1],
      transactions: [],
      receivedAt,
    });

    expect(order.transactions).toEqual([]);
  });
});
