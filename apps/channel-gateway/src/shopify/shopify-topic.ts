import type { OrderWebhookTopic } from '@retail-sync/contracts';

const ORDER_TOPICS: Readonly<Record<string, OrderWebhookTopic>> = {
  'orders/create': 'created',
  'orders/updated': 'updated',
  'orders/paid': 'paid',
  'orders/cancelled': 'cancelled',
};

/**
 * Maps an `X-Shopify-Topic` header value to the order webhook topic it carries. Returns null for
 * any other topic, which the gateway does not subscribe to.
 */
export function toOrderWebhookTopic(topicHeader: string | undefined): OrderWebhookTopic | null {
  if (topicHeader === undefined || !Object.hasOwn(ORDER_TOPICS, topicHeader)) {
    return null;
  }

  return ORDER_TOPICS[topicHeader] ?? null;
}
