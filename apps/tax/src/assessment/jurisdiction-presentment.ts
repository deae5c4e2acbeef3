import { Money, type Rational } from '@retail-sync/contracts';
import { exactTax, roundToMinor, sumRationals } from './exact-rational.js';
import { sumOptional } from './money-bag.js';

/** A line's taxable base in the presentment currency, when the channel sent one. */
export interface PresentmentBase {
  base: Money | undefined;
  /** Set for tax-inclusive prices: the sum of the line's rates that divides its base. */
  inclusiveRateSum?: Rational;
}

/**
 * Splits a jurisdiction's presentment amount across its lines. Uses the channel's per-line
 * figures when they sum to that amount, and otherwise allocates it with the shop weights.
 * Returns undefined when the jurisdiction has no presentment amount.
 */
export function sharePresentment(
  reported: readonly (Money | undefined)[],
  presentment: Money | undefined,
  weights: readonly Rational[],
): (Money | undefined)[] | undefined {
  if (presentment === undefined) {
    return undefined;
  }

  const reportedSum = sumOptional(reported, presentment.currency);
  if (reportedSum !== undefined && reportedSum.equals(presentment)) {
    return [...reported];
  }

  return presentment.allocate(weights);
}

/** Recomputes the tax in the presentment currency, or undefined when a line lacks a base. */
export function expectPresentment(
  bases: readonly PresentmentBase[],
  rate: string,
  presentment: Money | undefined,
): Money | undefined {
  if (presentment === undefined) {
    return undefined;
  }

  const weights: Rational[] = [];
  for (const { base, inclusiveRateSum } of bases) {
    if (base === undefined) {
      return undefined;
    }

    weights.push(exactTax(base, rate, inclusiveRateSum));
  }

  return Money.ofMinor(roundToMinor(sumRationals(weights)), presentment.currency);
}
