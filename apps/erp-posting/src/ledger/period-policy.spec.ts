import { PermanentError } from '@retail-sync/messaging';
import { describe, expect, it } from 'vitest';
import { isPeriod, movedPeriodNote, nextPeriod, placeInOpenPeriod } from './period-policy.js';

const KEY = 'order:shopify:shop:1#order-sale@1';

describe('placeInOpenPeriod', () => {
  it('keeps the date in an open period', () => {
    const placement = placeInOpenPeriod('2024-06-13', new Set(['2024-05']), 'next-open', KEY);

    expect(placement).toEqual({ postingDate: '2024-06-13', period: '2024-06' });
    expect(movedPeriodNote(placement)).toBeUndefined();
  });

  it('keeps the date in an open period under the exception policy', () => {
    const placement = placeInOpenPeriod('2024-06-13', new Set(['2024-05']), 'exception', KEY);

    expect(placement.postingDate).toBe('2024-06-13');
  });

  it('moves to the first day of the next period', () => {
    const placement = placeInOpenPeriod('2024-05-20', new Set(['2024-05']), 'next-open', KEY);

    expect(placement).toEqual({
      postingDate: '2024-06-01',
      period: '2024-06',
      requestedPostingDate: '2024-05-20',
    });
    expect(movedPeriodNote(placement)).toBe(
      'Posted on 2024-06-01 because period 2024-05 of the original posting date 2024-05-20 is ' +
        'closed.',
    );
  });

  it('skips consecutive closed periods across a year end', () => {
    const closed = new Set(['2024-11', '2024-12', '2025-01']);

    const placement = placeInOpenPeriod('2024-11-30', closed, 'next-open', KEY);

    expect(placement.postingDate).toBe('2025-02-01');
    expect(placement.period).toBe('2025-02');
  });

  it('throws period-closed under the exception policy', () => {
    const place = () => placeInOpenPeriod('2024-05-20', new Set(['2024-05']), 'exception', KEY);

    expect(place).toThrow(PermanentError);
    expect(place).toThrow(/accounting period 2024-05 is closed/);
    try {
      place();
    } catch (error) {
      expect((error as PermanentError).code).toBe('posting.period-closed');
    }
  });
});

describe('nextPeriod', () => {
  it.each([
    ['2024-01', '2024-02'],
    ['2024-09', '2024-10'],
    ['2024-12', '2025-01'],
  ])('follows %s with %s', (period, expected) => {
    expect(nextPeriod(period)).toBe(expected);
  });
});

describe('isPeriod', () => {
  it.each(['2024-01', '2024-12'])('accepts %s', (value) => {
    expect(isPeriod(value)).toBe(true);
  });

  it.each(['2024-00', '2024-13', '2024-1', '24-01', '2024-01-01', ''])('rejects "%s"', (value) => {
    expect(isPeriod(value)).toBe(false);
  });
});
