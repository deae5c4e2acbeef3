import { describe, expect, it } from 'vitest';
import { toOrderWebhookTopic } from './shopify-topic.js';

describe('toOrderWebhookTopic', () => {
  it.each([
    ['orders/create', 'created'],
    ['orders/updated', 'updated'],
    ['orders/paid', 'paid'],
    ['orders/cancelled', 'cancelled'],
  ] as const)('maps %s to %s', (header, topic) => {
    expect(toOrderWebhookTopic(header)).toBe(topic);
  });

  it.each([
    'orders/delete',
    'orders/fulfilled',
    'products/update',
    'ORDERS/CREATE',
    '',
    'toString',
  ])('returns null for %j', (header) => {
    expect(toOrderWebhookTopic(header)).toBeNull();
  });

  it('returns null for a missing header', () => {
    expect(toOrderWebhookTopic(undefined)).toBeNull();
  });
});
