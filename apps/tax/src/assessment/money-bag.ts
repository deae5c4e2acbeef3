import { Money, MoneyAmount, type MoneyBag } from '@retail-sync/contracts';

export function shopMoney(bag: MoneyBag): Money {
  return MoneyAmount.parse(bag.shop);
}

export function presentmentMoney(bag: MoneyBag): Money | undefined {
  return bag.presentment === undefined ? undefined : MoneyAmount.parse(bag.presentment);
}

/** Builds a wire MoneyBag, leaving out the presentment figure when there is none. */
export function toMoneyBag(shop: Money, presentment?: Money): MoneyBag {
  const bag: MoneyBag = { shop: MoneyAmount.of(shop) };
  if (presentment !== undefined) {
    bag.presentment = MoneyAmount.of(presentment);
  }

  return bag;
}

/**
 * Sums amounts that may lack a presentment figure. Returns undefined when any of them lacks one,
 * because a partial sum would understate the total. An empty list sums to zero in `currency`.
 */
export function sumOptional(
  amounts: readonly (Money | undefined)[],
  currency: string,
): Money | undefined {
  if (amounts.some((amount) => amount === undefined)) {
    return undefined;
  }

  return Money.sum(amounts as Money[], currency);
}
