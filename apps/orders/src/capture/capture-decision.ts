import type { EventSubject } from '@retail-sync/contracts';

export type OrderStatus = 'open' | 'cancelled';

/** The stored state of an order that an incoming version is compared with. */
export interface StoredOrderState {
  version: number;
  /** ISO 8601 instant. */
  sourceUpdatedAt: string;
  status: OrderStatus;
}

/** The parts of an incoming order version that decide what happens to it. */
export interface IncomingOrderState {
  sourceUpdatedAt: string;
  cancelledAt?: string;
}

/** An incoming version that is stored as the order's new version, with the event it publishes. */
export interface AcceptedVersion {
  outcome: 'captured' | 'updated' | 'cancelled';
  version: number;
  status: OrderStatus;
  event: Extract<
    EventSubject,
    'orders.order.captured.v1' | 'orders.order.updated.v1' | 'orders.order.cancelled.v1'
  >;
}

/**
 * An incoming version that changes nothing: `stale` is older than the stored version, and
 * `duplicate` has the same source time, such as one change sent through two webhook topics.
 */
export interface IgnoredVersion {
  outcome: 'stale' | 'duplicate';
}

export type CaptureDecision = AcceptedVersion | IgnoredVersion;

export type CaptureOutcome = CaptureDecision['outcome'];

export function isIgnored(decision: CaptureDecision): decision is IgnoredVersion {
  return decision.outcome === 'stale' || decision.outcome === 'duplicate';
}

/**
 * Decides what an incoming order version does, given the stored order or undefined for an order
 * seen for the first time. The channel's last-modified time orders the versions, so versions
 * arriving out of order never replace a later one.
 */
export function decideCapture(
  stored: StoredOrderState | undefined,
  incoming: IncomingOrderState,
): CaptureDecision {
  const status: OrderStatus = incoming.cancelledAt === undefined ? 'open' : 'cancelled';
  if (stored === undefined) {
    // A first version that is already cancelled is stored, but there is no sale to announce.
    return status === 'cancelled'
      ? { outcome: 'cancelled', version: 1, status, event: 'orders.order.cancelled.v1' }
      : { outcome: 'captured', version: 1, status, event: 'orders.order.captured.v1' };
  }

  const order = compareInstants(incoming.sourceUpdatedAt, stored.sourceUpdatedAt);
  if (order < 0) {
    return { outcome: 'stale' };
  }

  if (order === 0) {
    return { outcome: 'duplicate' };
  }

  const version = stored.version + 1;
  if (status === 'cancelled' && stored.status !== 'cancelled') {
    return { outcome: 'cancelled', version, status, event: 'orders.order.cancelled.v1' };
  }

  return { outcome: 'updated', version, status, event: 'orders.order.updated.v1' };
}

/**
 * Compares two ISO 8601 instants, whatever their offsets. Throws RangeError on an unparsable one.
 * NOTE: the comparison has millisecond precision, so versions less than 1 ms apart count as equal.
 */
export function compareInstants(left: string, right: string): number {
  const leftMs = Date.parse(left);
  const rightMs = Date.parse(right);
  if (Number.isNaN(leftMs) || Number.isNaN(rightMs)) {
    throw new RangeError(`Invalid ISO 8601 instant: ${Number.isNaN(leftMs) ? left : right}`);
  }

  return Math.sign(leftMs - rightMs);
}
