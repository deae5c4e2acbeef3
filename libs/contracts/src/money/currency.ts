import * as iso4217 from 'dinero.js/bigint/currencies';
import type { DineroCurrency } from 'dinero.js/bigint';

const currencies = new Map<string, DineroCurrency<bigint>>(
  Object.values(iso4217).map((currency) => [currency.code, currency]),
);

/** Returns true when `code` is an active ISO 4217 currency code. */
export function isKnownCurrency(code: string): boolean {
  return currencies.has(code);
}

/**
 * Looks up an ISO 4217 currency (its minor-unit exponent: JPY 0, USD 2, KWD 3).
 * Throws for codes outside the ISO 4217 table, so an unknown currency never reaches arithmetic.
 */
export function currencyOf(code: string): DineroCurrency<bigint> {
  const currency = currencies.get(code);
  if (!currency) {
    throw new UnknownCurrencyError(code);
  }

  return currency;
}

export class UnknownCurrencyError extends Error {
  override readonly name = 'UnknownCurrencyError';

  constructor(readonly code: string) {
    super(`Unknown currency code "${code}": expected an ISO 4217 code such as USD or EUR.`);
  }
}
