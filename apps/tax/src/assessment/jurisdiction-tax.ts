import { Money, type CanonicalOrder, type Rational } from '@retail-sync/contracts';
import { exactTax, roundToMinor, sumRationals } from './exact-rational.js';
import { presentmentMoney, shopMoney, sumOptional } from './money-bag.js';
import { expectPresentment, sharePresentment } from './jurisdiction-presentment.js';
import { findMappingIndex } from './tax-code-mapping.js';
import type { TaxCodeMapping } from './tax-configuration.js';
import { ChannelTaxMismatchError } from './tax-errors.js';
import type { ChannelLineTax, TaxableLine } from './taxable-line.js';

/** The tax booked on one line for one jurisdiction. Shares sum to the jurisdiction's amounts. */
export interface LineTaxShare {
  lineIndex: number;
  title: string;
  rate: string;
  amount: Money;
  presentment?: Money;
}

/** One mapped jurisdiction's channel tax, checked against the recomputed tax and spread to lines. */
export interface JurisdictionAssessment {
  mapping: TaxCodeMapping;
  amount: Money;
  presentment?: Money;
  expected: Money;
  expectedPresentment?: Money;
  roundingMode: 'line' | 'order';
  toleranceMinor: bigint;
  shares: LineTaxShare[];
}

interface Carrier {
  lineIndex: number;
  line: TaxableLine;
  tax: ChannelLineTax;
  /** Set for tax-inclusive prices: the sum of the line's rates that divides its base. */
  inclusiveRateSum?: Rational;
  weight: Rational;
}

/**
 * Assesses every mapped jurisdiction of the order, in the order the channel first lists them.
 * Order-level tax lines, when present, already include shipping tax, so they alone give the
 * channel's amount. Throws ChannelTaxMismatchError when that amount and the recomputed tax are
 * further apart than the rounding tolerance.
 */
export function assessJurisdictions(
  order: CanonicalOrder,
  lines: readonly TaxableLine[],
  mappings: readonly TaxCodeMapping[],
): JurisdictionAssessment[] {
  const orderLevel = order.taxLines.map((taxLine) => ({
    mappingIndex: findMappingIndex(mappings, taxLine),
    amount: shopMoney(taxLine.amount),
    presentment: presentmentMoney(taxLine.amount),
  }));
  const mappingIndexes = [
    ...new Set([
      ...orderLevel.map((tax) => tax.mappingIndex),
      ...lines.flatMap((line) => line.taxes.map((tax) => tax.mappingIndex)),
    ]),
  ];

  return mappingIndexes.flatMap((mappingIndex) => {
    const carriers = findCarriers(order, lines, mappingIndex, mappings);
    const reported =
      order.taxLines.length > 0
        ? orderLevel.filter((tax) => tax.mappingIndex === mappingIndex)
        : carriers.map((carrier) => ({
            amount: carrier.tax.channel,
            presentment: carrier.tax.channelPresentment,
          }));
    const amount = Money.sum(
      reported.map((tax) => tax.amount),
      order.currency,
    );
    const presentment =
      order.totals.total.presentment === undefined
        ? undefined
        : sumOptional(
            reported.map((tax) => tax.presentment),
            order.presentmentCurrency,
          );
    const assessed = assessJurisdiction(mappings[mappingIndex], carriers, amount, presentment);

    return assessed === undefined ? [] : [assessed];
  });
}

function findCarriers(
  order: CanonicalOrder,
  lines: readonly TaxableLine[],
  mappingIndex: number,
  mappings: readonly TaxCodeMapping[],
): Carrier[] {
  const rate = mappings[mappingIndex].rate;

  return lines.flatMap((line, lineIndex) => {
    const tax = line.taxes.find((candidate) => candidate.mappingIndex === mappingIndex);
    if (tax === undefined) {
      return [];
    }

    const inclusiveRateSum = order.taxesIncluded ? line.rateSum : undefined;

    return [
      {
        lineIndex,
        line,
        tax,
        inclusiveRateSum,
        weight: exactTax(line.base, rate, inclusiveRateSum),
      },
    ];
  });
}

function assessJurisdiction(
  mapping: TaxCodeMapping,
  carriers: readonly Carrier[],
  amount: Money,
  presentment: Money | undefined,
): JurisdictionAssessment | undefined {
  const expected = Money.ofMinor(
    roundToMinor(sumRationals(carriers.map((carrier) => carrier.weight))),
    amount.currency,
  );
  // Each line the channel rounded on its own can move the sum by half a minor unit.
  const toleranceMinor = BigInt(Math.max(1, Math.ceil(carriers.length / 2)));
  const mismatch = {
    jurisdiction: mapping.jurisdiction,
    taxCode: mapping.taxCode,
    channel: amount,
    expected,
  };
  if (carriers.length === 0) {
    if (amount.isZero()) {
      return undefined;
    }

    // NOTE: a tax reported only at order level, with no line carrying it, cannot be spread to
    // lines, so it is rejected even when it is within the rounding tolerance.
    throw new ChannelTaxMismatchError({ ...mismatch, toleranceMinor: 0n });
  }

  if (amount.distanceTo(expected) > toleranceMinor) {
    throw new ChannelTaxMismatchError({ ...mismatch, toleranceMinor });
  }

  const lineSum = Money.sum(
    carriers.map((carrier) => carrier.tax.channel),
    amount.currency,
  );
  const roundingMode = lineSum.equals(amount) ? 'line' : 'order';
  const weights = carriers.map((carrier) => carrier.weight);
  const amounts =
    roundingMode === 'line'
      ? carriers.map((carrier) => carrier.tax.channel)
      : amount.allocate(weights);
  const presentments = sharePresentment(
    carriers.map((carrier) => carrier.tax.channelPresentment),
    presentment,
    weights,
  );
  const presentmentBases = carriers.map((carrier) => ({
    base: carrier.line.presentment?.base,
    inclusiveRateSum: carrier.inclusiveRateSum,
  }));

  return {
    mapping,
    amount,
    presentment,
    expected,
    expectedPresentment: expectPresentment(presentmentBases, mapping.rate, presentment),
    roundingMode,
    toleranceMinor,
    shares: carriers.map((carrier, index) => ({
      lineIndex: carrier.lineIndex,
      title: carrier.tax.title,
      rate: carrier.tax.rate,
      amount: amounts[index],
      presentment: presentments?.[index],
    })),
  };
}
