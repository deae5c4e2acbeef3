/** Returns the value at quantile `q` (0-1) of `values` by the nearest-rank method. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) {
    return Number.NaN;
  }

  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));

  return sorted[rank - 1];
}
