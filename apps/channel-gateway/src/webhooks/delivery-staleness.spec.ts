import { describe, expect, it } from 'vitest';
import { isStaleDelivery } from './delivery-staleness.js';

const now = new Date('2024-06-13T18:00:00Z');
const maxAgeSeconds = 18_000;

function secondsBefore(seconds: number): Date {
  return new Date(now.getTime() - seconds * 1_000);
}

describe('isStaleDelivery', () => {
  it('accepts a delivery triggered just now', () => {
    expect(isStaleDelivery(now, now, maxAgeSeconds)).toBe(false);
  });

  it('accepts a retry four hours late', () => {
    expect(isStaleDelivery(secondsBefore(4 * 3_600), now, maxAgeSeconds)).toBe(false);
  });

  it('accepts a delivery exactly at the maximum age', () => {
    expect(isStaleDelivery(secondsBefore(maxAgeSeconds), now, maxAgeSeconds)).toBe(false);
  });

  it('rejects a delivery one second past the maximum age', () => {
    expect(isStaleDelivery(secondsBefore(maxAgeSeconds + 1), now, maxAgeSeconds)).toBe(true);
  });

  it('accepts a trigger time in the future', () => {
    expect(isStaleDelivery(secondsBefore(-120), now, maxAgeSeconds)).toBe(false);
  });

  it('accepts a delivery without a trigger time', () => {
    expect(isStaleDelivery(undefined, now, maxAgeSeconds)).toBe(false);
  });
});
