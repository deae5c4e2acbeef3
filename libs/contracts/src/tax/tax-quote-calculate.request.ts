import { IsBoolean, IsOptional, IsString } from 'class-validator';
import { MoneyAmount } from '../money/money-amount.js';
import { IsCurrencyCode, IsDecimalAmount, Nested, NestedArray } from '../validation/decorators.js';

export class TaxQuoteLine {
  @IsString()
  ref: string;

  /** Line amount after discounts; includes tax when `taxesIncluded` is true. */
  @IsDecimalAmount()
  amount: string;

  /** Tax category from the rate table, e.g. `standard`, `reduced`, `shipping`. */
  @IsOptional()
  @IsString()
  category?: string;
}

/** Asks the tax service to compute tax for a basket from its configured rate tables. */
export class TaxQuoteCalculateRequest {
  /** Rate-table region, e.g. `US-NY`, `DE`. */
  @IsString()
  region: string;

  @IsCurrencyCode()
  currency: string;

  @IsBoolean()
  taxesIncluded: boolean;

  @NestedArray(() => TaxQuoteLine)
  lines: TaxQuoteLine[];
}

export class QuotedTax {
  @IsString()
  taxCode: string;

  @IsString()
  jurisdiction: string;

  @IsDecimalAmount()
  rate: string;

  @Nested(() => MoneyAmount)
  amount: MoneyAmount;
}

export class TaxQuoteLineResult {
  @IsString()
  ref: string;

  @Nested(() => MoneyAmount)
  net: MoneyAmount;

  @NestedArray(() => QuotedTax)
  taxes: QuotedTax[];
}

export class TaxQuoteCalculateReply {
  @NestedArray(() => TaxQuoteLineResult)
  lines: TaxQuoteLineResult[];

  @Nested(() => MoneyAmount)
  totalTax: MoneyAmount;
}
