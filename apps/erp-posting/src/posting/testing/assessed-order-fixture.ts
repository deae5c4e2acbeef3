import { fileURLToPath } from 'node:url';
import {
  Money,
  type AssessedLine,
  type AssessedTax,
  type CanonicalOrder,
  type JurisdictionTotal,
  type MoneyBag,
  type OrderTaxAssessedEvent,
  type OrderTotals,
} from '@retail-sync/contracts';
import {
  addPostingAmounts as add,
  fromMoneyBag,
  subtractPostingAmounts as subtract,
  zeroPostingAmount as zero,
  type PostingAmount,
} from '../posting-amount.js';
import type {
  AssessedOrderFixtureInput,
  FixtureAmount,
  FixtureLineInput,
  FixtureTaxInput,
} from './assessed-order-fixture-input.js';

export type * from './assessed-order-fixture-input.js';

/**
 * Builds an OrderTaxAssessedEvent from hand-written amounts. Item and gift card lines get refs
 * `line:L1`, `line:L2`, … and shipping lines `shipping:0`, `shipping:1`, …
 */
export function buildAssessedOrderEvent(input: AssessedOrderFixtureInput): OrderTaxAssessedEvent {
  const currency = input.currency ?? 'USD';
  const presentmentCurrency = input.presentmentCurrency ?? currency;
  const parse = (amount: FixtureAmount): PostingAmount =>
    parseFixtureAmount(amount, currency, presentmentCurrency);
  const placedAt = input.placedAt ?? '2024-06-13T14:00:05Z';
  const order: CanonicalOrder = {
    channel: input.channel ?? 'shopify',
    shopId: input.shopId ?? 'example-shop.myshopify.com',
    externalId: input.externalId ?? '9000000000101',
    name: input.name ?? '#T0101',
    sourceUpdatedAt: placedAt,
    placedAt,
    currency,
    presentmentCurrency,
    taxesIncluded: input.taxesIncluded ?? false,
    lines: [],
    shippingLines: [],
    taxLines: [],
    discountApplications: [],
    transactions: (input.transactions ?? []).map((transaction) => ({
      externalId: transaction.externalId,
      kind: transaction.kind ?? 'sale',
      status: transaction.status ?? 'success',
      gateway: transaction.gateway ?? 'shopify_payments',
      amount: toMoneyBag(parse(transaction.amount)),
    })),
    totals: emptyTotals(currency),
  };

  const assessedLines = input.lines.map((line): AssessedLine => {
    const kind = line.kind ?? 'item';
    const gross = parse(line.gross);
    const discount = line.discount ? parse(line.discount) : zeroLike(gross, currency);
    const net = line.net ? parse(line.net) : subtract(gross, discount);
    const taxes = (line.taxes ?? []).map((tax) => toAssessedTax(tax, parse(tax.amount)));
    const ref = addOrderLine(order, kind, line, gross, discount, taxes);

    return {
      ref,
      kind,
      gross: toMoneyBag(gross),
      discount: toMoneyBag(discount),
      net: toMoneyBag(net),
      taxes,
    };
  });
  order.totals = summarizeTotals(
    assessedLines,
    input.total === undefined ? undefined : parse(input.total),
    order,
  );

  return {
    orderId: input.orderId ?? '6f1c2b7e-8a41-4d3e-9f0a-2c5d7e9b1a01',
    orderVersion: input.orderVersion ?? 1,
    order,
    assessment: {
      roundingMode: 'line',
      lines: assessedLines,
      jurisdictions: summarizeJurisdictions(assessedLines, currency, presentmentCurrency),
      toleranceMinor: 0,
    },
  };
}

function summarizeTotals(
  lines: readonly AssessedLine[],
  total: PostingAmount | undefined,
  order: CanonicalOrder,
): OrderTotals {
  const parse = (bag: MoneyBag): PostingAmount => fromMoneyBag(bag, order.presentmentCurrency);
  const sum = (amounts: PostingAmount[]): PostingAmount =>
    amounts.reduce(add, zero(order.currency, order.presentmentCurrency));
  const items = lines.filter((line) => line.kind !== 'shipping');
  const lineItems = sum(items.map((line) => parse(line.gross)));
  const discounts = sum(items.map((line) => parse(line.discount)));
  const shipping = sum(
    lines.filter((line) => line.kind === 'shipping').map((line) => parse(line.gross)),
  );
  const tax = sum(lines.flatMap((line) => line.taxes).map((lineTax) => parse(lineTax.amount)));
  const net = sum(lines.map((line) => parse(line.net)));

  return {
    lineItems: toMoneyBag(lineItems),
    discounts: toMoneyBag(discounts),
    subtotal: toMoneyBag(subtract(lineItems, discounts)),
    shipping: toMoneyBag(shipping),
    tax: toMoneyBag(tax),
    total: toMoneyBag(total ?? add(net, tax)),
  };
}

function emptyTotals(currency: string): OrderTotals {
  const none = toMoneyBag({ shop: Money.zero(currency) });

  return {
    lineItems: none,
    discounts: none,
    subtotal: none,
    shipping: none,
    tax: none,
    total: none,
  };
}

function addOrderLine(
  order: CanonicalOrder,
  kind: AssessedLine['kind'],
  line: FixtureLineInput,
  gross: PostingAmount,
  discount: PostingAmount,
  taxes: AssessedTax[],
): string {
  const taxLines = taxes.map((tax) => ({
    title: tax.title,
    rate: tax.rate,
    jurisdiction: tax.jurisdiction,
    amount: tax.amount,
  }));
  const discountAllocations = discount.shop.isZero() ? [] : [{ amount: toMoneyBag(discount) }];
  if (kind === 'shipping') {
    const position = order.shippingLines.length;
    order.shippingLines.push({
      title: line.title ?? 'Standard',
      price: toMoneyBag(gross),
      discountAllocations,
      taxLines,
    });

    return `shipping:${position}`;
  }

  const externalLineId = `L${order.lines.length + 1}`;
  order.lines.push({
    externalLineId,
    title: line.title ?? (kind === 'gift_card' ? 'Gift Card' : `Item ${externalLineId}`),
    quantity: 1,
    unitPrice: toMoneyBag(gross),
    discountAllocations,
    taxLines,
    taxable: taxes.length > 0,
    giftCard: kind === 'gift_card',
  });

  return `line:${externalLineId}`;
}

function toAssessedTax(input: FixtureTaxInput, amount: PostingAmount): AssessedTax {
  return {
    taxCode: input.taxCode ?? 'SALES',
    jurisdiction: input.jurisdiction ?? 'US-NY',
    title: input.title ?? 'Sales Tax',
    rate: input.rate ?? '0.08',
    liabilityAccount: input.liabilityAccount ?? '2210-US-SALES',
    amount: toMoneyBag(amount),
  };
}

function summarizeJurisdictions(
  lines: readonly AssessedLine[],
  currency: string,
  presentmentCurrency: string,
): JurisdictionTotal[] {
  const totals = new Map<string, { tax: AssessedTax; amount: PostingAmount }>();
  for (const tax of lines.flatMap((line) => line.taxes)) {
    const key = JSON.stringify([tax.taxCode, tax.jurisdiction, tax.liabilityAccount]);
    const amount = fromMoneyBag(tax.amount, presentmentCurrency);
    const previous = totals.get(key)?.amount ?? zero(currency, presentmentCurrency);
    totals.set(key, { tax, amount: add(previous, amount) });
  }

  return [...totals.values()].map(({ tax, amount }) => ({
    taxCode: tax.taxCode,
    jurisdiction: tax.jurisdiction,
    liabilityAccount: tax.liabilityAccount,
    rate: tax.rate,
    amount: toMoneyBag(amount),
    expected: toMoneyBag(amount),
  }));
}

function parseFixtureAmount(
  amount: FixtureAmount,
  currency: string,
  presentmentCurrency: string,
): PostingAmount {
  if (typeof amount === 'string') {
    return { shop: Money.parse(amount, currency) };
  }

  return {
    shop: Money.parse(amount.shop, currency),
    presentment: Money.parse(amount.presentment, presentmentCurrency),
  };
}

function toMoneyBag(amount: PostingAmount): MoneyBag {
  const bag: MoneyBag = { shop: amount.shop.toJSON() };
  if (amount.presentment) {
    bag.presentment = amount.presentment.toJSON();
  }

  return bag;
}

function zeroLike(template: PostingAmount, currency: string): PostingAmount {
  if (!template.presentment) {
    return { shop: Money.zero(currency) };
  }

  return {
    shop: Money.zero(currency),
    presentment: Money.zero(template.presentment.currency),
  };
}

/** The chart of accounts shipped in apps/erp-posting/config, which the specs post against. */
export const CHART_OF_ACCOUNTS_FILE = fileURLToPath(
  new URL('../../../config/chart-of-accounts.json', import.meta.url),
);
