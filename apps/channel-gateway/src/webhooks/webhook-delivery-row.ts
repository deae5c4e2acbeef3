import { randomUUID } from 'node:crypto';
import type { CanonicalOrder, OrderWebhookTopic } from '@retail-sync/contracts';
import { activeTraceId } from '@retail-sync/observability';
import type { WebhookDelivery } from '../deliveries/webhook-delivery.js';
import { translateShopifyOrder } from '../shopify/shopify-order-translator.js';
import { UnusableOrderError } from '../shopify/unusable-order.error.js';
import { bodySha256 } from './webhook-body.js';
import type { ShopifyDeliveryHeaders } from './webhook-headers.js';

/** A delivery whose signature, headers and age have been checked. */
export interface AuthenticatedDelivery {
  shopDomain: string;
  headers: ShopifyDeliveryHeaders;
  storedHeaders: Record<string, string>;
  rawBody: Buffer;
  receivedAt: Date;
}

/** The result of translating a delivery's body, which decides the row's status. */
export type Translation =
  | { status: 'accepted'; topic: OrderWebhookTopic; order: CanonicalOrder }
  | { status: 'exception'; error: UnusableOrderError }
  | { status: 'ignored' };

/** Translates an order body; an unusable order becomes an `exception` translation. */
export function translate(
  delivery: AuthenticatedDelivery,
  topic: OrderWebhookTopic,
  order: unknown,
): Translation {
  try {
    const canonical = translateShopifyOrder({
      shopDomain: delivery.shopDomain,
      order,
      receivedAt: (delivery.headers.triggeredAt ?? delivery.receivedAt).toISOString(),
    });

    return { status: 'accepted', topic, order: canonical };
  } catch (error) {
    if (error instanceof UnusableOrderError) {
      return { status: 'exception', error };
    }

    throw error;
  }
}

/** Builds the row to store; the body of an ignored topic is not kept. */
export function toRow(delivery: AuthenticatedDelivery, translation: Translation): WebhookDelivery {
  const ignored = translation.status === 'ignored';

  return {
    id: randomUUID(),
    channel: 'shopify',
    shopId: delivery.shopDomain,
    topic: delivery.headers.topic,
    webhookId: delivery.headers.webhookId,
    eventId: delivery.headers.eventId ?? null,
    bodySha256: bodySha256(delivery.rawBody),
    rawBody: ignored ? null : delivery.rawBody,
    headers: delivery.storedHeaders,
    receivedAt: delivery.receivedAt,
    triggeredAt: delivery.headers.triggeredAt ?? null,
    status: translation.status,
    orderExternalId: orderExternalIdOf(translation),
    traceId: activeTraceId() ?? null,
  };
}

function orderExternalIdOf(translation: Translation): string | null {
  switch (translation.status) {
    case 'accepted':
      return translation.order.externalId;
    case 'exception':
      return translation.error.externalId ?? null;
    case 'ignored':
      return null;
  }
}
