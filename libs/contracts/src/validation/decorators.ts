import { Type } from 'class-transformer';
import {
  IsArray,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
  registerDecorator,
  type ValidationOptions,
} from 'class-validator';
import { isKnownCurrency } from '../money/currency.js';
import { isBoundedDecimalString, MAX_INTEGER_DIGITS } from '../money/decimal.js';

/** A decimal amount as a string ("12.30"); numbers are rejected so no float reaches the wire. */
export function IsDecimalAmount(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyKey) => {
    registerDecorator({
      name: 'isDecimalAmount',
      target: target.constructor,
      propertyName: String(propertyKey),
      options: {
        message: `$property must be a decimal string such as "12.30" with at most ${MAX_INTEGER_DIGITS} integer digits`,
        ...options,
      },
      validator: { validate: (value: unknown) => isBoundedDecimalString(value) },
    });
  };
}

/** An active ISO 4217 currency code. */
export function IsCurrencyCode(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyKey) => {
    registerDecorator({
      name: 'isCurrencyCode',
      target: target.constructor,
      propertyName: String(propertyKey),
      options: { message: '$property must be an ISO 4217 currency code, got "$value"', ...options },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isKnownCurrency(value),
      },
    });
  };
}

/** An identifier as sent by an external system: a non-empty string of at most 255 characters. */
export function IsExternalId(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyKey) => {
    IsString(options)(target, propertyKey);
    Matches(/\S/, { message: '$property must not be empty', ...options })(target, propertyKey);
    MaxLength(255, options)(target, propertyKey);
  };
}

/** An array of nested contract objects, each validated as `type`. */
export function NestedArray(type: () => new () => object): PropertyDecorator {
  return (target, propertyKey) => {
    IsArray()(target, propertyKey);
    ValidateNested({ each: true })(target, propertyKey);
    Type(type)(target, propertyKey);
  };
}

/** One nested contract object validated as `type`. */
export function Nested(type: () => new () => object): PropertyDecorator {
  return (target, propertyKey) => {
    ValidateNested()(target, propertyKey);
    Type(type)(target, propertyKey);
  };
}
