import type { OrderLine, ShippingLine } from '@retail-sync/contracts';
import type { PayloadProblems } from './payload-problems.js';
import { translateDiscountAllocations } from './shopify-discount-translator.js';
import {
  readBoolean,
  readId,
  readNonNegativeInteger,
  readObjectArray,
  readOptionalString,
} from './shopify-field-reader.js';
import { readRequiredMoneyBag, type TranslationContext } from './shopify-money-reader.js';
import type {
  ShopifyLineItem,
  ShopifyOrder,
  ShopifyShippingLine,
  Unchecked,
} from './shopify-order.types.js';
import { translateTaxLines } from './shopify-tax-line-translator.js';

/** Translates the order's required `line_items` array. */
export function translateLineItems(
  context: TranslationContext,
  order: Unchecked<ShopifyOrder>,
): OrderLine[] {
  const items = readObjectArray<ShopifyOrder, ShopifyLineItem>(
    context.problems,
    order,
    'line_items',
    '',
    true,
  );

  return items.map(({ value, path }) => translateLineItem(context, value, path));
}

function translateLineItem(
  context: TranslationContext,
  item: Unchecked<ShopifyLineItem>,
  path: string,
): OrderLine {
  const { problems } = context;
  const line: OrderLine = {
    externalLineId: readId(problems, item, 'id', path, true) ?? '',
    title: readLineTitle(problems, item, path),
    quantity: readNonNegativeInteger(problems, item, 'quantity', path, true) ?? 0,
    unitPrice: readRequiredMoneyBag(context, item, 'price', path),
    discountAllocations: translateDiscountAllocations(context, item, path),
    taxLines: translateTaxLines(context, item, 'tax_lines', path),
    // Trimmed payloads may leave these flags out, and the line is then an ordinary taxable product.
    taxable: readBoolean(problems, item, 'taxable', path, true),
    giftCard: readBoolean(problems, item, 'gift_card', path, false),
  };

  const channelSku = readOptionalString(problems, item, 'sku', path, { emptyIsAbsent: true });
  if (channelSku !== undefined) {
    line.channelSku = channelSku;
  }

  const variantId = readId(problems, item, 'variant_id', path, false);
  if (variantId !== undefined) {
    line.variantId = variantId;
  }

  return line;
}

/** Reads the line title, else `name`, else '', because the title is descriptive only. */
function readLineTitle(
  problems: PayloadProblems,
  item: Unchecked<ShopifyLineItem>,
  path: string,
): string {
  return (
    readOptionalString(problems, item, 'title', path) ??
    readOptionalString(problems, item, 'name', path) ??
    ''
  );
}

/** Translates the order's optional `shipping_lines` array. */
export function translateShippingLines(
  context: TranslationContext,
  order: Unchecked<ShopifyOrder>,
): ShippingLine[] {
  const { problems } = context;
  const shippingLines = readObjectArray<ShopifyOrder, ShopifyShippingLine>(
    problems,
    order,
    'shipping_lines',
    '',
    false,
  );

  return shippingLines.map(({ value, path }) => {
    const shippingLine: ShippingLine = {
      title:
        readOptionalString(problems, value, 'title', path) ??
        readOptionalString(problems, value, 'code', path) ??
        '',
      // `price` is before shipping discounts, which are in the discount allocations.
      price: readRequiredMoneyBag(context, value, 'price', path),
      discountAllocations: translateDiscountAllocations(context, value, path),
      taxLines: translateTaxLines(context, value, 'tax_lines', path),
    };
    const externalId = readId(problems, value, 'id', path, false);
    if (externalId !== undefined) {
      shippingLine.externalId = externalId;
    }

    return shippingLine;
  });
}
