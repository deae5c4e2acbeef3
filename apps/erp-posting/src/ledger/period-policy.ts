import { PermanentError } from '@retail-sync/messaging';
import type { ClosedPeriodPolicy } from '../erp-posting-config.js';
import { periodOf } from '../erp/erp-adapter.js';

/** The date and period an entry is booked in once closed periods are taken into account. */
export interface PeriodPlacement {
  postingDate: string;
  period: string;
  /** The requested date, present only when a closed period moved the entry. */
  requestedPostingDate?: string;
}

/**
 * Places an entry dated `postingDate` (YYYY-MM-DD). An open period keeps the date. In a closed
 * period the `next-open` policy moves the entry to the first day of the next period that is not
 * in `closedPeriods`, and the `exception` policy throws PermanentError `posting.period-closed`.
 */
export function placeInOpenPeriod(
  postingDate: string,
  closedPeriods: ReadonlySet<string>,
  policy: ClosedPeriodPolicy,
  idempotencyKey: string,
): PeriodPlacement {
  const period = periodOf(postingDate);
  if (!closedPeriods.has(period)) {
    return { postingDate, period };
  }

  if (policy === 'exception') {
    throw new PermanentError(
      `Cannot post ${idempotencyKey} dated ${postingDate}: accounting period ${period} is ` +
        'closed. Post it manually in an open period, or set CLOSED_PERIOD_POLICY=next-open and ' +
        'replay the exception.',
      'posting.period-closed',
    );
  }

  let target = nextPeriod(period);
  while (closedPeriods.has(target)) {
    target = nextPeriod(target);
  }

  return { postingDate: `${target}-01`, period: target, requestedPostingDate: postingDate };
}

/** Returns the period after `period`, both as YYYY-MM. */
export function nextPeriod(period: string): string {
  const year = Number(period.slice(0, 4));
  const month = Number(period.slice(5, 7));
  if (month === 12) {
    return `${String(year + 1).padStart(4, '0')}-01`;
  }

  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}`;
}

/** Returns true for a YYYY-MM period with a month from 01 to 12. */
export function isPeriod(value: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

/** Returns the memo note that explains why an entry sits in a later period than its source date. */
export function movedPeriodNote(placement: PeriodPlacement): string | undefined {
  if (placement.requestedPostingDate === undefined) {
    return undefined;
  }

  return (
    `Posted on ${placement.postingDate} because period ` +
    `${periodOf(placement.requestedPostingDate)} of the original posting date ` +
    `${placement.requestedPostingDate} is closed.`
  );
}
