import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { translateShopifyOrder } from './shopify-order-translator.js';
import { UnusableOrderError } from './unusable-order.error.js';

const shopDomain = 'example-shop.myshopify.com';

type JsonObject = Record<string, unknown>;

function validOrder(): JsonObject {
  return {
    id: 9000000000101,
    name: '#T0101',
    updated_at: '2024-06-13T10:00:05-04:00',
    currency: 'USD',
    taxes_included: false,
    financial_status: 'paid',
    subtotal_price: '80.00',
    total_price: '88.00',
    line_items: [
      {
        id: 9000000001011,
        title: 'Item A',
        quantity: 1,
        price: '100.00',
        discount_allocations: [{ amount: '20.00', discount_application_index: 0 }],
        tax_lines: [{ title: 'Sales Tax', rate: 0.1, price: '8.00' }],
      },
      { id: 9000000001012, title: 'Item B', quantity: 2, price: '0.00' },
    ],
  };
}

function withLine(index: number, changes: JsonObject): JsonObject {
  const order = validOrder();
  const lines = order.line_items as JsonObject[];
  lines[index] = { ...lines[index], ...changes };

  return order;
}

function problemsOf(order: unknown, transactions?: unknown[]): readonly string[] {
  try {
    translateShopifyOrder({ shopDomain, order, transactions });
  } catch (error) {
    if (error instanceof UnusableOrderError) {
      return error.problems;
    }

    throw error;
  }

  throw new Error('expected translateShopifyOrder to throw UnusableOrderError');
}

describe('translateShopifyOrder rejections', () => {
  it('accepts the valid base order', () => {
    expect(translateShopifyOrder({ shopDomain, order: validOrder() }).externalId).toBe(
      '9000000000101',
    );
  });

  it('rejects a missing id', () => {
    const order = validOrder();
    delete order.id;

    expect(problemsOf(order)).toContain('id is required');
  });

  it('rejects line_items that is not an array', () => {
    expect(problemsOf({ ...validOrder(), line_items: { id: 1 } })).toContain(
      'line_items must be an array, got an object',
    );
  });

  it('rejects a quantity of -1', () => {
    expect(problemsOf(withLine(0, { quantity: -1 }))).toContain(
      'line_items[0].quantity must be a non-negative integer, got -1',
    );
  });

  it('rejects a quantity of 1.5', () => {
    expect(problemsOf(withLine(1, { quantity: 1.5 }))).toContain(
      'line_items[1].quantity must be a non-negative integer, got 1.5',
    );
  });

  it('rejects a price sent as a number', () => {
    expect(problemsOf(withLine(0, { price: 10.5 }))).toContain(
      'line_items[0].price must be a decimal string such as "12.30", got 10.5',
    );
  });

  it('rejects a negative price', () => {
    expect(problemsOf(withLine(1, { price: '-1.00' }))).toContain(
      'line_items[1].price must not be negative, got "-1.00"',
    );
  });

  it('rejects an unknown currency', () => {
    expect(problemsOf({ ...validOrder(), currency: 'ABC' })).toEqual([
      'currency must be an ISO 4217 currency code, got "ABC"',
    ]);
  });

  it('rejects three decimals in USD', () => {
    expect(problemsOf({ ...validOrder(), total_price: '12.345' })).toContain(
      'total_price has more decimals than USD allows (2), got "12.345"',
    );
  });

  it('rejects a fraction of a yen', () => {
    const order = withLine(1, { price: '100.5' });
    order.currency = 'JPY';

    expect(problemsOf(order)).toEqual([
      'line_items[1].price has more decimals than JPY allows (0), got "100.5"',
    ]);
  });

  it('rejects an empty object', () => {
    const problems = problemsOf({});

    expect(problems).toContain('id is required');
    expect(problems).toContain('currency is required');
    expect(problems).toContain('line_items is required');
    expect(problems).toContain('total_price is required');
    expect(problems).toContain('subtotal_price is required');
    expect(problems).toContain('updated_at or created_at is required');
    expect(problems).toContain('taxes_included is required');
  });

  it('rejects null', () => {
    expect(problemsOf(null)).toEqual(['order must be a JSON object, got null']);
  });

  it('rejects an array', () => {
    expect(problemsOf([validOrder()])).toEqual(['order must be a JSON object, got an array']);
  });

  it('reports every problem at once', () => {
    const order = withLine(1, { quantity: -2, price: 3 });
    order.total_price = '1.001';

    expect(problemsOf(order)).toEqual([
      'line_items[1].quantity must be a non-negative integer, got -2',
      'line_items[1].price must be a decimal string such as "12.30", got 3',
      'total_price has more decimals than USD allows (2), got "1.001"',
    ]);
  });

  it('carries a stable code and names the order', () => {
    const order = withLine(0, { quantity: -1 });
    let caught: unknown;
    try {
      translateShopifyOrder({ shopDomain, order });
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(UnusableOrderError);
    expect((caught as UnusableOrderError).code).toBe('channel.order.unusable');
    expect((caught as UnusableOrderError).externalId).toBe('9000000000101');
    expect((caught as UnusableOrderError).message).toContain('line_items[0].quantity');
  });

  it('rejects a missing line id', () => {
    expect(problemsOf(withLine(0, { id: null }))).toContain('line_items[0].id is required');
  });

  it('rejects an id that lost precision', () => {
    expect(problemsOf({ ...validOrder(), id: 2 ** 53 + 2 })).toEqual([
      'id exceeds 2^53 and lost precision in JSON parsing, got 9007199254740994',
    ]);
  });

  it('rejects a timestamp without an offset', () => {
    expect(problemsOf({ ...validOrder(), updated_at: '2024-06-13T10:00:05' })).toEqual([
      'updated_at must be an ISO-8601 date-time with an offset such as ' +
        '"2024-04-02T09:03:29-05:00", got "2024-06-13T10:00:05"',
    ]);
  });

  it('rejects an impossible date', () => {
    expect(problemsOf({ ...validOrder(), created_at: '2024-02-30T10:00:05Z' })).toHaveLength(1);
  });

  it('rejects an unusable tax rate', () => {
    const taxLine = { title: 'Sales Tax', rate: 'ten percent', price: '8.00' };

    expect(problemsOf(withLine(0, { tax_lines: [taxLine] }))).toEqual([
      'line_items[0].tax_lines[0].rate must be a non-negative number such as 0.08875, ' +
        'got "ten percent"',
    ]);
  });

  it('rejects a shop amount in another currency', () => {
    const priceSet = { shop_money: { amount: '100.00', currency_code: 'EUR' } };

    expect(problemsOf(withLine(0, { price_set: priceSet }))).toEqual([
      'line_items[0].price_set.shop_money.currency_code must be "USD" as the order declares, ' +
        'got "EUR"',
    ]);
  });

  it('rejects an unknown transaction kind', () => {
    const transaction = { kind: 'change', status: 'success', gateway: 'cash', amount: '1.00' };

    expect(problemsOf(validOrder(), [transaction])).toEqual([
      'transactions[0].kind must be one of sale, capture, authorization, void, refund, ' +
        'got "change"',
    ]);
  });

  it('rejects a transaction amount only in the presentment currency', () => {
    const order = { ...validOrder(), presentment_currency: 'CAD' };
    const transaction = {
      kind: 'sale',
      status: 'success',
      gateway: 'shopify_payments',
      amount: '120.00',
      currency: 'CAD',
    };

    expect(problemsOf(order, [transaction])).toEqual([
      'transactions[0].currency must be the shop currency USD when amount_set is absent, ' +
        'got "CAD"',
    ]);
  });

  it('rejects a discount application without a known value type', () => {
    const application = {
      type: 'discount_code',
      value: '20.0',
      value_type: 'bogo',
      allocation_method: 'across',
      target_type: 'line_item',
    };

    expect(problemsOf({ ...validOrder(), discount_applications: [application] })).toEqual([
      'discount_applications[0].value_type must be one of fixed_amount, percentage, got "bogo"',
    ]);
  });

  it('rejects an over-long shop domain through the contract', () => {
    const translate = () =>
      translateShopifyOrder({ shopDomain: 'x'.repeat(256), order: validOrder() });

    expect(translate).toThrow(UnusableOrderError);
    expect(translate).toThrow(/shopId/);
  });
});

describe('translateShopifyOrder edge cases', () => {
  it('reads a cancelled order', () => {
    const order = translateShopifyOrder({
      shopDomain,
      order: {
        ...validOrder(),
        cancelled_at: '2024-06-14T09:00:00+02:00',
        cancel_reason: 'customer',
      },
    });

    expect(order.cancelledAt).toBe('2024-06-14T07:00:00.000Z');
    expect(order.cancelReason).toBe('customer');
  });

  it('accepts a tax rate sent as a decimal string', () => {
    const taxLine = { title: 'Sales Tax', rate: '0.08875', price: '8.00' };
    const order = translateShopifyOrder({
      shopDomain,
      order: withLine(0, { tax_lines: [taxLine] }),
    });

    expect(order.lines[0]?.taxLines[0]?.rate).toBe('0.08875');
  });

  it('keeps a jurisdiction when the tax line names one', () => {
    const taxLine = { title: 'Sales Tax', rate: 0.1, price: '8.00', jurisdiction: 'US-NY' };
    const order = translateShopifyOrder({
      shopDomain,
      order: withLine(0, { tax_lines: [taxLine] }),
    });

    expect(order.lines[0]?.taxLines[0]?.jurisdiction).toBe('US-NY');
  });

  it('omits presentment amounts it was not sent', () => {
    const order = translateShopifyOrder({
      shopDomain,
      order: { ...validOrder(), presentment_currency: 'CAD' },
    });

    expect(order.presentmentCurrency).toBe('CAD');
    expect(order.totals.total.presentment).toBeUndefined();
  });

  it('derives no transaction for a gift card gateway', () => {
    const order = translateShopifyOrder({
      shopDomain,
      order: { ...validOrder(), payment_gateway_names: ['gift_card'] },
    });

    expect(order.transactions).toEqual([]);
  });

  it('derives no transaction for two gateways', () => {
    const order = translateShopifyOrder({
      shopDomain,
      order: { ...validOrder(), payment_gateway_names: ['gift_card', 'shopify_payments'] },
    });

    expect(order.transactions).toEqual([]);
  });

  it('derives no transaction for a pending order', () => {
    const order = translateShopifyOrder({
      shopDomain,
      order: {
        ...validOrder(),
        financial_status: 'pending',
        payment_gateway_names: ['shopify_payments'],
      },
    });

    expect(order.transactions).toEqual([]);
  });

  it('normalizes trailing zeros beyond the minor unit', () => {
    const order = translateShopifyOrder({
      shopDomain,
      order: { ...validOrder(), total_price: '88.000' },
    });

    expect(order.totals.total.shop.amount).toBe('88.00');
  });
});
