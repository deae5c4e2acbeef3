import type { CanonicalOrder, TaxLine } from '@retail-sync/contracts';
import { decimalsEqual } from './exact-rational.js';
import type { TaxCodeMapping } from './tax-configuration.js';
import { UnmappedTaxError, type UnmappedTax } from './tax-errors.js';

/**
 * Returns the position of the mapping for a channel tax line (title ignoring case, rate by exact
 * value), or -1 when none matches. Positions identify jurisdictions during one assessment.
 */
export function findMappingIndex(mappings: readonly TaxCodeMapping[], taxLine: TaxLine): number {
  const title = taxLine.title.toLowerCase();

  return mappings.findIndex(
    (mapping) =>
      mapping.channelTitle.toLowerCase() === title && decimalsEqual(mapping.rate, taxLine.rate),
  );
}

/** Throws UnmappedTaxError listing, once each, every title and rate in the order with no mapping. */
export function assertEveryTaxLineMapped(
  order: CanonicalOrder,
  mappings: readonly TaxCodeMapping[],
): void {
  const taxLines = [
    ...order.taxLines,
    ...order.lines.flatMap((line) => line.taxLines),
    ...order.shippingLines.flatMap((line) => line.taxLines),
  ];
  const unmapped: UnmappedTax[] = [];
  for (const taxLine of taxLines) {
    if (findMappingIndex(mappings, taxLine) >= 0) {
      continue;
    }

    const listed = unmapped.some(
      (tax) =>
        tax.title.toLowerCase() === taxLine.title.toLowerCase() &&
        decimalsEqual(tax.rate, taxLine.rate),
    );
    if (!listed) {
      unmapped.push({ title: taxLine.title, rate: taxLine.rate });
    }
  }

  if (unmapped.length > 0) {
    throw new UnmappedTaxError(unmapped);
  }
}
