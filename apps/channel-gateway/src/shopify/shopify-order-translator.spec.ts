import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { CanonicalOrder } from '@retail-sync/contracts';
import { describe, expect, it } from 'vitest';
import { translateShopifyOrder } from './shopify-order-translator.js';

const samplesDirectory = new URL('../../../../samples/shopify/', import.meta.url);
const shopDomain = 'sample-shop.myshopify.com';

function readSample(file: string): unknown {
  return JSON.parse(readFileSync(new URL(file, samplesDirectory), 'utf8'));
}

function translateSample(file: string): CanonicalOrder {
  return translateShopifyOrder({ shopDomain, order: readSample(file) });
}

const orderSamples = readdirSync(samplesDirectory).filter(
  (file) => file.endsWith('.json') && file !== 'rest_gift_cards_list_partially_used.json',
);

describe('translateShopifyOrder on Shopify samples', () => {
  it('finds the order samples', () => {
    expect(orderSamples).toHaveLength(6);
  });

  it.each(orderSamples)('translates %s', (file) => {
    const sample = readSample(file) as { id?: number; order?: { id: number } };
    const order = translateShopifyOrder({ shopDomain, order: sample });

    expect(order).toBeInstanceOf(CanonicalOrder);
    expect(order.channel).toBe('shopify');
    expect(order.shopId).toBe(shopDomain);
    expect(order.externalId).toBe(String(sample.order?.id ?? sample.id));
  });

  it('reads a bare order like the same order wrapped', () => {
    const file = 'rest_order_450789469_partially_refunded_discount_shipping_tax.json';
    const wrapped = readSample(file) as { order: unknown };

    expect(translateShopifyOrder({ shopDomain, order: wrapped.order })).toEqual(
      translateSample(file),
    );
  });
});

describe('order 450789469 with a discount code and state tax', () => {
  const order = translateSample(
    'rest_order_450789469_partially_refunded_discount_shipping_tax.json',
  );

  it('keeps the reported totals', () => {
    expect(order.totals.total.shop).toEqual({ amount: '598.94', currency: 'USD' });
    expect(order.totals.subtotal.shop).toEqual({ amount: '597.00', currency: 'USD' });
    expect(order.totals.discounts.shop).toEqual({ amount: '10.00', currency: 'USD' });
    expect(order.totals.lineItems.shop).toEqual({ amount: '597.00', currency: 'USD' });
    expect(order.totals.tax.shop).toEqual({ amount: '11.94', currency: 'USD' });
    expect(order.totals.shipping.shop).toEqual({ amount: '0.00', currency: 'USD' });
  });

  it('splits the discount across three lines', () => {
    const allocations = order.lines.map((line) => line.discountAllocations[0]?.amount.shop.amount);

    expect(order.lines).toHaveLength(3);
    expect(allocations).toEqual(['3.34', '3.33', '3.33']);
    expect(order.lines[0]?.discountAllocations[0]?.applicationIndex).toBe(0);
  });

  it('reads the discount application', () => {
    expect(order.discountApplications).toEqual([
      {
        type: 'discount_code',
        code: 'TENOFF',
        valueType: 'fixed_amount',
        value: '10.0',
        allocationMethod: 'across',
        targetType: 'line_item',
      },
    ]);
  });

  it('reads the state tax rate as a decimal string', () => {
    expect(order.taxLines[0]?.title).toBe('State Tax');
    expect(order.taxLines[0]?.rate).toBe('0.06');
    expect(order.taxLines[0]?.jurisdiction).toBeUndefined();
    expect(order.lines[1]?.taxLines[0]?.amount.shop.amount).toBe('3.98');
  });

  it('reads line identity', () => {
    expect(order.lines[0]?.externalLineId).toBe('466157049');
    expect(order.lines[0]?.channelSku).toBe('IPOD2008GREEN');
    expect(order.lines[0]?.variantId).toBe('39072856');
    expect(order.lines[0]?.title).toBe('IPod Nano - 8gb');
    expect(order.lines[0]?.giftCard).toBe(false);
    expect(order.lines[0]?.taxable).toBe(true);
  });

  it('normalizes timestamps to UTC', () => {
    expect(order.sourceUpdatedAt).toBe('2008-01-10T16:00:00.000Z');
    expect(order.placedAt).toBe('2008-01-10T16:00:00.000Z');
  });

  it('reads the shipping line', () => {
    expect(order.shippingLines).toHaveLength(1);
    expect(order.shippingLines[0]?.externalId).toBe('369256396');
    expect(order.shippingLines[0]?.title).toBe('Free Shipping');
    expect(order.shippingLines[0]?.price.shop.amount).toBe('0.00');
  });

  it('derives no transaction for a partially refunded order', () => {
    expect(order.financialStatus).toBe('partially_refunded');
    expect(order.transactions).toEqual([]);
  });

  it('repeats shop amounts as presentment amounts in one currency', () => {
    expect(order.presentmentCurrency).toBe('USD');
    expect(order.totals.total.presentment).toEqual({ amount: '598.94', currency: 'USD' });
  });

  it('leaves cancellation fields out', () => {
    expect(order.cancelledAt).toBeUndefined();
    expect(order.cancelReason).toBeUndefined();
  });
});

describe('webhook 2998548365461 with an AUD shop and USD presentment', () => {
  const order = translateSample(
    'webhook_orders_create_multicurrency_shop_AUD_presentment_USD_2998548365461.json',
  );

  it('reads both currencies', () => {
    expect(order.currency).toBe('AUD');
    expect(order.presentmentCurrency).toBe('USD');
  });

  it('keeps the total in both currencies', () => {
    expect(order.totals.total.shop).toEqual({ amount: '60.33', currency: 'AUD' });
    expect(order.totals.total.presentment).toEqual({ amount: '45.85', currency: 'USD' });
  });

  it('keeps a line price in both currencies', () => {
    expect(order.lines[0]?.unitPrice.shop).toEqual({ amount: '45.62', currency: 'AUD' });
    expect(order.lines[0]?.unitPrice.presentment).toEqual({ amount: '34.67', currency: 'USD' });
  });

  it('keeps tax in both currencies', () => {
    expect(order.lines[0]?.taxLines[0]?.rate).toBe('0.1');
    expect(order.lines[0]?.taxLines[0]?.amount.presentment).toEqual({
      amount: '3.47',
      currency: 'USD',
    });
  });

  it('reads shipping of 10.15 AUD', () => {
    expect(order.totals.shipping.shop).toEqual({ amount: '10.15', currency: 'AUD' });
    expect(order.totals.shipping.presentment).toEqual({ amount: '7.71', currency: 'USD' });
    expect(order.shippingLines[0]?.price.shop).toEqual({ amount: '10.15', currency: 'AUD' });
  });

  it('derives one sale through shopify_payments', () => {
    expect(order.transactions).toHaveLength(1);
    expect(order.transactions[0]?.kind).toBe('sale');
    expect(order.transactions[0]?.status).toBe('success');
    expect(order.transactions[0]?.gateway).toBe('shopify_payments');
    expect(order.transactions[0]?.amount.shop).toEqual({ amount: '60.33', currency: 'AUD' });
    expect(order.transactions[0]?.amount.presentment).toEqual({ amount: '45.85', currency: 'USD' });
  });

  it('drops an empty SKU', () => {
    expect(order.lines[0]?.channelSku).toBeUndefined();
    expect(order.lines[0]?.variantId).toBe('37319198802069');
  });

  it('uses processed_at as the placement time', () => {
    expect(order.placedAt).toBe('2020-12-26T21:18:45.000Z');
    expect(order.sourceUpdatedAt).toBe('2020-12-26T21:18:48.000Z');
  });
});

describe('webhook 2998557704341 in AUD with GST', () => {
  const order = translateSample('webhook_orders_create_AUD_gst_shipping_2998557704341.json');

  it('derives one sale of the total', () => {
    expect(order.transactions).toHaveLength(1);
    expect(order.transactions[0]?.gateway).toBe('shopify_payments');
    expect(order.transactions[0]?.amount.shop).toEqual({ amount: '59.45', currency: 'AUD' });
  });

  it('reads shipping of 10.00 AUD', () => {
    expect(order.totals.shipping.shop).toEqual({ amount: '10.00', currency: 'AUD' });
  });
});

describe('order 1073459962 with state and county tax', () => {
  const order = translateSample('rest_order_1073459962_multi_tax_lines_state_county.json');

  it('keeps both tax lines on a line', () => {
    const taxLines = order.lines[0]?.taxLines ?? [];

    expect(taxLines.map((taxLine) => taxLine.title)).toEqual(['State tax', 'County tax']);
    expect(taxLines.map((taxLine) => taxLine.rate)).toEqual(['0.06', '0.025']);
    expect(taxLines.map((taxLine) => taxLine.amount.shop.amount)).toEqual(['7.81', '3.26']);
  });

  it('keeps both order tax lines', () => {
    expect(order.taxLines.map((taxLine) => taxLine.amount.shop.amount)).toEqual(['10.20', '4.25']);
  });

  it('reads an untaxed line', () => {
    expect(order.lines[1]?.taxable).toBe(false);
    expect(order.lines[1]?.taxLines).toEqual([]);
  });

  it('leaves out null SKU and variant', () => {
    expect(order.lines[0]?.channelSku).toBeUndefined();
    expect(order.lines[0]?.variantId).toBeUndefined();
  });

  it('derives no transaction without a gateway', () => {
    expect(order.financialStatus).toBe('paid');
    expect(order.transactions).toEqual([]);
  });
});

describe('order 1073459981 with a percentage discount', () => {
  const order = translateSample('rest_order_1073459981_line_discount.json');

  it('derives no transaction for an empty gateway name', () => {
    expect(order.financialStatus).toBe('paid');
    expect(order.transactions).toEqual([]);
  });

  it('reads the manual percentage discount', () => {
    expect(order.discountApplications[0]?.valueType).toBe('percentage');
    expect(order.discountApplications[0]?.value).toBe('9.0');
    expect(order.discountApplications[0]?.title).toBe('FAKE30');
    expect(order.discountApplications[0]?.code).toBeUndefined();
    expect(order.lines[0]?.discountAllocations[0]?.amount.shop.amount).toBe('17.91');
  });

  it('reads a zero total tax', () => {
    expect(order.totals.tax.shop).toEqual({ amount: '0.00', currency: 'USD' });
    expect(order.totals.total.shop).toEqual({ amount: '181.09', currency: 'USD' });
  });
});

describe('order 1073459975 in EUR', () => {
  const order = translateSample('rest_order_1073459975_eur_tax.json');

  it('reads the EUR figures', () => {
    expect(order.currency).toBe('EUR');
    expect(order.lines[0]?.quantity).toBe(3);
    expect(order.lines[0]?.unitPrice.shop).toEqual({ amount: '74.99', currency: 'EUR' });
    expect(order.totals.total.shop).toEqual({ amount: '238.47', currency: 'EUR' });
    expect(order.totals.tax.shop).toEqual({ amount: '13.50', currency: 'EUR' });
  });
});
