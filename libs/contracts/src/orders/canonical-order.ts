import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Min } from 'class-validator';
import { MoneyBag } from '../money/money-amount.js';
import {
  IsCurrencyCode,
  IsDecimalAmount,
  IsExternalId,
  Nested,
  NestedArray,
} from '../validation/decorators.js';

export const SALES_CHANNELS = ['shopify', 'amazon', 'pos'] as const;
export type SalesChannel = (typeof SALES_CHANNELS)[number];

/** A tax charged on a line, on shipping or on the whole order, as the channel reported it. */
export class TaxLine {
  @IsString()
  title: string;

  /** The rate as an exact decimal string ("0.08875"). */
  @IsDecimalAmount()
  rate: string;

  @IsOptional()
  @IsString()
  jurisdiction?: string;

  @Nested(() => MoneyBag)
  amount: MoneyBag;
}

/** The part of a discount application that the channel allocated to one line. */
export class DiscountAllocation {
  @Nested(() => MoneyBag)
  amount: MoneyBag;

  @IsOptional()
  @IsInt()
  @Min(0)
  applicationIndex?: number;
}

export class DiscountApplication {
  @IsString()
  type: string;

  @IsOptional()
  @IsString()
  code?: string;

  @IsOptional()
  @IsString()
  title?: string;

  @IsIn(['fixed_amount', 'percentage'])
  valueType: 'fixed_amount' | 'percentage';

  @IsDecimalAmount()
  value: string;

  @IsString()
  allocationMethod: string;

  @IsString()
  targetType: string;
}

export class OrderLine {
  @IsExternalId()
  externalLineId: string;

  /** The channel's own SKU for the variant, as sent. */
  @IsOptional()
  @IsString()
  channelSku?: string;

  @IsOptional()
  @IsString()
  variantId?: string;

  /** The retailer's canonical SKU, set by the orders service from the variant mapping. */
  @IsOptional()
  @IsString()
  sku?: string;

  @IsString()
  title: string;

  @IsInt()
  @Min(0)
  quantity: number;

  @Nested(() => MoneyBag)
  unitPrice: MoneyBag;

  @NestedArray(() => DiscountAllocation)
  discountAllocations: DiscountAllocation[];

  @NestedArray(() => TaxLine)
  taxLines: TaxLine[];

  @IsBoolean()
  taxable: boolean;

  /** A gift card sold: a liability, never revenue, and outside sales tax. */
  @IsBoolean()
  giftCard: boolean;
}

export class ShippingLine {
  @IsOptional()
  @IsString()
  externalId?: string;

  @IsString()
  title: string;

  @Nested(() => MoneyBag)
  price: MoneyBag;

  @NestedArray(() => DiscountAllocation)
  discountAllocations: DiscountAllocation[];

  @NestedArray(() => TaxLine)
  taxLines: TaxLine[];
}

export const TRANSACTION_KINDS = ['sale', 'capture', 'authorization', 'void', 'refund'] as const;

/** A payment movement; `gateway` is the payment provider (`shopify_payments`, `gift_card`, …). */
export class PaymentTransaction {
  @IsOptional()
  @IsString()
  externalId?: string;

  @IsIn(TRANSACTION_KINDS)
  kind: (typeof TRANSACTION_KINDS)[number];

  @IsIn(['success', 'pending', 'failure', 'error'])
  status: 'success' | 'pending' | 'failure' | 'error';

  @IsString()
  gateway: string;

  @Nested(() => MoneyBag)
  amount: MoneyBag;
}

/** The order's own totals as the channel reported them, kept to check the lines against. */
export class OrderTotals {
  @Nested(() => MoneyBag)
  lineItems: MoneyBag;

  @Nested(() => MoneyBag)
  discounts: MoneyBag;

  @Nested(() => MoneyBag)
  subtotal: MoneyBag;

  @Nested(() => MoneyBag)
  shipping: MoneyBag;

  @Nested(() => MoneyBag)
  tax: MoneyBag;

  @Nested(() => MoneyBag)
  total: MoneyBag;
}

/**
 * An order in retail-sync's own terms, independent of the channel's format. Amounts are in the
 * shop currency with the presentment currency beside them where the channel sent both.
 */
export class CanonicalOrder {
  @IsIn(SALES_CHANNELS)
  channel: SalesChannel;

  @IsExternalId()
  shopId: string;

  @IsExternalId()
  externalId: string;

  @IsString()
  name: string;

  /** The channel's last-modified time; a version with an earlier time never replaces a later one. */
  @IsISO8601({ strict: true })
  sourceUpdatedAt: string;

  @IsISO8601({ strict: true })
  placedAt: string;

  @IsCurrencyCode()
  currency: string;

  @IsCurrencyCode()
  presentmentCurrency: string;

  @IsBoolean()
  taxesIncluded: boolean;

  @IsOptional()
  @IsString()
  financialStatus?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  cancelledAt?: string;

  @IsOptional()
  @IsString()
  cancelReason?: string;

  @NestedArray(() => OrderLine)
  lines: OrderLine[];

  @NestedArray(() => ShippingLine)
  shippingLines: ShippingLine[];

  @NestedArray(() => TaxLine)
  taxLines: TaxLine[];

  @NestedArray(() => DiscountApplication)
  discountApplications: DiscountApplication[];

  @NestedArray(() => PaymentTransaction)
  transactions: PaymentTransaction[];

  @Nested(() => OrderTotals)
  totals: OrderTotals;
}

/** The key that identifies one order across all versions: channel, shop and the channel's id. */
export function orderKey(order: Pick<CanonicalOrder, 'channel' | 'shopId' | 'externalId'>): string {
  return `${order.channel}:${order.shopId}:${order.externalId}`;
}
