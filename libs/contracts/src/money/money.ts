import { dinero, toDecimal } from 'dinero.js/bigint';
import { allocateLargestRemainder, type Rational } from './allocate.js';
import { currencyOf } from './currency.js';
import {
  divideRoundHalfUp,
  isBoundedDecimalString,
  MAX_INTEGER_DIGITS,
  parseDecimal,
} from './decimal.js';

/**
 * An exact amount of one currency, held as an integer count of minor units (cents for USD, yen for
 * JPY, fils for KWD). Arithmetic refuses to mix currencies, and no operation goes through a float.
 */
export class Money {
  private constructor(
    readonly minor: bigint,
    readonly currency: string,
  ) {}

  /** Builds an amount from minor units; the currency must be an ISO 4217 code. */
  static ofMinor(minor: bigint, currency: string): Money {
    currencyOf(currency);

    return new Money(minor, currency);
  }

  static zero(currency: string): Money {
    return Money.ofMinor(0n, currency);
  }

  /**
   * Parses a wire amount ("19.99", "1000", "0.125") in `currency`. More fraction digits than the
   * currency's exponent are accepted only when the extra digits are zeros ("12.500" USD), because
   * a sub-minor-unit amount cannot be booked.
   */
  static parse(amount: string, currency: string): Money {
    const exponent = Number(currencyOf(currency).exponent);
    const { mantissa, scale } = parseDecimal(amount);
    if (!isBoundedDecimalString(amount)) {
      throw new RangeError(
        `Invalid amount "${amount}" ${currency}: expected a decimal with at most ${MAX_INTEGER_DIGITS} integer digits.`,
      );
    }

    if (scale <= exponent) {
      return new Money(mantissa * 10n ** BigInt(exponent - scale), currency);
    }

    const divisor = 10n ** BigInt(scale - exponent);
    if (mantissa % divisor !== 0n) {
      throw new RangeError(
        `Invalid amount "${amount}" ${currency}: ${currency} has ${exponent} decimal places.`,
      );
    }

    return new Money(mantissa / divisor, currency);
  }

  get exponent(): number {
    return Number(currencyOf(this.currency).exponent);
  }

  /** Formats as the wire's decimal string with exactly the currency's number of decimals. */
  toDecimal(): string {
    return toDecimal(dinero({ amount: this.minor, currency: currencyOf(this.currency) }));
  }

  toJSON(): { amount: string; currency: string } {
    return { amount: this.toDecimal(), currency: this.currency };
  }

  toString(): string {
    return `${this.toDecimal()} ${this.currency}`;
  }

  add(other: Money): Money {
    this.assertSameCurrency(other);

    return new Money(this.minor + other.minor, this.currency);
  }

  subtract(other: Money): Money {
    this.assertSameCurrency(other);

    return new Money(this.minor - other.minor, this.currency);
  }

  negate(): Money {
    return new Money(-this.minor, this.currency);
  }

  /** Multiplies by a whole quantity, as for unit price × quantity. */
  times(quantity: number | bigint): Money {
    const factor = typeof quantity === 'bigint' ? quantity : BigInt(quantity);

    return new Money(this.minor * factor, this.currency);
  }

  /**
   * Multiplies by a decimal rate given as a string ("0.08875") and returns the exact product as
   * a fraction of minor units, so callers can round or allocate without losing precision.
   */
  timesRateExact(rate: string): Rational {
    const { mantissa, scale } = parseDecimal(rate);

    return { num: this.minor * mantissa, den: 10n ** BigInt(scale) };
  }

  /** Multiplies by a decimal rate and rounds half away from zero to the minor unit. */
  timesRate(rate: string): Money {
    const exact = this.timesRateExact(rate);

    return new Money(divideRoundHalfUp(exact.num, exact.den), this.currency);
  }

  /** Splits this amount in proportion to `weights` by largest remainder; the parts sum exactly. */
  allocate(weights: readonly Rational[]): Money[] {
    return allocateLargestRemainder(this.minor, weights).map(
      (minor) => new Money(minor, this.currency),
    );
  }

  isZero(): boolean {
    return this.minor === 0n;
  }

  isNegative(): boolean {
    return this.minor < 0n;
  }

  equals(other: Money): boolean {
    return this.currency === other.currency && this.minor === other.minor;
  }

  /** Returns the absolute difference in minor units; both amounts must share a currency. */
  distanceTo(other: Money): bigint {
    this.assertSameCurrency(other);
    const delta = this.minor - other.minor;

    return delta < 0n ? -delta : delta;
  }

  static sum(amounts: readonly Money[], currency: string): Money {
    return amounts.reduce((acc, amount) => acc.add(amount), Money.zero(currency));
  }

  private assertSameCurrency(other: Money): void {
    if (other.currency !== this.currency) {
      throw new CurrencyMismatchError(this.currency, other.currency);
    }
  }
}

export class CurrencyMismatchError extends Error {
  override readonly name = 'CurrencyMismatchError';

  constructor(
    readonly left: string,
    readonly right: string,
  ) {
    super(`Cannot combine ${left} and ${right} amounts without a conversion.`);
  }
}
