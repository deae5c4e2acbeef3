import { isDecimalString, isKnownCurrency, Money, type MoneyBag } from '@retail-sync/contracts';
import { toMoneyBag, type OrderCurrencies } from './money-bag-arithmetic.js';
import {
  describeValue,
  fieldPath,
  isAbsent,
  isJsonObject,
  type JsonObject,
  type PayloadProblems,
} from './payload-problems.js';
import type { ShopifyMoney, ShopifyMoneySet, Unchecked } from './shopify-order.types.js';

export interface TranslationContext {
  problems: PayloadProblems;
  currencies: OrderCurrencies;
}

/**
 * Parses a non-negative wire amount in `currency`. Returns undefined after reporting a value that
 * is not a decimal string, is negative or has more decimals than the currency's minor unit. An
 * amount in an unknown currency is not reported here, because the currency field already is.
 */
export function parseAmount(
  problems: PayloadProblems,
  value: unknown,
  path: string,
  currency: string,
): Money | undefined {
  if (!isDecimalString(value)) {
    problems.report(path, `must be a decimal string such as "12.30", got ${describeValue(value)}`);

    return undefined;
  }

  if (value.startsWith('-')) {
    problems.report(path, `must not be negative, got "${value}"`);

    return undefined;
  }

  if (!isKnownCurrency(currency)) {
    return undefined;
  }

  try {
    return Money.parse(value, currency);
  } catch (error) {
    if (!(error instanceof RangeError)) {
      throw error;
    }

    const exponent = Money.zero(currency).exponent;
    problems.report(
      path,
      `has more decimals than ${currency} allows (${exponent}), got "${value}"`,
    );

    return undefined;
  }
}

/**
 * Reads the amount `key` of a Shopify object as a MoneyBag. The `<key>_set` object wins when
 * present, because it carries both currencies. The plain field is in the shop currency. Returns
 * undefined when both are absent, after reporting it if `required`.
 */
export function readMoneyBag<T>(
  context: TranslationContext,
  source: Unchecked<T>,
  key: keyof T & string,
  parent: string,
  required: boolean,
): MoneyBag | undefined {
  const setKey = `${key}_set`;
  const set = (source as JsonObject)[setKey];
  if (!isAbsent(set)) {
    return readMoneySet(context, set, fieldPath(parent, setKey));
  }

  const path = fieldPath(parent, key);
  const plain = source[key];
  if (isAbsent(plain)) {
    if (required) {
      context.problems.report(path, 'is required');
    }

    return undefined;
  }

  return toMoneyBag(
    context.currencies,
    parseAmount(context.problems, plain, path, context.currencies.shop),
  );
}

/** Reads a required amount, or returns a zero placeholder after reporting a missing one. */
export function readRequiredMoneyBag<T>(
  context: TranslationContext,
  source: Unchecked<T>,
  key: keyof T & string,
  parent: string,
): MoneyBag {
  return (
    readMoneyBag(context, source, key, parent, true) ?? toMoneyBag(context.currencies, undefined)
  );
}

/** Reads a `{ shop_money, presentment_money }` set at `path`, reporting what is invalid. */
export function readMoneySet(context: TranslationContext, set: unknown, path: string): MoneyBag {
  const { problems, currencies } = context;
  if (!isJsonObject(set)) {
    problems.report(path, `must be an object with shop_money, got ${describeValue(set)}`);

    return toMoneyBag(currencies, undefined);
  }

  const moneySet = set as Unchecked<ShopifyMoneySet>;
  const shopPath = `${path}.shop_money`;
  if (!isJsonObject(moneySet.shop_money)) {
    problems.report(shopPath, `must be an object, got ${describeValue(moneySet.shop_money)}`);

    return toMoneyBag(currencies, undefined);
  }

  const shop = readMoney(problems, moneySet.shop_money, shopPath, currencies.shop);
  if (isAbsent(moneySet.presentment_money)) {
    return toMoneyBag(currencies, shop);
  }

  const presentmentPath = `${path}.presentment_money`;
  if (!isJsonObject(moneySet.presentment_money)) {
    problems.report(
      presentmentPath,
      `must be an object, got ${describeValue(moneySet.presentment_money)}`,
    );

    return toMoneyBag(currencies, shop);
  }

  const presentment = readMoney(
    problems,
    moneySet.presentment_money,
    presentmentPath,
    currencies.presentment,
  );

  return toMoneyBag(currencies, shop, presentment);
}

/** Reads one `{ amount, currency_code }`, whose currency must be the one the order declares. */
function readMoney(
  problems: PayloadProblems,
  money: Unchecked<ShopifyMoney>,
  path: string,
  currency: string,
): Money | undefined {
  const code = money.currency_code;
  if (!isAbsent(code) && code !== currency) {
    problems.report(
      `${path}.currency_code`,
      `must be "${currency}" as the order declares, got ${describeValue(code)}`,
    );

    return undefined;
  }

  return parseAmount(problems, money.amount, `${path}.amount`, currency);
}
