// Turns the bundled Shopify order payloads into signed orders/create webhook deliveries.
import { createHash, createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const DEMO_SHOP = 'demo-shop.myshopify.com';

/** Reads every order in samples/shopify (REST responses are unwrapped from `{ order }`). */
export function loadSampleOrders(root) {
  const folder = resolve(root, 'samples/shopify');

  return readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .map((file) => {
      const parsed = JSON.parse(readFileSync(resolve(folder, file), 'utf8'));

      return { file, order: parsed.order ?? parsed };
    })
    .filter(({ order }) => Array.isArray(order.line_items));
}

/**
 * Builds the HTTP request Shopify would send. The webhook id derives from the file name, so a
 * second `npm start` re-sends the same deliveries and the gateway recognises them as duplicates.
 */
export function signedDelivery({ file, order }, secret, topic = 'orders/create') {
  const body = JSON.stringify(order);
  const webhookId = createHash('sha256').update(`${topic}:${file}`).digest('hex').slice(0, 32);

  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': topic,
      'x-shopify-shop-domain': DEMO_SHOP,
      'x-shopify-webhook-id': webhookId,
      'x-shopify-event-id': webhookId,
      'x-shopify-api-version': '2024-04',
      'x-shopify-triggered-at': new Date().toISOString(),
      'x-shopify-hmac-sha256': createHmac('sha256', secret).update(body).digest('base64'),
    },
  };
}
