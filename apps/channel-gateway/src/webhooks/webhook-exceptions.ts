import type { ExceptionInput, ExceptionStore } from '@retail-sync/messaging';
import { activeTraceId, injectTraceContext } from '@retail-sync/observability';
import type { EntityManager } from 'typeorm';
import type { WebhookDelivery, WebhookDeliveryMetadata } from '../deliveries/webhook-delivery.js';
import type { UnusableOrderError } from '../shopify/unusable-order.error.js';

/** The consumer name of the gateway's exception records and of their replay handler. */
export const SHOPIFY_WEBHOOK_CONSUMER = 'channel-gateway.shopify-webhook';

export const CONFLICTING_DUPLICATE_CODE = 'webhook.conflicting-duplicate';

/** Envelope of an unusable-order record; replay reloads the delivery's stored body by its id. */
export interface UnusableOrderEnvelope {
  deliveryId: string;
}

/** Builds the exception record of a stored delivery whose order cannot be translated. */
export function unusableOrderException(
  delivery: WebhookDelivery,
  error: UnusableOrderError,
): ExceptionInput {
  const envelope: UnusableOrderEnvelope = { deliveryId: delivery.id };

  return {
    consumer: SHOPIFY_WEBHOOK_CONSUMER,
    subject: delivery.topic,
    messageId: delivery.id,
    envelope,
    traceContext: injectTraceContext(),
    errorClass: 'permanent',
    errorCode: error.code,
    errorMessage: error.message,
    attempts: 1,
    traceId: activeTraceId(),
  };
}

/**
 * Records a delivery that repeats a stored delivery's webhook id or event id with a different
 * body. The message id includes the new body's hash, so further copies of the same body update
 * one record. The new body is kept in the record, except for ignored topics, so a person can
 * compare the two versions.
 */
export async function recordConflictingDuplicate(
  exceptions: ExceptionStore,
  manager: EntityManager,
  delivery: WebhookDelivery,
  existing: WebhookDeliveryMetadata,
): Promise<string> {
  const eventKey = delivery.eventId ?? delivery.webhookId;

  return exceptions.record(
    {
      consumer: SHOPIFY_WEBHOOK_CONSUMER,
      subject: delivery.topic,
      messageId: `${delivery.shopId}:${eventKey}:${delivery.bodySha256}`,
      envelope: {
        storedDeliveryId: existing.id,
        shopId: delivery.shopId,
        webhookId: delivery.webhookId,
        eventId: delivery.eventId,
        bodySha256: delivery.bodySha256,
        storedBodySha256: existing.bodySha256,
      },
      rawPayload: delivery.rawBody?.toString('utf8'),
      traceContext: injectTraceContext(),
      errorClass: 'permanent',
      errorCode: CONFLICTING_DUPLICATE_CODE,
      errorMessage:
        `Delivery ${delivery.webhookId} (event ${delivery.eventId ?? 'not sent'}) of ` +
        `${delivery.shopId} repeats stored delivery ${existing.id} with a different body ` +
        `(SHA-256 ${delivery.bodySha256}, stored ${existing.bodySha256}). The new body was not ` +
        'published. Compare the two versions; if the new one is right, have Shopify send a new ' +
        'event for the order, such as an orders/updated webhook.',
      attempts: 1,
      traceId: activeTraceId(),
    },
    manager,
  );
}
