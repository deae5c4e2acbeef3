import type { CanonicalOrder } from '@retail-sync/contracts';
import { describe, expect, it } from 'vitest';
import { versionContent } from './version-content.js';

const order = {
  name: '#1',
  totals: { total: { shop: { amount: '10.00', currency: 'USD' } } },
  lines: [{ externalLineId: '1', quantity: 1, sku: 'CANONICAL' }],
} as unknown as CanonicalOrder;

describe('versionContent', () => {
  it('ignores key order and canonical SKUs', () => {
    const reordered = {
      lines: [{ quantity: 1, externalLineId: '1' }],
      totals: { total: { shop: { currency: 'USD', amount: '10.00' } } },
      name: '#1',
    } as unknown as CanonicalOrder;

    expect(versionContent(reordered)).toBe(versionContent(order));
  });

  it('sees a changed amount', () => {
    const changed = {
      ...order,
      totals: { total: { shop: { amount: '11.00', currency: 'USD' } } },
    } as unknown as CanonicalOrder;

    expect(versionContent(changed)).not.toBe(versionContent(order));
  });
});
