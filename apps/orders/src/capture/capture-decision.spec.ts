import { describe, expect, it } from 'vitest';
import {
  compareInstants,
  decideCapture,
  isIgnored,
  type StoredOrderState,
} from './capture-decision.js';

const stored: StoredOrderState = {
  version: 3,
  sourceUpdatedAt: '2024-06-13T14:00:00.000Z',
  status: 'open',
};

describe('decideCapture', () => {
  it('captures a new order', () => {
    const decision = decideCapture(undefined, { sourceUpdatedAt: '2024-06-13T14:00:00Z' });

    expect(decision).toEqual({
      outcome: 'captured',
      version: 1,
      status: 'open',
      event: 'orders.order.captured.v1',
    });
  });

  it('cancels a new order seen cancelled', () => {
    const decision = decideCapture(undefined, {
      sourceUpdatedAt: '2024-06-13T14:00:00Z',
      cancelledAt: '2024-06-13T13:59:00Z',
    });

    expect(decision).toEqual({
      outcome: 'cancelled',
      version: 1,
      status: 'cancelled',
      event: 'orders.order.cancelled.v1',
    });
  });

  it('ignores an older version as stale', () => {
    const decision = decideCapture(stored, { sourceUpdatedAt: '2024-06-13T13:59:59Z' });

    expect(decision).toEqual({ outcome: 'stale' });
    expect(isIgnored(decision)).toBe(true);
  });

  it('ignores the same source time as duplicate', () => {
    const decision = decideCapture(stored, { sourceUpdatedAt: '2024-06-13T14:00:00Z' });

    expect(decision).toEqual({ outcome: 'duplicate' });
    expect(isIgnored(decision)).toBe(true);
  });

  it('compares instants across offsets', () => {
    // 10:00 in New York in June is 14:00 UTC, the stored time.
    const same = decideCapture(stored, { sourceUpdatedAt: '2024-06-13T10:00:00-04:00' });
    const later = decideCapture(stored, { sourceUpdatedAt: '2024-06-13T10:00:01-04:00' });

    expect(same.outcome).toBe('duplicate');
    expect(later.outcome).toBe('updated');
  });

  it('updates with a newer version', () => {
    const decision = decideCapture(stored, { sourceUpdatedAt: '2024-06-13T14:05:00Z' });

    expect(decision).toEqual({
      outcome: 'updated',
      version: 4,
      status: 'open',
      event: 'orders.order.updated.v1',
    });
    expect(isIgnored(decision)).toBe(false);
  });

  it('cancels when a newer version is newly cancelled', () => {
    const decision = decideCapture(stored, {
      sourceUpdatedAt: '2024-06-13T14:05:00Z',
      cancelledAt: '2024-06-13T14:05:00Z',
    });

    expect(decision).toEqual({
      outcome: 'cancelled',
      version: 4,
      status: 'cancelled',
      event: 'orders.order.cancelled.v1',
    });
  });

  it('updates an already cancelled order', () => {
    const cancelled: StoredOrderState = { ...stored, status: 'cancelled' };

    const decision = decideCapture(cancelled, {
      sourceUpdatedAt: '2024-06-13T15:00:00Z',
      cancelledAt: '2024-06-13T14:05:00Z',
    });

    expect(decision).toEqual({
      outcome: 'updated',
      version: 4,
      status: 'cancelled',
      event: 'orders.order.updated.v1',
    });
  });

  it('ignores a stale cancellation', () => {
    const decision = decideCapture(stored, {
      sourceUpdatedAt: '2024-06-13T13:00:00Z',
      cancelledAt: '2024-06-13T13:00:00Z',
    });

    expect(decision).toEqual({ outcome: 'stale' });
  });
});

describe('compareInstants', () => {
  it('orders two instants', () => {
    expect(compareInstants('2024-01-01T00:00:00Z', '2024-01-01T00:00:00.001Z')).toBe(-1);
    expect(compareInstants('2024-01-01T00:00:00.001Z', '2024-01-01T00:00:00Z')).toBe(1);
    expect(compareInstants('2024-01-01T01:00:00+01:00', '2024-01-01T00:00:00Z')).toBe(0);
  });

  it('rejects an invalid instant', () => {
    expect(() => compareInstants('yesterday', '2024-01-01T00:00:00Z')).toThrow(
      'Invalid ISO 8601 instant: yesterday',
    );
  });
});
