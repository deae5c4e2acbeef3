import type {
  AssessmentGetReply,
  DeliveryGetReply,
  JournalEntriesListReply,
} from '@retail-sync/contracts';
import type { OrderStatus } from '../capture/capture-decision.js';

/** A part of the trail that another service could not supply. */
export interface TrailPartError {
  error: { code: string; message: string };
}

export type TrailPart<T> = T | TrailPartError;

export interface TrailVersion {
  version: number;
  topic: string;
  deliveryId: string;
  sourceUpdatedAt: Date;
  traceId: string | null;
  /** The channel gateway's record of the webhook delivery that carried this version. */
  delivery: TrailPart<DeliveryGetReply>;
}

/** Everything known about an order across the services, from webhook to journal entries. */
export interface OrderTrail {
  order: { id: string; key: string; status: OrderStatus; version: number; traceId: string | null };
  versions: TrailVersion[];
  taxAssessment: TrailPart<AssessmentGetReply>;
  journalEntries: TrailPart<JournalEntriesListReply>;
  /** Every distinct trace id in the trail, in the order first seen. */
  traceIds: string[];
}

export function isTrailPartError(part: unknown): part is TrailPartError {
  return typeof part === 'object' && part !== null && 'error' in part;
}

/** Collects the distinct trace ids of the order, its versions and the other services' replies. */
export function collectTraceIds(trail: Omit<OrderTrail, 'traceIds'>): string[] {
  const candidates: (string | null | undefined)[] = [
    trail.order.traceId,
    ...trail.versions.flatMap((version) => [
      version.traceId,
      isTrailPartError(version.delivery) ? undefined : version.delivery.traceId,
    ]),
    isTrailPartError(trail.taxAssessment) ? undefined : trail.taxAssessment.traceId,
    ...(isTrailPartError(trail.journalEntries)
      ? []
      : trail.journalEntries.entries.map((entry) => entry.traceId)),
  ];
  const seen = new Set<string>();
  for (const traceId of candidates) {
    if (traceId) {
      seen.add(traceId);
    }
  }

  return [...seen];
}
