import { divideRoundHalfUp, parseDecimal, type Money, type Rational } from '@retail-sync/contracts';

const ZERO: Rational = { num: 0n, den: 1n };

/** Converts a decimal string ("0.08875") to an exact fraction. */
export function rationalOfDecimal(text: string): Rational {
  const { mantissa, scale } = parseDecimal(text);

  return { num: mantissa, den: 10n ** BigInt(scale) };
}

/** Compares two decimal strings by value, so "0.1" equals "0.10". */
export function decimalsEqual(left: string, right: string): boolean {
  const a = rationalOfDecimal(left);
  const b = rationalOfDecimal(right);

  return a.num * b.den === b.num * a.den;
}

export function addRationals(left: Rational, right: Rational): Rational {
  return reduce({
    num: left.num * right.den + right.num * left.den,
    den: left.den * right.den,
  });
}

export function sumRationals(values: readonly Rational[]): Rational {
  return values.reduce(addRationals, ZERO);
}

/** Rounds a fraction of minor units half away from zero to whole minor units. */
export function roundToMinor(value: Rational): bigint {
  return divideRoundHalfUp(value.num, value.den);
}

/**
 * Computes the unrounded tax on `base` in minor units. With tax-exclusive prices that is
 * base × rate. With tax-inclusive prices the base already contains every tax on the line, so the
 * share of one tax is base × rate / (1 + sum of the line's rates).
 */
export function exactTax(
  base: Money,
  rate: string,
  inclusiveRateSum: Rational | undefined,
): Rational {
  const exclusive = base.timesRateExact(rate);
  if (inclusiveRateSum === undefined) {
    return reduce(exclusive);
  }

  return reduce({
    num: exclusive.num * inclusiveRateSum.den,
    den: exclusive.den * (inclusiveRateSum.den + inclusiveRateSum.num),
  });
}

function reduce(value: Rational): Rational {
  const divisor = gcd(value.num, value.den);
  if (divisor <= 1n) {
    return value;
  }

  return { num: value.num / divisor, den: value.den / divisor };
}

function gcd(left: bigint, right: bigint): bigint {
  let a = left < 0n ? -left : left;
  let b = right < 0n ? -right : right;
  while (b !== 0n) {
    [a, b] = [b, a % b];
  }

  return a;
}
