import { orderKey, type CanonicalOrder, type OrderLine } from '@retail-sync/contracts';
import { PermanentError } from '@retail-sync/messaging';

/** One stored mapping from a channel's variant id or SKU to the retailer's canonical SKU. */
export interface SkuMappingEntry {
  variantId: string | null;
  channelSku: string | null;
  sku: string;
}

/** Canonical SKUs of lines that need no mapping. */
export interface FixedSkus {
  customItemSku: string;
  giftCardSku: string;
}

/** A line whose variant id and channel SKU have no mapping. */
export interface UnmappedLine {
  externalLineId: string;
  variantId?: string;
  channelSku?: string;
}

export interface SkuMappingResult {
  /** A copy of the order with `sku` set on every line that could be mapped. */
  order: CanonicalOrder;
  unmapped: UnmappedLine[];
}

/** Returns the variant ids and channel SKUs of the lines that need a mapping lookup. */
export function mappingLookupKeys(order: CanonicalOrder): {
  variantIds: string[];
  channelSkus: string[];
} {
  const variantIds = new Set<string>();
  const channelSkus = new Set<string>();
  for (const line of order.lines) {
    if (line.giftCard || isCustomItem(line)) {
      continue;
    }

    if (line.variantId !== undefined) {
      variantIds.add(line.variantId);
    }

    if (line.channelSku !== undefined) {
      channelSkus.add(line.channelSku);
    }
  }

  return { variantIds: [...variantIds], channelSkus: [...channelSkus] };
}

/**
 * Sets the canonical SKU on each line. Gift card lines get the gift card SKU and custom items
 * (no variant id and no channel SKU) the custom item SKU. Any other line is looked up by its
 * variant id first and by its channel SKU when the variant has no mapping.
 */
export function mapOrderSkus(
  order: CanonicalOrder,
  mappings: readonly SkuMappingEntry[],
  fixed: FixedSkus,
): SkuMappingResult {
  const byVariant = new Map<string, string>();
  const byChannelSku = new Map<string, string>();
  for (const mapping of mappings) {
    if (mapping.variantId !== null) {
      byVariant.set(mapping.variantId, mapping.sku);
    }

    if (mapping.channelSku !== null) {
      byChannelSku.set(mapping.channelSku, mapping.sku);
    }
  }

  const unmapped: UnmappedLine[] = [];
  const lines = order.lines.map((line): OrderLine => {
    const sku = canonicalSku(line, byVariant, byChannelSku, fixed);
    if (sku === undefined) {
      unmapped.push({
        externalLineId: line.externalLineId,
        variantId: line.variantId,
        channelSku: line.channelSku,
      });

      return { ...line };
    }

    return { ...line, sku };
  });

  return { order: { ...order, lines }, unmapped };
}

function canonicalSku(
  line: OrderLine,
  byVariant: ReadonlyMap<string, string>,
  byChannelSku: ReadonlyMap<string, string>,
  fixed: FixedSkus,
): string | undefined {
  if (line.giftCard) {
    return fixed.giftCardSku;
  }

  if (isCustomItem(line)) {
    return fixed.customItemSku;
  }

  const byVariantSku = line.variantId === undefined ? undefined : byVariant.get(line.variantId);

  return (
    byVariantSku ?? (line.channelSku === undefined ? undefined : byChannelSku.get(line.channelSku))
  );
}

function isCustomItem(line: OrderLine): boolean {
  return line.variantId === undefined && line.channelSku === undefined;
}

/** Builds the exception that lists every unmapped line and explains how to add the mappings. */
export function unmappedSkuError(
  order: CanonicalOrder,
  unmapped: readonly UnmappedLine[],
): PermanentError {
  const lines = unmapped
    .map(
      (line) =>
        `line ${line.externalLineId} (variant id ${line.variantId ?? 'none'}, ` +
        `channel SKU ${line.channelSku ?? 'none'})`,
    )
    .join('; ');
  const first = unmapped[0];
  const source =
    first?.variantId === undefined && first?.channelSku !== undefined
      ? { channelSku: first.channelSku }
      : { variantId: first?.variantId ?? '<variant id>' };
  const example = JSON.stringify({
    channel: order.channel,
    shopId: order.shopId,
    ...source,
    sku: '<canonical SKU>',
  });

  return new PermanentError(
    `Order ${order.name} (${orderKey(order)}) has ${unmapped.length} line(s) without a SKU ` +
      `mapping: ${lines}. Add a mapping for each line with POST /sku-mappings, for example ` +
      `${example}, giving channelSku in place of variantId for a line without a variant id, ` +
      'then replay this exception record.',
    'order.sku-unmapped',
  );
}
