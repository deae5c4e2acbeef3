import { Money, type MoneyBag } from '@retail-sync/contracts';

/**
 * An amount in the shop currency with the same amount in the presentment currency beside it.
 * `presentment` is absent as soon as any source amount lacked one, so it is never a partial sum.
 */
export interface PostingAmount {
  shop: Money;
  presentment?: Money;
}

/**
 * Parses a wire amount. A presentment amount in a currency other than the order's presentment
 * currency counts as missing, because the shop amount is the one the ledger books.
 */
export function fromMoneyBag(bag: MoneyBag, presentmentCurrency: string): PostingAmount {
  const shop = Money.parse(bag.shop.amount, bag.shop.currency);
  const presentment = bag.presentment;
  if (!presentment || presentment.currency !== presentmentCurrency) {
    return { shop };
  }

  return {
    shop,
    presentment: Money.parse(presentment.amount, presentment.currency),
  };
}

export function zeroPostingAmount(currency: string, presentmentCurrency: string): PostingAmount {
  return {
    shop: Money.zero(currency),
    presentment: Money.zero(presentmentCurrency),
  };
}

export function addPostingAmounts(left: PostingAmount, right: PostingAmount): PostingAmount {
  const shop = left.shop.add(right.shop);
  if (!left.presentment || !right.presentment) {
    return { shop };
  }

  return { shop, presentment: left.presentment.add(right.presentment) };
}

export function subtractPostingAmounts(left: PostingAmount, right: PostingAmount): PostingAmount {
  const shop = left.shop.subtract(right.shop);
  if (!left.presentment || !right.presentment) {
    return { shop };
  }

  return { shop, presentment: left.presentment.subtract(right.presentment) };
}

export function sumPostingAmounts(
  amounts: readonly PostingAmount[],
  currency: string,
  presentmentCurrency: string,
): PostingAmount {
  return amounts.reduce(addPostingAmounts, zeroPostingAmount(currency, presentmentCurrency));
}
