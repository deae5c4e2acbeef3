import { createHmac } from 'node:crypto';
import type { GatewayEndpoint } from './gateway-endpoints.js';
import { WEBHOOK_SECRET } from './service-cluster.js';

/** One delivery attempt of a Shopify webhook. */
export interface WebhookDelivery {
  shop: string;
  topic: string;
  webhookId: string;
  eventId: string;
  body: string;
  /** `X-Shopify-Triggered-At`: when Shopify first tried to send the event. */
  triggeredAt: string;
}

export type DeliveryResult =
  { ok: true; status: number } | { ok: false; reason: string; status?: number };

/**
 * Signs and posts a webhook the way Shopify does, and sorts the outcome: any 2xx is a success,
 * anything else (another status, a refused or reset connection, no response in time) a failure that
 * Shopify would retry.
 */
export async function sendWebhook(
  endpoint: GatewayEndpoint,
  delivery: WebhookDelivery,
  timeoutMs: number,
): Promise<DeliveryResult> {
  try {
    const response = await fetch(`${endpoint.url}/webhooks/shopify`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': delivery.topic,
        'x-shopify-shop-domain': delivery.shop,
        'x-shopify-webhook-id': delivery.webhookId,
        'x-shopify-event-id': delivery.eventId,
        'x-shopify-triggered-at': delivery.triggeredAt,
        'x-shopify-api-version': '2024-04',
        'x-shopify-hmac-sha256': createHmac('sha256', WEBHOOK_SECRET)
          .update(delivery.body)
          .digest('base64'),
      },
      body: delivery.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer();
    if (response.status >= 200 && response.status < 300) {
      return { ok: true, status: response.status };
    }

    return { ok: false, reason: `http-${response.status}`, status: response.status };
  } catch (error) {
    return { ok: false, reason: failureReason(error) };
  }
}

function failureReason(error: unknown): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return 'timeout';
  }

  const cause = (error as { cause?: { code?: string } }).cause;

  return cause?.code ?? (error instanceof Error ? error.name : 'error');
}
