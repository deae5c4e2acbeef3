import { divideRoundHalfUp, type Money } from '@retail-sync/contracts';

const FX_RATE_DECIMALS = 10;

/**
 * Computes presentment units per shop unit (45.86 USD for 60.33 AUD gives "0.7601524946"), rounded
 * half away from zero to 10 decimals with trailing zeros dropped. Returns undefined when the shop
 * amount is zero or both amounts share a currency, because no rate follows from them.
 */
export function computeFxRate(shop: Money, presentment: Money): string | undefined {
  if (shop.isZero() || shop.currency === presentment.currency) {
    return undefined;
  }

  // rate = (presentment.minor / 10^pe) / (shop.minor / 10^se), scaled by 10^10 to stay integral.
  const numerator =
    presentment.minor * 10n ** BigInt(shop.exponent) * 10n ** BigInt(FX_RATE_DECIMALS);
  const denominator = shop.minor * 10n ** BigInt(presentment.exponent);
  const scaled = divideRoundHalfUp(numerator, denominator);

  return formatScaledDecimal(scaled, FX_RATE_DECIMALS);
}

function formatScaledDecimal(mantissa: bigint, scale: number): string {
  const sign = mantissa < 0n ? '-' : '';
  const digits = (mantissa < 0n ? -mantissa : mantissa).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');

  return fraction === '' ? `${sign}${whole}` : `${sign}${whole}.${fraction}`;
}
