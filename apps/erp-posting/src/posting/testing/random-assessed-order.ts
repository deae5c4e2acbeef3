import { Money, type OrderTaxAssessedEvent } from '@retail-sync/contracts';
import type {
  FixtureAmount,
  FixtureLineInput,
  FixtureTaxInput,
  FixtureTransactionInput,
} from './assessed-order-fixture-input.js';
import { buildAssessedOrderEvent } from './assessed-order-fixture.js';

const CURRENCIES = ['USD', 'EUR', 'JPY', 'KWD', 'AUD'];
const GATEWAYS = ['shopify_payments', 'gift_card', 'stripe', 'paypal', 'manual'];
const TAXES = [
  { jurisdiction: 'US-NY', taxCode: 'NY', rate: '0.04', liabilityAccount: '2210-US-SALES' },
  { jurisdiction: 'US-NY-NYC', taxCode: 'NYC', rate: '0.045', liabilityAccount: '2210-US-SALES' },
  { jurisdiction: 'DE', taxCode: 'VAT', rate: '0.19', liabilityAccount: '2210-VAT-PAYABLE' },
  { jurisdiction: 'AU', taxCode: 'GST', rate: '0.1', liabilityAccount: '2220-GST-PAYABLE' },
];

/** mulberry32: a small seeded generator, so a failing seed reproduces exactly. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;

  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);

    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Generates a consistent assessed order from `seed`: item, gift card and shipping lines with
 * discounts, taxes in several jurisdictions, split tenders including gift cards, partial or no
 * payment, and unsettled transactions. A third of the orders carry presentment amounts.
 */
export function generateAssessedOrder(seed: number): OrderTaxAssessedEvent {
  const random = createRandom(seed);
  const integer = (max: number): number => Math.floor(random() * (max + 1));
  const pick = <T>(values: readonly T[]): T => values[integer(values.length - 1)];
  const currency = pick(CURRENCIES);
  const presentmentCurrency =
    random() < 1 / 3 ? pick(CURRENCIES.filter((code) => code !== currency)) : currency;
  const hasPresentment = presentmentCurrency !== currency;
  const toAmount = (shop: Money, presentment: Money): FixtureAmount =>
    hasPresentment
      ? { shop: shop.toDecimal(), presentment: presentment.toDecimal() }
      : shop.toDecimal();

  const lines: FixtureLineInput[] = [];
  let total = Money.zero(currency);
  let presentmentTotal = Money.zero(presentmentCurrency);
  const lineCount = 1 + integer(4) + integer(2);
  for (let index = 0; index < lineCount; index += 1) {
    const kind = index === 0 ? 'item' : pick(['item', 'item', 'gift_card', 'shipping'] as const);
    // The first line is never zero, so every order has something to post.
    const gross = Money.ofMinor(BigInt((index === 0 ? 1 : 0) + integer(50_000)), currency);
    const discount = Money.ofMinor(
      random() < 0.3 ? BigInt(integer(Number(gross.minor))) : 0n,
      currency,
    );
    const net = gross.subtract(discount);
    const grossPresentment = convert(gross, presentmentCurrency);
    const discountPresentment = convert(discount, presentmentCurrency);
    total = total.add(net);
    presentmentTotal = presentmentTotal.add(grossPresentment).subtract(discountPresentment);

    const taxes: FixtureTaxInput[] = [];
    const firstTax = integer(2);
    const taxCount = kind === 'gift_card' ? 0 : integer(2);
    for (const tax of TAXES.slice(firstTax, firstTax + taxCount)) {
      const amount = net.timesRate(tax.rate);
      const amountPresentment = convert(amount, presentmentCurrency);
      taxes.push({
        ...tax,
        title: `${tax.taxCode} tax`,
        amount: toAmount(amount, amountPresentment),
      });
      total = total.add(amount);
      presentmentTotal = presentmentTotal.add(amountPresentment);
    }

    lines.push({
      kind,
      gross: toAmount(gross, grossPresentment),
      discount: toAmount(discount, discountPresentment),
      taxes,
    });
  }

  const tenders = generateTenders(random, total, pick, integer);
  // Each tender's presentment share follows its shop amount, and the unpaid rest takes the last
  // share, so the presentment side balances like the shop side.
  const paid = tenders.map((tender) => tender.amount);
  const unpaid = total.subtract(Money.sum(paid, currency));
  const presentmentShares = presentmentTotal.allocate(
    [...paid, unpaid].map((amount) => ({ num: amount.minor, den: 1n })),
  );
  const transactions: FixtureTransactionInput[] = tenders.map((tender, index) => ({
    ...tender,
    amount: toAmount(tender.amount, presentmentShares[index]),
  }));
  transactions.push(...unsettledTransactions(total, pick));

  return buildAssessedOrderEvent({
    externalId: String(9_000_000_000_000 + seed),
    name: `#R${seed}`,
    currency,
    presentmentCurrency,
    lines,
    transactions,
    total: toAmount(total, presentmentTotal),
  });
}

interface GeneratedTender extends Omit<FixtureTransactionInput, 'amount'> {
  amount: Money;
}

/** Splits a full, partial or zero payment over one to three settling tenders. */
function generateTenders(
  random: () => number,
  total: Money,
  pick: <T>(values: readonly T[]) => T,
  integer: (max: number) => number,
): GeneratedTender[] {
  const mode = random();
  let paid = Money.zero(total.currency);
  if (mode < 0.5) {
    paid = total;
  } else if (mode < 0.8) {
    paid = Money.ofMinor(BigInt(integer(Number(total.minor))), total.currency);
  }

  const weights = Array.from({ length: 1 + integer(2) }, () => ({
    num: BigInt(integer(100)),
    den: 1n,
  }));

  return paid.allocate(weights).map((amount, index) => ({
    amount,
    gateway: pick(GATEWAYS),
    kind: random() < 0.8 ? 'sale' : 'capture',
    externalId: `T-${index}`,
  }));
}

/** Transactions that must not post: an authorization, a failed sale and a refund. */
function unsettledTransactions(
  total: Money,
  pick: <T>(values: readonly T[]) => T,
): FixtureTransactionInput[] {
  const amount = total.toDecimal();

  return [
    { amount, kind: 'authorization', gateway: pick(GATEWAYS) },
    { amount, kind: 'sale', status: 'failure', gateway: pick(GATEWAYS) },
    { amount, kind: 'refund', gateway: pick(GATEWAYS) },
  ];
}

/** Converts at a fixed 0.75 presentment units per shop unit, rounded half up. */
function convert(shop: Money, presentmentCurrency: string): Money {
  const presentmentExponent = Money.zero(presentmentCurrency).exponent;
  const shift = presentmentExponent - shop.exponent;
  const scaled = shift >= 0 ? shop.minor * 10n ** BigInt(shift) : shop.minor;
  const divisor = shift >= 0 ? 4n : 4n * 10n ** BigInt(-shift);

  return Money.ofMinor((scaled * 3n * 2n + divisor) / (2n * divisor), presentmentCurrency);
}
