import { describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_MS, parseRetryAfter } from './retry-after.js';

const NOW = Date.parse('1994-11-06T08:49:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['0', 0],
    ['1', 1_000],
    ['120', 120_000],
    [' 5 ', 5_000],
  ])('reads delay seconds "%s" as %i ms', (header, expected) => {
    expect(parseRetryAfter(header, NOW)).toBe(expected);
  });

  it.each([
    ['Sun, 06 Nov 1994 08:49:37 GMT', 37_000],
    ['Sunday, 06-Nov-94 08:49:37 GMT', 37_000],
    ['Sun Nov  6 08:49:37 1994', 37_000],
  ])('reads HTTP date "%s" relative to now', (header, expected) => {
    expect(parseRetryAfter(header, NOW)).toBe(expected);
  });

  it('gives 0 for a date in the past', () => {
    expect(parseRetryAfter('Sun, 06 Nov 1994 08:48:00 GMT', NOW)).toBe(0);
  });

  it('caps long delays', () => {
    expect(parseRetryAfter('86400', NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('Mon, 07 Nov 1994 08:49:00 GMT', NOW)).toBe(MAX_RETRY_AFTER_MS);
  });

  it.each([null, undefined, '', '   ', '-1', '1.5', 'soon', '2024-06-13', 'Sun, 06 Nov 1994'])(
    'returns undefined for %j',
    (header) => {
      expect(parseRetryAfter(header, NOW)).toBeUndefined();
    },
  );
});
