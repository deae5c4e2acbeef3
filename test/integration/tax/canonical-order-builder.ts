import { randomUUID } from 'node:crypto';
import {
  Money,
  MoneyAmount,
  type CanonicalOrder,
  type MoneyBag,
  type OrderVersionPayload,
  type TaxLine,
} from '@retail-sync/contracts';

const CURRENCY = 'USD';

/** A channel tax line: title, rate as a decimal string, amount in USD. */
export type TaxFigures = [title: string, rate: string, amount: string];

export interface LineFigures {
  price: string;
  quantity?: number;
  discount?: string;
  taxes?: TaxFigures[];
}

export interface ShippingFigures {
  price: string;
  taxes?: TaxFigures[];
}

export interface OrderFigures {
  lines: LineFigures[];
  shipping?: ShippingFigures[];
  /** Order-level tax lines. Without them the order reports tax on its lines only. */
  orderTaxes?: TaxFigures[];
}

/**
 * Builds a tax-exclusive USD Shopify order from a few figures, with totals that agree with its
 * lines, the way the channel gateway would translate it.
 */
export function buildCanonicalOrder(figures: OrderFigures, externalId = '5550001'): CanonicalOrder {
  const lines = figures.lines.map((line, index) => ({
    externalLineId: String(index + 1),
    title: `Item ${index + 1}`,
    quantity: line.quantity ?? 1,
    unitPrice: usd(line.price),
    discountAllocations: line.discount === undefined ? [] : [{ amount: usd(line.discount) }],
    taxLines: (line.taxes ?? []).map(taxLine),
    taxable: (line.taxes ?? []).length > 0,
    giftCard: false,
  }));
  const shippingLines = (figures.shipping ?? []).map((line) => ({
    title: 'Standard',
    price: usd(line.price),
    discountAllocations: [],
    taxLines: (line.taxes ?? []).map(taxLine),
  }));
  const taxLines = (figures.orderTaxes ?? []).map(taxLine);
  const lineItems = sum(figures.lines.map((line) => money(line.price).times(line.quantity ?? 1)));
  const discounts = sum(figures.lines.map((line) => money(line.discount ?? '0.00')));
  const shipping = sum((figures.shipping ?? []).map((line) => money(line.price)));
  const reportedTaxes =
    taxLines.length > 0 ? taxLines : [...lines, ...shippingLines].flatMap((line) => line.taxLines);
  const tax = sum(reportedTaxes.map((line) => MoneyAmount.parse(line.amount.shop)));
  const subtotal = lineItems.subtract(discounts);
  const placedAt = '2025-03-14T10:00:00.000Z';

  return {
    channel: 'shopify',
    shopId: 'tax-test.myshopify.com',
    externalId,
    name: `#${externalId}`,
    sourceUpdatedAt: placedAt,
    placedAt,
    currency: CURRENCY,
    presentmentCurrency: CURRENCY,
    taxesIncluded: false,
    lines,
    shippingLines,
    taxLines,
    discountApplications: [],
    transactions: [],
    totals: {
      lineItems: bag(lineItems),
      discounts: bag(discounts),
      subtotal: bag(subtotal),
      shipping: bag(shipping),
      tax: bag(tax),
      total: bag(subtotal.add(shipping).add(tax)),
    },
  };
}

/** Builds the payload of `orders.order.captured.v1` or `orders.order.updated.v1`. */
export function orderVersionPayload(
  order: CanonicalOrder,
  version = 1,
  orderId: string = randomUUID(),
): OrderVersionPayload {
  return { orderId, version, deliveryId: randomUUID(), order };
}

function taxLine([title, rate, amount]: TaxFigures): TaxLine {
  return { title, rate, amount: usd(amount) };
}

function money(amount: string): Money {
  return Money.parse(amount, CURRENCY);
}

function sum(amounts: Money[]): Money {
  return Money.sum(amounts, CURRENCY);
}

function usd(amount: string): MoneyBag {
  return { shop: { amount, currency: CURRENCY } };
}

function bag(amount: Money): MoneyBag {
  return { shop: MoneyAmount.of(amount) };
}
