import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPOSITORY_ROOT } from '../support/service-process.js';

export type ShopifyOrder = Record<string, unknown> & {
  id: number;
  line_items: Record<string, unknown>[];
};

/** A bundled sample order that generated orders copy, with the facts the harness uses. */
export interface OrderTemplate {
  file: string;
  order: ShopifyOrder;
  /** The orders service must raise `order.inconsistent` for every copy instead of posting it. */
  inconsistent: boolean;
  /**
   * The unit price of the only line, for templates without tax lines whose quantity the
   * generator may change while the totals still add up.
   */
  untaxedSingleLinePrice?: string;
}

/** The sample that states totals its lines do not add up to. */
export const INCONSISTENT_SAMPLE_ID = 450789469;

const TEMPLATE_FILES = [
  'webhook_orders_create_AUD_gst_shipping_2998557704341.json',
  'webhook_orders_create_multicurrency_shop_AUD_presentment_USD_2998548365461.json',
  'rest_order_1073459962_multi_tax_lines_state_county.json',
  'rest_order_1073459975_eur_tax.json',
  'rest_order_1073459981_line_discount.json',
  'rest_order_450789469_partially_refunded_discount_shipping_tax.json',
];

/** Loads the bundled Shopify samples that generated orders are built from. */
export function loadTemplates(): OrderTemplate[] {
  return TEMPLATE_FILES.map((file) => {
    const parsed = JSON.parse(
      readFileSync(resolve(REPOSITORY_ROOT, 'samples/shopify', file), 'utf8'),
    ) as { order?: ShopifyOrder };
    const order = parsed.order ?? (parsed as unknown as ShopifyOrder);
    const template: OrderTemplate = {
      file,
      order,
      inconsistent: order.id === INCONSISTENT_SAMPLE_ID,
    };
    const untaxedPrice = untaxedSingleLinePrice(order);
    if (untaxedPrice !== undefined) {
      template.untaxedSingleLinePrice = untaxedPrice;
    }

    return template;
  });
}

function untaxedSingleLinePrice(order: ShopifyOrder): string | undefined {
  const [line] = order.line_items;
  const hasTax = Number(order.total_tax ?? 0) !== 0 || JSON.stringify(order.tax_lines) !== '[]';
  const shipping = (order.shipping_lines as unknown[] | undefined) ?? [];
  if (order.line_items.length !== 1 || hasTax || shipping.length > 0) {
    return undefined;
  }

  return order.currency === order.presentment_currency ? String(line.price) : undefined;
}

/**
 * Sets a money field and its `_set` twin, in shop and presentment money. Only for orders whose
 * shop and presentment currencies are the same.
 */
export function setMoney(target: Record<string, unknown>, field: string, amount: string): void {
  if (field in target) {
    target[field] = amount;
  }

  const set = target[`${field}_set`] as
    { shop_money?: { amount: string }; presentment_money?: { amount: string } } | null | undefined;
  if (set?.shop_money) {
    set.shop_money.amount = amount;
  }

  if (set?.presentment_money) {
    set.presentment_money.amount = amount;
  }
}

/** Formats minor units (cents) as a decimal amount with two places. */
export function formatMinor(minor: bigint): string {
  const sign = minor < 0n ? '-' : '';
  const text = (minor < 0n ? -minor : minor).toString().padStart(3, '0');

  return `${sign}${text.slice(0, -2)}.${text.slice(-2)}`;
}

/** Parses a two-place decimal amount into minor units. */
export function parseMinor(amount: string): bigint {
  const [whole, fraction = ''] = amount.split('.');
  const negative = whole.startsWith('-');
  const minor = BigInt(whole.replace('-', '')) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));

  return negative ? -minor : minor;
}

/**
 * Changes the quantity of an untaxed single-line order and updates every total that depends on
 * it, so the order still adds up: line items = price × quantity, subtotal and total = line items
 * minus the line's discount allocations.
 */
export function setUntaxedQuantity(order: ShopifyOrder, unitPrice: string, quantity: number): void {
  const [line] = order.line_items;
  line.quantity = quantity;
  line.current_quantity = quantity;
  line.fulfillable_quantity = quantity;
  const allocations = (line.discount_allocations as { amount: string }[] | undefined) ?? [];
  const discount = allocations.reduce((sum, allocation) => sum + parseMinor(allocation.amount), 0n);
  const lineItems = parseMinor(unitPrice) * BigInt(quantity);
  const total = formatMinor(lineItems - discount);
  setMoney(order, 'total_line_items_price', formatMinor(lineItems));
  for (const field of [
    'subtotal_price',
    'current_subtotal_price',
    'total_price',
    'current_total_price',
  ]) {
    setMoney(order, field, total);
  }
}

/**
 * Gives a copy of a template a new identity: order id, name, number and line ids. Every
 * amount is kept, so the copy is exactly as consistent as the template.
 */
export function withNewIdentity(
  template: ShopifyOrder,
  orderId: number,
  orderNumber: number,
): ShopifyOrder {
  const order = structuredClone(template);
  const lineIds = new Map<number, number>();
  order.line_items.forEach((line, index) => {
    lineIds.set(Number(line.id), orderId * 10 + index);
  });
  replaceIds(order, orderId, template.id, lineIds);
  order.id = orderId;
  order.admin_graphql_api_id = `gid://shopify/Order/${orderId}`;
  order.name = `#C${orderNumber}`;
  order.order_number = orderNumber;
  order.number = orderNumber;

  return order;
}

/** Replaces line ids (as `id` or `line_item_id`) and order ids (as `order_id`) everywhere. */
function replaceIds(
  value: unknown,
  orderId: number,
  oldOrderId: number,
  lineIds: Map<number, number>,
): void {
  if (Array.isArray(value)) {
    for (const element of value) {
      replaceIds(element, orderId, oldOrderId, lineIds);
    }

    return;
  }

  if (value === null || typeof value !== 'object') {
    return;
  }

  const record = value as Record<string, unknown>;
  for (const [key, field] of Object.entries(record)) {
    if ((key === 'id' || key === 'line_item_id') && typeof field === 'number') {
      const lineId = lineIds.get(field);
      if (lineId !== undefined) {
        record[key] = lineId;
        if (key === 'id' && typeof record.admin_graphql_api_id === 'string') {
          record.admin_graphql_api_id = `gid://shopify/LineItem/${lineId}`;
        }
      }
    } else if (key === 'order_id' && field === oldOrderId) {
      record[key] = orderId;
    } else {
      replaceIds(field, orderId, oldOrderId, lineIds);
    }
  }
}
