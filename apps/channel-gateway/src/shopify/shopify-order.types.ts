/**
 * The subset of Shopify's order resource (REST Admin API and `orders/*` webhooks) that the gateway
 * reads. Shopify sends amounts as decimal strings, tax rates as JSON numbers and ids as JSON
 * numbers. Payloads arrive as `unknown` and are read field by field through {@link Unchecked}.
 */

/** An object whose declared fields are not checked yet, so each may hold any JSON value. */
export type Unchecked<T> = { [K in keyof T]?: unknown };

/** Shopify's numeric resource id. REST and webhooks send it as a JSON number. */
export type ShopifyId = number | string;

export interface ShopifyMoney {
  amount: string;
  currency_code: string;
}

/** An amount in the shop currency and in the currency the customer saw at checkout. */
export interface ShopifyMoneySet {
  shop_money: ShopifyMoney;
  presentment_money?: ShopifyMoney;
}

export interface ShopifyTaxLine {
  title: string;
  /** A JSON number such as 0.06, read as an exact decimal string and never used as a float. */
  rate: number;
  price: string;
  price_set?: ShopifyMoneySet;
  /** Not sent in REST or webhook order payloads, but read when another source adds it. */
  jurisdiction?: string;
  source?: string;
}

export interface ShopifyDiscountAllocation {
  amount: string;
  amount_set?: ShopifyMoneySet;
  discount_application_index?: number;
}

export interface ShopifyDiscountApplication {
  type: string;
  value: string;
  value_type: 'fixed_amount' | 'percentage';
  allocation_method: string;
  target_type: string;
  target_selection?: string;
  code?: string;
  title?: string;
}

export interface ShopifyLineItem {
  id: ShopifyId;
  sku?: string | null;
  variant_id?: ShopifyId | null;
  product_id?: ShopifyId | null;
  title: string;
  name?: string;
  variant_title?: string | null;
  quantity: number;
  price: string;
  price_set?: ShopifyMoneySet;
  taxable?: boolean;
  gift_card?: boolean;
  discount_allocations?: ShopifyDiscountAllocation[];
  tax_lines?: ShopifyTaxLine[];
}

export interface ShopifyShippingLine {
  id?: ShopifyId;
  title: string;
  code?: string | null;
  /** The price before shipping discounts; `discounted_price` is after them. */
  price: string;
  price_set?: ShopifyMoneySet;
  discounted_price?: string;
  discounted_price_set?: ShopifyMoneySet;
  discount_allocations?: ShopifyDiscountAllocation[];
  tax_lines?: ShopifyTaxLine[];
}

export interface ShopifyTransaction {
  id?: ShopifyId;
  kind: string;
  status: string;
  gateway: string;
  amount: string;
  /** The currency of `amount`. */
  currency?: string;
  amount_set?: ShopifyMoneySet;
}

export interface ShopifyOrder {
  id: ShopifyId;
  name?: string;
  order_number?: number;
  created_at?: string;
  updated_at?: string;
  processed_at?: string | null;
  currency: string;
  presentment_currency?: string;
  taxes_included: boolean;
  financial_status?: string | null;
  cancelled_at?: string | null;
  cancel_reason?: string | null;
  total_price: string;
  total_price_set?: ShopifyMoneySet;
  subtotal_price: string;
  subtotal_price_set?: ShopifyMoneySet;
  total_tax?: string;
  total_tax_set?: ShopifyMoneySet;
  total_discounts?: string;
  total_discounts_set?: ShopifyMoneySet;
  total_line_items_price?: string;
  total_line_items_price_set?: ShopifyMoneySet;
  /** Shopify sends no plain `total_shipping_price`, so only the set carries the shipping total. */
  total_shipping_price_set?: ShopifyMoneySet;
  line_items: ShopifyLineItem[];
  shipping_lines?: ShopifyShippingLine[];
  tax_lines?: ShopifyTaxLine[];
  discount_applications?: ShopifyDiscountApplication[];
  payment_gateway_names?: string[];
  /** Deprecated by Shopify in favour of `payment_gateway_names`. */
  gateway?: string;
  /** Absent from webhooks and REST order responses. Present when a caller embeds them. */
  transactions?: ShopifyTransaction[];
}

/** A REST Admin API response body, which wraps the order. */
export interface ShopifyOrderResponse {
  order: ShopifyOrder;
}
