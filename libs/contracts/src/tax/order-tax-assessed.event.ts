import { IsIn, IsInt, IsString, IsUUID, Min } from 'class-validator';
import { MoneyBag } from '../money/money-amount.js';
import { CanonicalOrder } from '../orders/canonical-order.js';
import { IsDecimalAmount, Nested, NestedArray } from '../validation/decorators.js';

/** One jurisdiction's tax on one line, mapped to the retailer's tax code and liability account. */
export class AssessedTax {
  @IsString()
  taxCode: string;

  @IsString()
  jurisdiction: string;

  @IsString()
  title: string;

  @IsDecimalAmount()
  rate: string;

  @IsString()
  liabilityAccount: string;

  @Nested(() => MoneyBag)
  amount: MoneyBag;
}

export const ASSESSED_LINE_KINDS = ['item', 'shipping', 'gift_card'] as const;

/**
 * A line after tax assessment. `net` excludes tax whatever the shop's pricing mode, so the
 * posting rules never need to know whether prices included tax.
 */
export class AssessedLine {
  /** `line:<channel line id>` or `shipping:<position>`. */
  @IsString()
  ref: string;

  @IsIn(ASSESSED_LINE_KINDS)
  kind: (typeof ASSESSED_LINE_KINDS)[number];

  /** Price × quantity as charged, before discounts (tax included when the shop's prices are). */
  @Nested(() => MoneyBag)
  gross: MoneyBag;

  @Nested(() => MoneyBag)
  discount: MoneyBag;

  /** Gross − discount − tax included in the price: the taxable base. */
  @Nested(() => MoneyBag)
  net: MoneyBag;

  @NestedArray(() => AssessedTax)
  taxes: AssessedTax[];
}

/** The order's tax per jurisdiction, with the figure recomputed from the rate tables beside it. */
export class JurisdictionTotal {
  @IsString()
  taxCode: string;

  @IsString()
  jurisdiction: string;

  @IsString()
  liabilityAccount: string;

  @IsDecimalAmount()
  rate: string;

  @Nested(() => MoneyBag)
  amount: MoneyBag;

  /** Base × configured rate, rounded as the rounding mode says; compared within the tolerance. */
  @Nested(() => MoneyBag)
  expected: MoneyBag;
}

export class TaxAssessment {
  /** `line` when the channel's order tax equals the sum of its rounded line taxes, else `order`. */
  @IsIn(['line', 'order'])
  roundingMode: 'line' | 'order';

  @NestedArray(() => AssessedLine)
  lines: AssessedLine[];

  @NestedArray(() => JurisdictionTotal)
  jurisdictions: JurisdictionTotal[];

  /** The largest difference accepted between channel and recomputed tax, in minor units. */
  @IsInt()
  @Min(0)
  toleranceMinor: number;
}

/** Tax was assessed for one order version; carries the order so posting needs no other lookup. */
export class OrderTaxAssessedEvent {
  @IsUUID()
  orderId: string;

  @IsInt()
  @Min(1)
  orderVersion: number;

  @Nested(() => CanonicalOrder)
  order: CanonicalOrder;

  @Nested(() => TaxAssessment)
  assessment: TaxAssessment;
}
