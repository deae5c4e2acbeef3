import type { CanonicalOrder } from '@retail-sync/contracts';

const ZERO = { shop: { amount: '0.00', currency: 'USD' } };

/** A minimal valid canonical order whose `name` selects the probe consumer's behaviour. */
export function probeOrder(id: string, label: string): CanonicalOrder {
  const now = new Date().toISOString();

  return {
    channel: 'pos',
    shopId: 'probe',
    externalId: id,
    name: label,
    sourceUpdatedAt: now,
    placedAt: now,
    currency: 'USD',
    presentmentCurrency: 'USD',
    taxesIncluded: false,
    lines: [],
    shippingLines: [],
    taxLines: [],
    discountApplications: [],
    transactions: [],
    totals: {
      lineItems: ZERO,
      discounts: ZERO,
      subtotal: ZERO,
      shipping: ZERO,
      tax: ZERO,
      total: ZERO,
    },
  };
}
