import type { OrderLine, OrderTotals, ShippingLine } from '@retail-sync/contracts';
import { multiplyMoneyBag, sumMoneyBags, zeroMoneyBag } from './money-bag-arithmetic.js';
import { isAbsent } from './payload-problems.js';
import {
  readMoneyBag,
  readMoneySet,
  readRequiredMoneyBag,
  type TranslationContext,
} from './shopify-money-reader.js';
import type { ShopifyOrder, Unchecked } from './shopify-order.types.js';

/**
 * Reads the totals Shopify reported, which the posting side checks the lines against. `total_price`
 * and `subtotal_price` are required. The others are filled in when absent, as noted on each.
 */
export function translateTotals(
  context: TranslationContext,
  order: Unchecked<ShopifyOrder>,
  lines: readonly OrderLine[],
  shippingLines: readonly ShippingLine[],
): OrderTotals {
  const { currencies } = context;

  // Shopify defines total_line_items_price as the sum of price × quantity, so that sum replaces it.
  const lineItems =
    readMoneyBag(context, order, 'total_line_items_price', '', false) ??
    sumMoneyBags(
      currencies,
      lines.map((line) => multiplyMoneyBag(currencies, line.unitPrice, line.quantity)),
    );

  // Shopify sends the shipping total only as a set, with no plain total_shipping_price field.
  // Without the set, the shipping lines' prices are summed.
  const shipping = isAbsent(order.total_shipping_price_set)
    ? sumMoneyBags(
        currencies,
        shippingLines.map((shippingLine) => shippingLine.price),
      )
    : readMoneySet(context, order.total_shipping_price_set, 'total_shipping_price_set');

  // Shopify sends "0.00" for an order without tax or discounts, but trimmed payloads (test
  // fixtures, some apps) leave these two fields out, so an absent one means zero.
  const tax = readMoneyBag(context, order, 'total_tax', '', false) ?? zeroMoneyBag(currencies);
  const discounts =
    readMoneyBag(context, order, 'total_discounts', '', false) ?? zeroMoneyBag(currencies);

  return {
    lineItems,
    discounts,
    subtotal: readRequiredMoneyBag(context, order, 'subtotal_price', ''),
    shipping,
    tax,
    total: readRequiredMoneyBag(context, order, 'total_price', ''),
  };
}
