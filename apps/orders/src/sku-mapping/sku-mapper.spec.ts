import type { CanonicalOrder, OrderLine } from '@retail-sync/contracts';
import { PermanentError } from '@retail-sync/messaging';
import { describe, expect, it } from 'vitest';
import {
  mapOrderSkus,
  mappingLookupKeys,
  unmappedSkuError,
  type SkuMappingEntry,
} from './sku-mapper.js';

const FIXED = { customItemSku: 'CUSTOM-ITEM', giftCardSku: 'GIFT-CARD' };

function line(id: string, fields: Partial<OrderLine> = {}): OrderLine {
  return {
    externalLineId: id,
    title: `Line ${id}`,
    quantity: 1,
    unitPrice: { shop: { amount: '10.00', currency: 'USD' } },
    discountAllocations: [],
    taxLines: [],
    taxable: true,
    giftCard: false,
    ...fields,
  };
}

function orderWith(lines: OrderLine[]): CanonicalOrder {
  const zero = { shop: { amount: '0.00', currency: 'USD' } };

  return {
    channel: 'shopify',
    shopId: 'demo-shop.myshopify.com',
    externalId: '1001',
    name: '#1001',
    sourceUpdatedAt: '2024-06-13T14:00:00Z',
    placedAt: '2024-06-13T14:00:00Z',
    currency: 'USD',
    presentmentCurrency: 'USD',
    taxesIncluded: false,
    lines,
    shippingLines: [],
    taxLines: [],
    discountApplications: [],
    transactions: [],
    totals: {
      lineItems: zero,
      discounts: zero,
      subtotal: zero,
      shipping: zero,
      tax: zero,
      total: zero,
    },
  };
}

const mappings: SkuMappingEntry[] = [
  { variantId: '447654529', channelSku: 'IPOD2009BLACK', sku: 'IPOD-TOUCH-8GB-BLACK' },
  { variantId: '37319198802069', channelSku: null, sku: 'FOUNTAIN-PEN-CLASSIC' },
  { variantId: null, channelSku: 'TEE-1', sku: 'T-SHIRT' },
];

describe('mapOrderSkus', () => {
  it('maps by variant id', () => {
    const result = mapOrderSkus(
      orderWith([line('1', { variantId: '37319198802069' })]),
      mappings,
      FIXED,
    );

    expect(result.unmapped).toEqual([]);
    expect(result.order.lines[0].sku).toBe('FOUNTAIN-PEN-CLASSIC');
  });

  it('prefers the variant over the channel SKU', () => {
    const order = orderWith([line('1', { variantId: '447654529', channelSku: 'TEE-1' })]);

    const result = mapOrderSkus(order, mappings, FIXED);

    expect(result.order.lines[0].sku).toBe('IPOD-TOUCH-8GB-BLACK');
  });

  it('falls back to the channel SKU', () => {
    const order = orderWith([line('1', { variantId: '999', channelSku: 'TEE-1' })]);

    const result = mapOrderSkus(order, mappings, FIXED);

    expect(result.unmapped).toEqual([]);
    expect(result.order.lines[0].sku).toBe('T-SHIRT');
  });

  it('gives custom items the custom SKU', () => {
    const result = mapOrderSkus(orderWith([line('1')]), [], FIXED);

    expect(result.unmapped).toEqual([]);
    expect(result.order.lines[0].sku).toBe('CUSTOM-ITEM');
  });

  it('gives gift cards the gift card SKU', () => {
    const order = orderWith([line('1', { giftCard: true, variantId: '447654529' })]);

    const result = mapOrderSkus(order, mappings, FIXED);

    expect(result.order.lines[0].sku).toBe('GIFT-CARD');
  });

  it('lists every unmapped line', () => {
    const order = orderWith([
      line('1', { variantId: '111' }),
      line('2', { variantId: '447654529' }),
      line('3', { channelSku: 'UNKNOWN' }),
    ]);

    const result = mapOrderSkus(order, mappings, FIXED);

    expect(result.unmapped).toEqual([
      { externalLineId: '1', variantId: '111', channelSku: undefined },
      { externalLineId: '3', variantId: undefined, channelSku: 'UNKNOWN' },
    ]);
    expect(result.order.lines[1].sku).toBe('IPOD-TOUCH-8GB-BLACK');
    expect(result.order.lines[0].sku).toBeUndefined();
  });

  it('leaves the input order unchanged', () => {
    const order = orderWith([line('1', { variantId: '447654529' })]);

    mapOrderSkus(order, mappings, FIXED);

    expect(order.lines[0].sku).toBeUndefined();
  });
});

describe('mappingLookupKeys', () => {
  it('skips gift cards and custom items', () => {
    const order = orderWith([
      line('1', { variantId: '1', channelSku: 'A' }),
      line('2', { giftCard: true, variantId: '2', channelSku: 'B' }),
      line('3'),
      line('4', { variantId: '1' }),
      line('5', { channelSku: 'C' }),
    ]);

    expect(mappingLookupKeys(order)).toEqual({ variantIds: ['1'], channelSkus: ['A', 'C'] });
  });
});

describe('unmappedSkuError', () => {
  it('names each line and the fix', () => {
    const order = orderWith([]);

    const error = unmappedSkuError(order, [
      { externalLineId: '1', variantId: '111' },
      { externalLineId: '3', channelSku: 'UNKNOWN' },
    ]);

    expect(error).toBeInstanceOf(PermanentError);
    expect(error.code).toBe('order.sku-unmapped');
    expect(error.message).toContain('shopify:demo-shop.myshopify.com:1001');
    expect(error.message).toContain('line 1 (variant id 111, channel SKU none)');
    expect(error.message).toContain('line 3 (variant id none, channel SKU UNKNOWN)');
    expect(error.message).toContain('POST /sku-mappings');
    expect(error.message).toContain('"variantId":"111"');
  });

  it('suggests channelSku without a variant', () => {
    const error = unmappedSkuError(orderWith([]), [{ externalLineId: '3', channelSku: 'X-1' }]);

    expect(error.message).toContain('"channelSku":"X-1"');
  });
});
