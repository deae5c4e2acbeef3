import { isKnownCurrency, Money, MoneyAmount, type MoneyBag } from '@retail-sync/contracts';

/** The order's shop currency (books) and presentment currency (what the customer paid in). */
export interface OrderCurrencies {
  shop: string;
  presentment: string;
}

/**
 * Builds a MoneyBag. Without a presentment amount, the shop amount is repeated when both
 * currencies are the same and the presentment side is left out otherwise. A missing shop amount
 * becomes a zero placeholder, which is only used after a problem was reported.
 */
export function toMoneyBag(
  currencies: OrderCurrencies,
  shop: Money | undefined,
  presentment?: Money,
): MoneyBag {
  const shopAmount = shop ? MoneyAmount.of(shop) : placeholder(currencies.shop);
  if (presentment) {
    return { shop: shopAmount, presentment: MoneyAmount.of(presentment) };
  }

  if (currencies.presentment === currencies.shop) {
    return { shop: shopAmount, presentment: shopAmount };
  }

  return { shop: shopAmount };
}

/** Sums MoneyBags. The presentment side is summed only when every bag carries one. */
export function sumMoneyBags(currencies: OrderCurrencies, bags: readonly MoneyBag[]): MoneyBag {
  if (!hasKnownCurrencies(currencies)) {
    return toMoneyBag(currencies, undefined);
  }

  const shop = Money.sum(
    bags.map((bag) => MoneyAmount.parse(bag.shop)),
    currencies.shop,
  );
  const presentments = bags.flatMap((bag) =>
    bag.presentment ? [MoneyAmount.parse(bag.presentment)] : [],
  );
  if (presentments.length < bags.length) {
    return toMoneyBag(currencies, shop);
  }

  return toMoneyBag(currencies, shop, Money.sum(presentments, currencies.presentment));
}

/** Multiplies both sides of a MoneyBag by a whole quantity, as for unit price × quantity. */
export function multiplyMoneyBag(
  currencies: OrderCurrencies,
  bag: MoneyBag,
  quantity: number,
): MoneyBag {
  if (!hasKnownCurrencies(currencies)) {
    return toMoneyBag(currencies, undefined);
  }

  const shop = MoneyAmount.parse(bag.shop).times(quantity);
  const presentment = bag.presentment
    ? MoneyAmount.parse(bag.presentment).times(quantity)
    : undefined;

  return toMoneyBag(currencies, shop, presentment);
}

export function zeroMoneyBag(currencies: OrderCurrencies): MoneyBag {
  return sumMoneyBags(currencies, []);
}

function hasKnownCurrencies(currencies: OrderCurrencies): boolean {
  return isKnownCurrency(currencies.shop) && isKnownCurrency(currencies.presentment);
}

function placeholder(currency: string): MoneyAmount {
  return Object.assign(new MoneyAmount(), { amount: '0', currency });
}
