import { IsIn, IsISO8601 } from 'class-validator';
import { CanonicalOrder } from '../orders/canonical-order.js';
import { IsExternalId, Nested } from '../validation/decorators.js';

export const ORDER_WEBHOOK_TOPICS = ['created', 'updated', 'paid', 'cancelled'] as const;
export type OrderWebhookTopic = (typeof ORDER_WEBHOOK_TOPICS)[number];

/** A channel delivered an order version; the gateway has already translated it. */
export class ChannelOrderReceivedEvent {
  /** The gateway's id of the stored raw delivery, for tracing an order back to its webhook. */
  @IsExternalId()
  deliveryId: string;

  @IsIn(ORDER_WEBHOOK_TOPICS)
  topic: OrderWebhookTopic;

  @IsISO8601({ strict: true })
  receivedAt: string;

  @Nested(() => CanonicalOrder)
  order: CanonicalOrder;
}
