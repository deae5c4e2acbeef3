/**
 * Upper bound of a Retry-After wait. A longer value is far more likely a misconfigured ERP than a
 * real maintenance window, and timers overflow above about 24.8 days.
 */
export const MAX_RETRY_AFTER_MS = 3_600_000;

const DELAY_SECONDS = /^\d+$/;
/** IMF-fixdate, obsolete RFC 850 and asctime, the three HTTP-date forms of RFC 9110 § 5.6.7. */
const HTTP_DATE = [
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/,
  /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT$/,
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/,
];

/**
 * Parses a Retry-After header (RFC 9110 § 10.2.3) into milliseconds from `now`: either delay
 * seconds ("120") or an HTTP date. A date in the past gives 0, and values above
 * {@link MAX_RETRY_AFTER_MS} are capped. Returns undefined for a missing or invalid header.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  const trimmed = value?.trim();
  if (!trimmed) {
    return undefined;
  }

  if (DELAY_SECONDS.test(trimmed)) {
    return Math.min(Number(trimmed) * 1_000, MAX_RETRY_AFTER_MS);
  }

  if (!HTTP_DATE.some((pattern) => pattern.test(trimmed))) {
    return undefined;
  }

  // asctime dates carry no zone; HTTP dates are always UTC.
  const time = Date.parse(trimmed.endsWith('GMT') ? trimmed : `${trimmed} GMT`);
  if (Number.isNaN(time)) {
    return undefined;
  }

  return Math.min(Math.max(0, time - now), MAX_RETRY_AFTER_MS);
}
