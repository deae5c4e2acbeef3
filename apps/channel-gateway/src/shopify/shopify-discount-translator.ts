import {
  isDecimalString,
  type DiscountAllocation,
  type DiscountApplication,
} from '@retail-sync/contracts';
import { describeValue, fieldPath, type PayloadProblems } from './payload-problems.js';
import {
  readNonNegativeInteger,
  readObjectArray,
  readOptionalString,
  readRequiredString,
} from './shopify-field-reader.js';
import { readRequiredMoneyBag, type TranslationContext } from './shopify-money-reader.js';
import type {
  ShopifyDiscountAllocation,
  ShopifyDiscountApplication,
  ShopifyOrder,
  Unchecked,
} from './shopify-order.types.js';

const VALUE_TYPES = ['fixed_amount', 'percentage'] as const;

/** Translates the optional `discount_allocations` of a line item or shipping line. */
export function translateDiscountAllocations<T extends { discount_allocations?: unknown }>(
  context: TranslationContext,
  source: Unchecked<T>,
  parent: string,
): DiscountAllocation[] {
  const allocations = readObjectArray<T, ShopifyDiscountAllocation>(
    context.problems,
    source,
    'discount_allocations',
    parent,
    false,
  );

  return allocations.map(({ value, path }) => {
    const allocation: DiscountAllocation = {
      amount: readRequiredMoneyBag(context, value, 'amount', path),
    };
    const index = readNonNegativeInteger(
      context.problems,
      value,
      'discount_application_index',
      path,
      false,
    );
    if (index !== undefined) {
      allocation.applicationIndex = index;
    }

    return allocation;
  });
}

/**
 * Translates the order's `discount_applications`: how each discount was defined. The amounts
 * each one took off are in the lines' and shipping lines' discount allocations.
 */
export function translateDiscountApplications(
  problems: PayloadProblems,
  order: Unchecked<ShopifyOrder>,
): DiscountApplication[] {
  const applications = readObjectArray<ShopifyOrder, ShopifyDiscountApplication>(
    problems,
    order,
    'discount_applications',
    '',
    false,
  );

  return applications.map(({ value, path }) => {
    const application: DiscountApplication = {
      type: readRequiredString(problems, value, 'type', path),
      valueType: readValueType(problems, value, path),
      value: readDiscountValue(problems, value, path),
      allocationMethod: readRequiredString(problems, value, 'allocation_method', path),
      targetType: readRequiredString(problems, value, 'target_type', path),
    };
    const code = readOptionalString(problems, value, 'code', path, { emptyIsAbsent: true });
    const title = readOptionalString(problems, value, 'title', path, { emptyIsAbsent: true });
    if (code !== undefined) {
      application.code = code;
    }

    if (title !== undefined) {
      application.title = title;
    }

    return application;
  });
}

function readValueType(
  problems: PayloadProblems,
  application: Unchecked<ShopifyDiscountApplication>,
  parent: string,
): DiscountApplication['valueType'] {
  const value = application.value_type;
  const valueType = VALUE_TYPES.find((candidate) => candidate === value);
  if (valueType === undefined) {
    problems.report(
      fieldPath(parent, 'value_type'),
      `must be one of ${VALUE_TYPES.join(', ')}, got ${describeValue(value)}`,
    );

    return 'fixed_amount';
  }

  return valueType;
}

/** Reads `value`: an amount for `fixed_amount`, a percentage ("9.0") for `percentage`. */
function readDiscountValue(
  problems: PayloadProblems,
  application: Unchecked<ShopifyDiscountApplication>,
  parent: string,
): string {
  const value = application.value;
  if (isDecimalString(value) && !value.startsWith('-')) {
    return value;
  }

  problems.report(
    fieldPath(parent, 'value'),
    `must be a non-negative decimal string such as "10.0", got ${describeValue(value)}`,
  );

  return '0';
}
