const DECIMAL_PATTERN = /^(-)?(\d+)(?:\.(\d+))?$/;

/** An exact decimal as an integer mantissa and a power-of-ten scale: 8.875 is {8875n, 3}. */
export interface ScaledDecimal {
  mantissa: bigint;
  scale: number;
}

/**
 * Parses a plain decimal string ("12.30", "-0.5", "0.08875") without going through a float.
 * Exponent notation, thousands separators and surrounding spaces are rejected.
 */
export function parseDecimal(text: string): ScaledDecimal {
  const match = DECIMAL_PATTERN.exec(text);
  if (!match) {
    throw new RangeError(`Invalid decimal "${text}": expected digits with an optional fraction.`);
  }

  const [, sign, whole, fraction = ''] = match;
  const mantissa = BigInt(`${whole}${fraction}`);

  return { mantissa: sign ? -mantissa : mantissa, scale: fraction.length };
}

/**
 * Most integer digits of an amount: 999 trillion. Ledgers store minor units as 64-bit integers,
 * and sums of many such amounts must still fit, so larger inputs are rejected at the edge.
 */
export const MAX_INTEGER_DIGITS = 15;

/** Returns true when `text` is a plain decimal string accepted by {@link parseDecimal}. */
export function isDecimalString(text: unknown): text is string {
  return typeof text === 'string' && DECIMAL_PATTERN.test(text);
}

/** Returns true when `text` is a decimal string with at most {@link MAX_INTEGER_DIGITS} integer digits. */
export function isBoundedDecimalString(text: unknown): text is string {
  if (!isDecimalString(text)) {
    return false;
  }

  const integerPart = text
    .replace(/^-/, '')
    .split('.')[0]
    .replace(/^0+(?=\d)/, '');

  return integerPart.length <= MAX_INTEGER_DIGITS;
}

/**
 * Formats a JSON number such as Shopify's tax `rate: 0.08875` as an exact decimal string. JSON
 * numbers from channels are shortest round-trip representations, so `String()` recovers the
 * digits the channel sent; exponent forms (1e-7) are expanded.
 */
export function decimalFromJsonNumber(value: number): string {
  if (!Number.isFinite(value)) {
    throw new RangeError(`Invalid decimal number ${value}.`);
  }

  const text = String(value);
  if (!text.includes('e')) {
    return text;
  }

  return value.toFixed(20).replace(/\.?0+$/, '');
}

/** Divides with rounding half away from zero, the commercial rounding used on invoices. */
export function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) {
    throw new RangeError('Division by zero.');
  }

  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (2n * n + d) / (2n * d);

  return negative ? -quotient : quotient;
}
