import type { DELIVERY_STATUSES } from '@retail-sync/contracts';

/**
 * Outcome of a stored delivery: `accepted` published its order, `exception` waits in the
 * exception queue, and `ignored` is a topic the gateway does not handle.
 */
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** A webhook delivery as stored in `webhook_delivery`. */
export interface WebhookDelivery {
  id: string;
  channel: string;
  shopId: string;
  /** The channel's topic as received, such as `orders/create`. */
  topic: string;
  webhookId: string;
  eventId: string | null;
  /** SHA-256 of the raw body, lower-case hex. */
  bodySha256: string;
  /** The exact bytes received; null for ignored topics, whose bodies are not kept. */
  rawBody: Buffer | null;
  headers: Record<string, string>;
  receivedAt: Date;
  triggeredAt: Date | null;
  status: DeliveryStatus;
  orderExternalId: string | null;
  traceId: string | null;
}

/** A delivery's columns without the raw body, for reads that do not need it. */
export type WebhookDeliveryMetadata = Omit<WebhookDelivery, 'rawBody'>;
