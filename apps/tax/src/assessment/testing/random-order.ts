import {
  divideRoundHalfUp,
  Money,
  parseDecimal,
  type CanonicalOrder,
} from '@retail-sync/contracts';
import type { TaxCodeMapping } from '../tax-configuration.js';
import { buildOrder, type AmountInput, type LineInput, type TaxInput } from './order-fixture.js';

/** Mulberry32: a small seeded generator, so a failing order can be rebuilt from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;

  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);

    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const RANDOM_ORDER_MAPPINGS: TaxCodeMapping[] = [
  ['State', '0.06'],
  ['County', '0.025'],
  ['NY', '0.08875'],
  ['GST', '0.1'],
  ['VAT', '0.19'],
  ['Reduced VAT', '0.07'],
].map(([title, rate]) => ({
  channelTitle: title,
  rate,
  taxCode: `T-${title.toUpperCase()}`,
  jurisdiction: title,
  liabilityAccount: `2210-${title.toUpperCase()}`,
}));

const RATE_SCALE = 100000n;
const CURRENCIES = ['USD', 'EUR', 'JPY', 'KWD'];
/** Presentment amount per shop amount, in parts per RATE_SCALE. */
const EXCHANGE_RATE = 76000n;

export interface RandomOrderOptions {
  taxesIncluded: boolean;
  /** The channel rounds the order's tax once instead of summing its rounded line taxes. */
  roundsPerOrder: boolean;
  /** The channel sends order-level tax lines. Without them only line tax lines exist. */
  reportsOrderTax: boolean;
  withPresentment: boolean;
}

interface Fraction {
  num: bigint;
  den: bigint;
}

interface ChannelLine {
  gross: bigint;
  discount: bigint;
  mappings: TaxCodeMapping[];
}

/**
 * Builds an order with 1–6 lines and random quantities, discounts and shipping. Its tax lines are
 * computed as a channel computes them. Each line's tax is rounded on its own, and the order's tax
 * is either the sum of those or the exact line taxes rounded once.
 */
export function buildRandomOrder(
  random: () => number,
  options: RandomOrderOptions,
): CanonicalOrder {
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
  const between = (min: number, max: number): bigint =>
    BigInt(min + Math.floor(random() * (max - min + 1)));
  const currency = pick(CURRENCIES);
  const orderMappings = RANDOM_ORDER_MAPPINGS.filter(() => random() < 0.4);
  const taxedBy = (): TaxCodeMapping[] => orderMappings.filter(() => random() < 0.8);
  const lineCount = Number(between(1, 6));
  const itemLines = Array.from({ length: lineCount }, () => {
    const quantity = between(1, 5);
    const unit = between(1, 40000);
    const gross = unit * quantity;
    const discount = random() < 0.4 ? between(0, Number(gross)) : 0n;
    const giftCard = random() < 0.1;

    return {
      unit,
      quantity,
      line: { gross, discount, mappings: giftCard ? [] : taxedBy() },
      giftCard,
    };
  });
  const shipping =
    random() < 0.6
      ? [
          {
            gross: between(0, 3000),
            discount: 0n,
            mappings: taxedBy(),
          } satisfies ChannelLine,
        ]
      : [];
  if (shipping.length > 0 && random() < 0.3) {
    shipping[0].discount = between(0, Number(shipping[0].gross));
  }

  // A converted discount may not exceed the converted price it reduces, so it is capped there.
  const amount = (minor: bigint, presentmentCap?: bigint): AmountInput => {
    const shop = Money.ofMinor(minor, currency).toDecimal();
    if (!options.withPresentment) {
      return shop;
    }

    const converted = convert(minor);
    const capped =
      presentmentCap !== undefined && converted > presentmentCap ? presentmentCap : converted;

    return { shop, presentment: Money.ofMinor(capped, 'CAD').toDecimal() };
  };
  const channelLines = [...itemLines.map((item) => item.line), ...shipping];
  const lineTaxes = channelLines.map((line) => taxLinesOf(line, options, amount));
  const lines: LineInput[] = itemLines.map((item, index) => ({
    price: amount(item.unit),
    quantity: Number(item.quantity),
    discounts:
      item.line.discount > 0n
        ? [amount(item.line.discount, convert(item.unit) * item.quantity)]
        : [],
    taxes: lineTaxes[index],
    giftCard: item.giftCard,
  }));

  return buildOrder({
    currency,
    presentmentCurrency: options.withPresentment ? 'CAD' : currency,
    taxesIncluded: options.taxesIncluded,
    lines,
    shipping: shipping.map((line, index) => ({
      price: amount(line.gross),
      discounts: line.discount > 0n ? [amount(line.discount, convert(line.gross))] : [],
      taxes: lineTaxes[itemLines.length + index],
    })),
    taxes: options.reportsOrderTax
      ? orderTaxLines(channelLines, orderMappings, options, amount)
      : undefined,
  });
}

function convert(minor: bigint): bigint {
  return divideRoundHalfUp(minor * EXCHANGE_RATE, RATE_SCALE);
}

function taxLinesOf(
  line: ChannelLine,
  options: RandomOrderOptions,
  amount: (minor: bigint) => AmountInput,
): TaxInput[] {
  return line.mappings.map((mapping) => {
    const exact = exactChannelTax(line, mapping, options.taxesIncluded);

    return [mapping.channelTitle, mapping.rate, amount(divideRoundHalfUp(exact.num, exact.den))];
  });
}

function orderTaxLines(
  lines: readonly ChannelLine[],
  mappings: readonly TaxCodeMapping[],
  options: RandomOrderOptions,
  amount: (minor: bigint) => AmountInput,
): TaxInput[] {
  return mappings.flatMap((mapping) => {
    const carriers = lines.filter((line) => line.mappings.includes(mapping));
    if (carriers.length === 0) {
      return [];
    }

    const exact = carriers.map((line) => exactChannelTax(line, mapping, options.taxesIncluded));
    const exactTotal = sumFractions(exact);
    const total = options.roundsPerOrder
      ? divideRoundHalfUp(exactTotal.num, exactTotal.den)
      : exact.reduce((sum, part) => sum + divideRoundHalfUp(part.num, part.den), 0n);

    return [[mapping.channelTitle, mapping.rate, amount(total)] satisfies TaxInput];
  });
}

/** Exact tax in minor units: base × rate, or base × rate / (1 + line rates) when included. */
function exactChannelTax(
  line: ChannelLine,
  mapping: TaxCodeMapping,
  taxesIncluded: boolean,
): Fraction {
  const base = line.gross - line.discount;
  const rate = scaledRate(mapping.rate);
  const rateSum = line.mappings.reduce((sum, other) => sum + scaledRate(other.rate), 0n);

  return {
    num: base * rate,
    den: taxesIncluded ? RATE_SCALE + rateSum : RATE_SCALE,
  };
}

function sumFractions(parts: readonly Fraction[]): Fraction {
  return parts.reduce(
    (sum, part) => ({
      num: sum.num * part.den + part.num * sum.den,
      den: sum.den * part.den,
    }),
    { num: 0n, den: 1n },
  );
}

function scaledRate(rate: string): bigint {
  const { mantissa, scale } = parseDecimal(rate);

  return mantissa * 10n ** (5n - BigInt(scale));
}
