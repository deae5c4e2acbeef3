import {
  CanonicalOrder,
  ContractViolationError,
  isKnownCurrency,
  validatePayload,
} from '@retail-sync/contracts';
import type { OrderCurrencies } from './money-bag-arithmetic.js';
import { describeValue, isAbsent, isJsonObject, PayloadProblems } from './payload-problems.js';
import { translateDiscountApplications } from './shopify-discount-translator.js';
import {
  readId,
  readOptionalString,
  readRequiredString,
  readBoolean,
} from './shopify-field-reader.js';
import { translateLineItems, translateShippingLines } from './shopify-line-translator.js';
import type { TranslationContext } from './shopify-money-reader.js';
import type { ShopifyOrder, Unchecked } from './shopify-order.types.js';
import { translateTaxLines } from './shopify-tax-line-translator.js';
import { readOrderTimestamps } from './shopify-timestamp-reader.js';
import { translateTotals } from './shopify-totals-translator.js';
import { translateTransactions } from './shopify-transaction-translator.js';
import { UnusableOrderError } from './unusable-order.error.js';

export interface ShopifyOrderInput {
  /** The shop's `*.myshopify.com` domain, from `X-Shopify-Shop-Domain`. */
  shopDomain: string;
  /** The order JSON, bare (webhook body) or wrapped as `{ "order": … }` (REST response). */
  order: unknown;
  /** The order's transactions, when fetched separately. They replace `order.transactions`. */
  transactions?: unknown[];
  /**
   * When the delivery arrived, as ISO-8601. Used as the version and placement time only when the
   * order carries neither `updated_at` nor `created_at`.
   */
  receivedAt?: string;
}

/**
 * Translates a Shopify order into a canonical order. Every field is checked first, and one
 * {@link UnusableOrderError} lists all problems found. The result is then validated against the
 * CanonicalOrder contract, so an invalid canonical order is never returned.
 */
export function translateShopifyOrder(input: ShopifyOrderInput): CanonicalOrder {
  const order = unwrapOrder(input.order);
  if (order === undefined) {
    throw new UnusableOrderError(input.shopDomain, undefined, [
      `order must be a JSON object, got ${describeValue(input.order)}`,
    ]);
  }

  const problems = new PayloadProblems();
  const externalId = readId(problems, order, 'id', '', true);
  const context: TranslationContext = { problems, currencies: readCurrencies(problems, order) };
  const timestamps = readOrderTimestamps(problems, order, input.receivedAt);
  const lines = translateLineItems(context, order);
  const shippingLines = translateShippingLines(context, order);
  const totals = translateTotals(context, order, lines, shippingLines);
  const canonical: CanonicalOrder = {
    channel: 'shopify',
    shopId: input.shopDomain,
    externalId: externalId ?? '',
    name: readOrderName(problems, order, externalId),
    ...timestamps,
    currency: context.currencies.shop,
    presentmentCurrency: context.currencies.presentment,
    taxesIncluded: readBoolean(problems, order, 'taxes_included', ''),
    lines,
    shippingLines,
    taxLines: translateTaxLines(context, order, 'tax_lines', ''),
    discountApplications: translateDiscountApplications(problems, order),
    transactions: translateTransactions(context, order, input.transactions, totals.total),
    totals,
  };
  const financialStatus = readOptionalString(problems, order, 'financial_status', '');
  if (financialStatus !== undefined) {
    canonical.financialStatus = financialStatus;
  }

  const cancelReason = readOptionalString(problems, order, 'cancel_reason', '');
  if (timestamps.cancelledAt !== undefined && cancelReason !== undefined) {
    canonical.cancelReason = cancelReason;
  }

  if (!problems.isEmpty) {
    throw new UnusableOrderError(input.shopDomain, externalId, problems.messages);
  }

  return validateCanonicalOrder(input.shopDomain, canonical);
}

/** Unwraps a REST response, `{ "order": {…} }`. A webhook body is the order itself. */
function unwrapOrder(value: unknown): Unchecked<ShopifyOrder> | undefined {
  if (!isJsonObject(value)) {
    return undefined;
  }

  if (isAbsent(value.id) && isJsonObject(value.order)) {
    return value.order as Unchecked<ShopifyOrder>;
  }

  return value as Unchecked<ShopifyOrder>;
}

function readCurrencies(
  problems: PayloadProblems,
  order: Unchecked<ShopifyOrder>,
): OrderCurrencies {
  const shop = readRequiredString(problems, order, 'currency', '');
  const presentment = readOptionalString(problems, order, 'presentment_currency', '') ?? shop;
  if (shop !== '' && !isKnownCurrency(shop)) {
    problems.report('currency', `must be an ISO 4217 currency code, got "${shop}"`);
  }

  if (presentment !== shop && !isKnownCurrency(presentment)) {
    problems.report(
      'presentment_currency',
      `must be an ISO 4217 currency code, got "${presentment}"`,
    );
  }

  return { shop, presentment };
}

/** Reads the display name ("#1001"). A payload without one gets `#<order_number>` or the id. */
function readOrderName(
  problems: PayloadProblems,
  order: Unchecked<ShopifyOrder>,
  externalId: string | undefined,
): string {
  const name = readOptionalString(problems, order, 'name', '', { emptyIsAbsent: true });
  if (name !== undefined) {
    return name;
  }

  const orderNumber = order.order_number;
  if (typeof orderNumber === 'number' && Number.isSafeInteger(orderNumber)) {
    return `#${orderNumber}`;
  }

  return externalId ?? '';
}

/**
 * Validates against the CanonicalOrder contract and reports a violation as an unusable order, so
 * callers handle one error type. A violation here is an input the checks above missed, or a bug.
 */
function validateCanonicalOrder(shopDomain: string, canonical: CanonicalOrder): CanonicalOrder {
  try {
    return validatePayload(CanonicalOrder, canonical, 'canonical order');
  } catch (error) {
    if (!(error instanceof ContractViolationError)) {
      throw error;
    }

    throw new UnusableOrderError(shopDomain, canonical.externalId, error.violations, {
      cause: error,
    });
  }
}
