import type { CanonicalOrder } from '@retail-sync/contracts';

/**
 * Serialises an order's content for comparison: object keys sorted (PostgreSQL's jsonb reorders
 * them) and the canonical SKUs left out, because the stored copy has them and a delivery has not.
 */
export function versionContent(order: CanonicalOrder): string {
  const withoutSkus = {
    ...order,
    lines: order.lines.map((line) => ({ ...line, sku: undefined })),
  };

  return stableStringify(withoutSkus);
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(stableStringify).join(',')}]`;
  }

  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => compareKeys(a, b));

    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableStringify(item)}`).join(',')}}`;
  }

  return JSON.stringify(value);
}

/** Compares keys by UTF-16 code units, so the order never depends on the locale. */
function compareKeys(a: string, b: string): number {
  if (a === b) {
    return 0;
  }

  return a < b ? -1 : 1;
}
