import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  headersToStore,
  readDeliveryHeaders,
  readShopDomain,
  type ShopifyDeliveryHeaders,
} from './webhook-headers.js';

function shopifyHeaders(overrides: IncomingHttpHeaders = {}): IncomingHttpHeaders {
  return {
    'content-type': 'application/json',
    'x-shopify-topic': 'orders/create',
    'x-shopify-shop-domain': 'example-shop.myshopify.com',
    'x-shopify-webhook-id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
    'x-shopify-event-id': '98880550-7158-44d4-b7cd-2c97c8a091b5',
    'x-shopify-triggered-at': '2024-06-13T14:00:05.123456789Z',
    'x-shopify-hmac-sha256': 'XWmrwMey6OsLMeiZKwP4FppHH3cmAiiJJAweH5Jo4bM=',
    ...overrides,
  };
}

function parsedHeaders(headers: IncomingHttpHeaders): ShopifyDeliveryHeaders {
  const result = readDeliveryHeaders(headers);
  if (!result.ok) {
    throw new Error(`expected usable headers, got ${result.rejection.message}`);
  }

  return result.headers;
}

function rejectionOf(headers: IncomingHttpHeaders): string | undefined {
  const result = readDeliveryHeaders(headers);

  return result.ok ? undefined : result.rejection.reason;
}

describe('readShopDomain', () => {
  it('returns the domain in lower case', () => {
    const headers = shopifyHeaders({ 'x-shopify-shop-domain': ' Example-Shop.MyShopify.com ' });

    expect(readShopDomain(headers)).toBe('example-shop.myshopify.com');
  });

  it('returns undefined for a missing domain', () => {
    expect(readShopDomain(shopifyHeaders({ 'x-shopify-shop-domain': undefined }))).toBeUndefined();
  });

  it('returns undefined for a value that is not a host name', () => {
    const headers = shopifyHeaders({ 'x-shopify-shop-domain': 'shop.example.com/../admin' });

    expect(readShopDomain(headers)).toBeUndefined();
  });

  it('returns undefined for a single label', () => {
    expect(
      readShopDomain(shopifyHeaders({ 'x-shopify-shop-domain': 'localhost' })),
    ).toBeUndefined();
  });
});

describe('readDeliveryHeaders', () => {
  it('reads every delivery header', () => {
    const result = readDeliveryHeaders(shopifyHeaders());

    expect(result).toEqual({
      ok: true,
      headers: {
        webhookId: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
        eventId: '98880550-7158-44d4-b7cd-2c97c8a091b5',
        topic: 'orders/create',
        triggeredAt: new Date('2024-06-13T14:00:05.123Z'),
      },
    });
  });

  it('accepts a delivery without event id or trigger time', () => {
    const headers = parsedHeaders(
      shopifyHeaders({ 'x-shopify-event-id': undefined, 'x-shopify-triggered-at': undefined }),
    );

    expect(headers.eventId).toBeUndefined();
    expect(headers.triggeredAt).toBeUndefined();
  });

  it('reads a trigger time with an offset', () => {
    const headers = parsedHeaders(
      shopifyHeaders({ 'x-shopify-triggered-at': '2024-06-14T00:00:05+10:00' }),
    );

    expect(headers.triggeredAt).toEqual(new Date('2024-06-13T14:00:05Z'));
  });

  it('rejects a missing webhook id', () => {
    expect(rejectionOf(shopifyHeaders({ 'x-shopify-webhook-id': undefined }))).toBe(
      'missing-webhook-id',
    );
  });

  it('rejects a blank webhook id', () => {
    expect(rejectionOf(shopifyHeaders({ 'x-shopify-webhook-id': '  ' }))).toBe(
      'missing-webhook-id',
    );
  });

  it('rejects a missing topic', () => {
    expect(rejectionOf(shopifyHeaders({ 'x-shopify-topic': undefined }))).toBe('missing-topic');
  });

  it('rejects an event id longer than 255 characters', () => {
    expect(rejectionOf(shopifyHeaders({ 'x-shopify-event-id': 'e'.repeat(256) }))).toBe(
      'invalid-header',
    );
  });

  it.each(['yesterday', '1718287205', '2024-06-13T14:00:05', '2024-06-13 14:00:05Z'])(
    'rejects the trigger time %s',
    (value) => {
      expect(rejectionOf(shopifyHeaders({ 'x-shopify-triggered-at': value }))).toBe(
        'invalid-header',
      );
    },
  );

  it('rejects with status 400', () => {
    const result = readDeliveryHeaders(shopifyHeaders({ 'x-shopify-webhook-id': undefined }));

    expect(result).toMatchObject({ ok: false, rejection: { status: 400 } });
  });
});

describe('headersToStore', () => {
  const stored = headersToStore({
    ...shopifyHeaders(),
    authorization: 'Bearer admin-token',
    cookie: 'session=abc',
    'x-forwarded-for': '203.0.113.7',
  });

  it('leaves out the signature', () => {
    expect(stored).not.toHaveProperty('x-shopify-hmac-sha256');
  });

  it('leaves out headers added by proxies', () => {
    expect(Object.keys(stored)).not.toContain('authorization');
    expect(Object.keys(stored)).not.toContain('cookie');
    expect(Object.keys(stored)).not.toContain('x-forwarded-for');
  });

  it('keeps the Shopify headers and the content type', () => {
    expect(stored['x-shopify-topic']).toBe('orders/create');
    expect(stored['x-shopify-webhook-id']).toBe('b54557e4-bdd9-4b37-8a5f-bf7d70bcd043');
    expect(stored['content-type']).toBe('application/json');
  });
});
