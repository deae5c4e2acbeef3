import { IsOptional } from 'class-validator';
import { IsCurrencyCode, IsDecimalAmount, Nested } from '../validation/decorators.js';
import { Money } from './money.js';

/** An amount on the wire: a decimal string and its ISO 4217 currency code. */
export class MoneyAmount {
  @IsDecimalAmount()
  amount: string;

  @IsCurrencyCode()
  currency: string;

  static of(money: Money): MoneyAmount {
    return Object.assign(new MoneyAmount(), money.toJSON());
  }

  static parse(value: MoneyAmount): Money {
    return Money.parse(value.amount, value.currency);
  }
}

/**
 * An amount in the shop's currency with, where the channel sent it, the same amount in the
 * currency the customer saw (Shopify's `*_set.presentment_money`).
 */
export class MoneyBag {
  @Nested(() => MoneyAmount)
  shop: MoneyAmount;

  @IsOptional()
  @Nested(() => MoneyAmount)
  presentment?: MoneyAmount;
}
