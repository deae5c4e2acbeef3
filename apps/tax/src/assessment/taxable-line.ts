import {
  Money,
  type CanonicalOrder,
  type DiscountAllocation,
  type MoneyBag,
  type Rational,
  type TaxLine,
} from '@retail-sync/contracts';
import { rationalOfDecimal, sumRationals } from './exact-rational.js';
import { presentmentMoney, shopMoney, sumOptional } from './money-bag.js';
import { findMappingIndex } from './tax-code-mapping.js';
import type { TaxCodeMapping } from './tax-configuration.js';
import { ChannelTaxMismatchError, NegativeTaxBaseError } from './tax-errors.js';

/** One mapped tax on one line as the channel reported it, summed over its tax lines. */
export interface ChannelLineTax {
  mappingIndex: number;
  title: string;
  rate: string;
  channel: Money;
  channelPresentment?: Money;
}

export interface PresentmentFigures {
  gross: Money;
  discount: Money;
  base: Money;
}

/** An item or shipping line with its taxable base: gross − discount, tax included if prices are. */
export interface TaxableLine {
  ref: string;
  kind: 'item' | 'shipping' | 'gift_card';
  gross: Money;
  discount: Money;
  base: Money;
  /** Present only when every amount of the line has a presentment figure. */
  presentment?: PresentmentFigures;
  taxes: ChannelLineTax[];
  /** Sum of the distinct rates on the line, which divides a tax-inclusive base. */
  rateSum: Rational;
}

/**
 * Builds the taxable lines of an order: item lines first as `line:<id>`, then shipping lines as
 * `shipping:<position>`. Every tax line must already be mapped. Throws ChannelTaxMismatchError
 * for a non-zero tax on a gift card and NegativeTaxBaseError when discounts exceed the price.
 */
export function collectTaxableLines(
  order: CanonicalOrder,
  mappings: readonly TaxCodeMapping[],
): TaxableLine[] {
  const items = order.lines.map((line) => {
    const ref = `line:${line.externalLineId}`;
    if (line.giftCard) {
      assertGiftCardUntaxed(ref, line.taxLines, mappings);
    }

    return buildLine(order, {
      ref,
      kind: line.giftCard ? 'gift_card' : 'item',
      price: line.unitPrice,
      quantity: line.quantity,
      discountAllocations: line.discountAllocations,
      taxLines: line.giftCard ? [] : line.taxLines,
      mappings,
    });
  });
  const shipping = order.shippingLines.map((line, index) =>
    buildLine(order, {
      ref: `shipping:${index}`,
      kind: 'shipping',
      price: line.price,
      quantity: 1,
      discountAllocations: line.discountAllocations,
      taxLines: line.taxLines,
      mappings,
    }),
  );

  return [...items, ...shipping];
}

interface LineSource {
  ref: string;
  kind: TaxableLine['kind'];
  price: MoneyBag;
  quantity: number;
  discountAllocations: readonly DiscountAllocation[];
  taxLines: readonly TaxLine[];
  mappings: readonly TaxCodeMapping[];
}

function buildLine(order: CanonicalOrder, source: LineSource): TaxableLine {
  const gross = shopMoney(source.price).times(source.quantity);
  const discount = Money.sum(
    source.discountAllocations.map((allocation) => shopMoney(allocation.amount)),
    order.currency,
  );
  const base = gross.subtract(discount);
  if (base.isNegative()) {
    throw new NegativeTaxBaseError(source.ref, gross, discount);
  }

  const taxes = groupChannelTaxes(order, source.taxLines, source.mappings);

  return {
    ref: source.ref,
    kind: source.kind,
    gross,
    discount,
    base,
    presentment: presentmentFigures(order, source),
    taxes,
    rateSum: sumRationals(
      taxes.map((tax) => rationalOfDecimal(source.mappings[tax.mappingIndex].rate)),
    ),
  };
}

function presentmentFigures(
  order: CanonicalOrder,
  source: LineSource,
): PresentmentFigures | undefined {
  const price = presentmentMoney(source.price);
  const discount = sumOptional(
    source.discountAllocations.map((allocation) => presentmentMoney(allocation.amount)),
    price?.currency ?? order.presentmentCurrency,
  );
  if (price === undefined || discount === undefined) {
    return undefined;
  }

  const gross = price.times(source.quantity);

  return { gross, discount, base: gross.subtract(discount) };
}

function groupChannelTaxes(
  order: CanonicalOrder,
  taxLines: readonly TaxLine[],
  mappings: readonly TaxCodeMapping[],
): ChannelLineTax[] {
  const grouped: ChannelLineTax[] = [];
  for (const taxLine of taxLines) {
    const mappingIndex = findMappingIndex(mappings, taxLine);
    const channel = shopMoney(taxLine.amount);
    const channelPresentment = presentmentMoney(taxLine.amount);
    const existing = grouped.find((tax) => tax.mappingIndex === mappingIndex);
    if (existing === undefined) {
      grouped.push({
        mappingIndex,
        title: taxLine.title,
        rate: taxLine.rate,
        channel,
        channelPresentment,
      });
      continue;
    }

    existing.channel = existing.channel.add(channel);
    existing.channelPresentment = sumOptional(
      [existing.channelPresentment, channelPresentment],
      order.presentmentCurrency,
    );
  }

  return grouped;
}

function assertGiftCardUntaxed(
  ref: string,
  taxLines: readonly TaxLine[],
  mappings: readonly TaxCodeMapping[],
): void {
  const charged = taxLines.find((taxLine) => !shopMoney(taxLine.amount).isZero());
  if (charged === undefined) {
    return;
  }

  const mapping = mappings[findMappingIndex(mappings, charged)];
  const channel = shopMoney(charged.amount);
  throw new ChannelTaxMismatchError({
    jurisdiction: mapping.jurisdiction,
    taxCode: mapping.taxCode,
    channel,
    expected: Money.zero(channel.currency),
    toleranceMinor: 0n,
    untaxableLineRef: ref,
  });
}
