import {
  Money,
  MoneyAmount,
  type CanonicalOrder,
  type DiscountAllocation,
  type MoneyBag,
  type OrderTotals,
  type TaxLine,
} from '@retail-sync/contracts';

/** A shop amount ("8.00"), or a shop amount with the presentment amount the customer saw. */
export type AmountInput = string | { shop: string; presentment: string };

/** A channel tax line: title, rate as a decimal string and amount. */
export type TaxInput = [title: string, rate: string, amount: AmountInput];

export interface LineInput {
  id?: string;
  title?: string;
  price: AmountInput;
  quantity?: number;
  discounts?: AmountInput[];
  taxes?: TaxInput[];
  giftCard?: boolean;
}

export interface ShippingInput {
  title?: string;
  price: AmountInput;
  discounts?: AmountInput[];
  taxes?: TaxInput[];
}

export interface OrderInput {
  currency?: string;
  presentmentCurrency?: string;
  taxesIncluded?: boolean;
  lines: LineInput[];
  shipping?: ShippingInput[];
  /** Order-level tax lines, left out when the channel reports tax on lines only. */
  taxes?: TaxInput[];
  /** Totals as the channel reported them. Each one left out is computed from the lines. */
  totals?: Partial<Record<keyof OrderTotals, AmountInput>>;
}

/**
 * Builds a CanonicalOrder from compact figures, as the Shopify translator would produce it.
 * Line ids default to 1, 2, … and totals left out are consistent with the lines.
 */
export function buildOrder(input: OrderInput): CanonicalOrder {
  const currency = input.currency ?? 'USD';
  const presentmentCurrency = input.presentmentCurrency ?? currency;
  const bag = (amount: AmountInput): MoneyBag => toBag(amount, currency, presentmentCurrency);
  const taxLine = ([title, rate, amount]: TaxInput): TaxLine => ({
    title,
    rate,
    amount: bag(amount),
  });
  const allocation = (amount: AmountInput): DiscountAllocation => ({
    amount: bag(amount),
  });
  const lines = input.lines.map((line, index) => ({
    externalLineId: line.id ?? String(index + 1),
    title: line.title ?? `Item ${index + 1}`,
    quantity: line.quantity ?? 1,
    unitPrice: bag(line.price),
    discountAllocations: (line.discounts ?? []).map(allocation),
    taxLines: (line.taxes ?? []).map(taxLine),
    taxable: (line.taxes ?? []).length > 0,
    giftCard: line.giftCard ?? false,
  }));
  const shippingLines = (input.shipping ?? []).map((line) => ({
    title: line.title ?? 'Standard',
    price: bag(line.price),
    discountAllocations: (line.discounts ?? []).map(allocation),
    taxLines: (line.taxes ?? []).map(taxLine),
  }));
  const order: CanonicalOrder = {
    channel: 'shopify',
    shopId: 'example-shop.myshopify.com',
    externalId: '9000000000001',
    name: '#1001',
    sourceUpdatedAt: '2024-06-13T14:00:00Z',
    placedAt: '2024-06-13T14:00:00Z',
    currency,
    presentmentCurrency,
    taxesIncluded: input.taxesIncluded ?? false,
    lines,
    shippingLines,
    taxLines: (input.taxes ?? []).map(taxLine),
    discountApplications: [],
    transactions: [],
    totals: undefined as unknown as OrderTotals,
  };
  const computed = computeTotals(order);
  const reported = Object.fromEntries(
    Object.entries(input.totals ?? {}).map(([key, amount]) => [key, bag(amount)]),
  );
  order.totals = { ...computed, ...reported };

  return order;
}

function toBag(amount: AmountInput, currency: string, presentmentCurrency: string): MoneyBag {
  if (typeof amount === 'string') {
    return { shop: { amount, currency } };
  }

  return {
    shop: { amount: amount.shop, currency },
    presentment: { amount: amount.presentment, currency: presentmentCurrency },
  };
}

/** Totals consistent with the lines, in shop and, where every amount has one, presentment. */
function computeTotals(order: CanonicalOrder): OrderTotals {
  const hasPresentment = order.lines.some((line) => line.unitPrice.presentment !== undefined);
  const sides = [
    {
      enabled: true,
      currency: order.currency,
      pick: (bag: MoneyBag) => bag.shop,
    },
    {
      enabled: hasPresentment,
      currency: order.presentmentCurrency,
      pick: (bag: MoneyBag) => bag.presentment,
    },
  ];
  const [shop, presentment] = sides.map(({ enabled, currency, pick }) => {
    const sum = (bags: MoneyBag[]): Money | undefined => {
      if (!enabled) {
        return undefined;
      }

      const amounts = bags.map(pick);
      if (amounts.some((amount) => amount === undefined)) {
        return undefined;
      }

      return Money.sum(
        amounts.map((amount) => MoneyAmount.parse(amount as MoneyAmount)),
        currency,
      );
    };

    return totalsOf(order, sum);
  });
  const totals = {} as Record<keyof OrderTotals, MoneyBag>;
  for (const key of Object.keys(shop) as (keyof OrderTotals)[]) {
    const shopAmount = shop[key] as Money;
    const presentmentAmount = presentment[key];
    totals[key] = { shop: MoneyAmount.of(shopAmount) };
    if (presentmentAmount !== undefined) {
      totals[key].presentment = MoneyAmount.of(presentmentAmount);
    }
  }

  return totals;
}

function totalsOf(
  order: CanonicalOrder,
  sum: (bags: MoneyBag[]) => Money | undefined,
): Record<keyof OrderTotals, Money | undefined> {
  const lineGross = order.lines.flatMap((line) =>
    Array<MoneyBag>(line.quantity).fill(line.unitPrice),
  );
  const lineItems = sum(lineGross);
  const lineDiscounts = sum(
    order.lines.flatMap((line) => line.discountAllocations.map((a) => a.amount)),
  );
  const shippingDiscounts = sum(
    order.shippingLines.flatMap((line) => line.discountAllocations.map((a) => a.amount)),
  );
  const shipping = sum(order.shippingLines.map((line) => line.price));
  const taxLines =
    order.taxLines.length > 0
      ? order.taxLines
      : [...order.lines, ...order.shippingLines].flatMap((line) => line.taxLines);
  const tax = sum(taxLines.map((taxLine) => taxLine.amount));
  const parts = [lineItems, lineDiscounts, shippingDiscounts, shipping, tax];
  if (parts.some((part) => part === undefined)) {
    return {
      lineItems,
      discounts: undefined,
      subtotal: undefined,
      shipping,
      tax,
      total: undefined,
    };
  }

  const [items, itemDiscounts, shipDiscounts, shipped, taxed] = parts as Money[];
  const subtotal = items.subtract(itemDiscounts);
  const total = subtotal
    .add(shipped)
    .subtract(shipDiscounts)
    .add(order.taxesIncluded ? Money.zero(taxed.currency) : taxed);

  return {
    lineItems,
    discounts: itemDiscounts.add(shipDiscounts),
    subtotal,
    shipping,
    tax,
    total,
  };
}
