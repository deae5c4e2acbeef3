import { describeValue, fieldPath, isAbsent, type PayloadProblems } from './payload-problems.js';
import type { ShopifyOrder, Unchecked } from './shopify-order.types.js';

/** ISO-8601 date-time with an explicit offset, as Shopify sends it: 2008-01-10T11:00:00-05:00. */
const TIMESTAMP_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

export interface OrderTimestamps {
  sourceUpdatedAt: string;
  placedAt: string;
  cancelledAt?: string;
}

/**
 * Normalizes an ISO-8601 date-time with an offset to UTC (`toISOString()`). Returns undefined for
 * any other text, including a time without an offset and an impossible date such as 02-30, which
 * `Date` would silently roll over into March.
 */
export function normalizeTimestamp(text: string): string | undefined {
  const match = TIMESTAMP_PATTERN.exec(text);
  if (!match) {
    return undefined;
  }

  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const calendarDay = new Date(Date.UTC(year, month - 1, day));
  const isRealDay =
    calendarDay.getUTCFullYear() === year &&
    calendarDay.getUTCMonth() === month - 1 &&
    calendarDay.getUTCDate() === day;
  if (!isRealDay || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }

  return new Date(text).toISOString();
}

/** Reads an optional timestamp field and returns it in UTC, reporting one that is invalid. */
export function readTimestamp<T>(
  problems: PayloadProblems,
  source: Unchecked<T>,
  key: keyof T & string,
  parent: string,
): string | undefined {
  const value = source[key];
  if (isAbsent(value)) {
    return undefined;
  }

  const normalized = typeof value === 'string' ? normalizeTimestamp(value) : undefined;
  if (normalized === undefined) {
    problems.report(
      fieldPath(parent, key),
      `must be an ISO-8601 date-time with an offset such as "2024-04-02T09:03:29-05:00", got ${describeValue(value)}`,
    );
  }

  return normalized;
}

/**
 * Picks the order's version time and placement time. The version time is `updated_at`, else
 * `created_at`. The placement time is `processed_at`, else `created_at`, else `updated_at`.
 * `receivedAt`, the delivery time, replaces them only when the order carries neither `updated_at`
 * nor `created_at`.
 */
export function readOrderTimestamps(
  problems: PayloadProblems,
  order: Unchecked<ShopifyOrder>,
  receivedAt: string | undefined,
): OrderTimestamps {
  const updatedAt = readTimestamp(problems, order, 'updated_at', '');
  const createdAt = readTimestamp(problems, order, 'created_at', '');
  const processedAt = readTimestamp(problems, order, 'processed_at', '');
  const cancelledAt = readTimestamp(problems, order, 'cancelled_at', '');
  const delivered = readDeliveryTime(problems, receivedAt);

  const sourceUpdatedAt = updatedAt ?? createdAt ?? delivered;
  const isMissing = isAbsent(order.updated_at) && isAbsent(order.created_at);
  if (sourceUpdatedAt === undefined && isMissing) {
    problems.report('updated_at', 'or created_at is required');
  }

  const timestamps: OrderTimestamps = {
    sourceUpdatedAt: sourceUpdatedAt ?? '',
    placedAt: processedAt ?? createdAt ?? updatedAt ?? delivered ?? '',
  };
  if (cancelledAt !== undefined) {
    timestamps.cancelledAt = cancelledAt;
  }

  return timestamps;
}

function readDeliveryTime(
  problems: PayloadProblems,
  receivedAt: string | undefined,
): string | undefined {
  if (receivedAt === undefined) {
    return undefined;
  }

  const normalized = normalizeTimestamp(receivedAt);
  if (normalized === undefined) {
    problems.report(
      'receivedAt',
      `must be an ISO-8601 date-time with an offset, got "${receivedAt}"`,
    );
  }

  return normalized;
}
