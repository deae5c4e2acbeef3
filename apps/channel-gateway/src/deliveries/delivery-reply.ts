import type { DeliveryGetReply } from '@retail-sync/contracts';
import type { WebhookDeliveryMetadata } from './webhook-delivery.js';

/** Maps a stored delivery to the `channel.delivery.get.v1` reply, leaving out absent values. */
export function toDeliveryGetReply(delivery: WebhookDeliveryMetadata): DeliveryGetReply {
  const reply: DeliveryGetReply = {
    deliveryId: delivery.id,
    channel: delivery.channel,
    shopId: delivery.shopId,
    topic: delivery.topic,
    webhookId: delivery.webhookId,
    receivedAt: delivery.receivedAt.toISOString(),
    status: delivery.status,
    bodySha256: delivery.bodySha256,
  };
  if (delivery.eventId !== null) {
    reply.eventId = delivery.eventId;
  }

  if (delivery.triggeredAt !== null) {
    reply.triggeredAt = delivery.triggeredAt.toISOString();
  }

  if (delivery.orderExternalId !== null) {
    reply.orderExternalId = delivery.orderExternalId;
  }

  if (delivery.traceId !== null) {
    reply.traceId = delivery.traceId;
  }

  return reply;
}
