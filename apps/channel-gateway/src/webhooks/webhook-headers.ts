import type { IncomingHttpHeaders } from 'node:http';
import type { WebhookRejection } from './webhook-rejection.js';

/** The headers of a Shopify webhook delivery that the gateway uses after authentication. */
export interface ShopifyDeliveryHeaders {
  webhookId: string;
  /** `X-Shopify-Event-Id`, the same for every delivery of one event. Older deliveries lack it. */
  eventId?: string;
  /** The raw `X-Shopify-Topic`, such as `orders/create`. */
  topic: string;
  triggeredAt?: Date;
}

export type DeliveryHeadersResult =
  { ok: true; headers: ShopifyDeliveryHeaders } | { ok: false; rejection: WebhookRejection };

const MAX_ID_LENGTH = 255;
const MAX_SHOP_DOMAIN_LENGTH = 255;
const HOSTNAME_PATTERN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;
/** ISO 8601 with a zone; Shopify sends nanoseconds, such as `2024-06-13T14:00:05.123456789Z`. */
const TIMESTAMP_PATTERN =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;
/** The signature is a credential and is never stored. */
const SIGNATURE_HEADER = 'x-shopify-hmac-sha256';

/** Returns a header's trimmed value, or undefined when it is absent or blank. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const raw = headers[name.toLowerCase()];
  const value = Array.isArray(raw) ? raw.join(', ') : raw;
  const trimmed = value?.trim();

  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/**
 * Reads `X-Shopify-Shop-Domain` in lower case. Returns undefined when it is absent or not a
 * host name, so that no secret is looked up for it and no odd value reaches the logs.
 */
export function readShopDomain(headers: IncomingHttpHeaders): string | undefined {
  const domain = headerValue(headers, 'x-shopify-shop-domain')?.toLowerCase();
  if (domain === undefined || domain.length > MAX_SHOP_DOMAIN_LENGTH) {
    return undefined;
  }

  return HOSTNAME_PATTERN.test(domain) ? domain : undefined;
}

/** Reads the delivery headers, or returns the 400 rejection for the first one that is unusable. */
export function readDeliveryHeaders(headers: IncomingHttpHeaders): DeliveryHeadersResult {
  const webhookId = headerValue(headers, 'x-shopify-webhook-id');
  if (webhookId === undefined) {
    return badRequest('missing-webhook-id', 'Missing X-Shopify-Webhook-Id header');
  }

  const topic = headerValue(headers, 'x-shopify-topic');
  if (topic === undefined) {
    return badRequest('missing-topic', 'Missing X-Shopify-Topic header');
  }

  const eventId = headerValue(headers, 'x-shopify-event-id');
  for (const [name, value] of [
    ['X-Shopify-Webhook-Id', webhookId],
    ['X-Shopify-Event-Id', eventId],
    ['X-Shopify-Topic', topic],
  ] as const) {
    if (value !== undefined && value.length > MAX_ID_LENGTH) {
      return badRequest('invalid-header', `${name} is longer than ${MAX_ID_LENGTH} characters`);
    }
  }

  const triggeredAtHeader = headerValue(headers, 'x-shopify-triggered-at');
  const triggeredAt =
    triggeredAtHeader === undefined ? undefined : parseTimestamp(triggeredAtHeader);
  if (triggeredAt === null) {
    return badRequest(
      'invalid-header',
      'X-Shopify-Triggered-At must be an ISO 8601 timestamp with a zone, such as 2024-06-13T14:00:05Z',
    );
  }

  return { ok: true, headers: { webhookId, eventId, topic, triggeredAt } };
}

/**
 * Selects the headers stored with a delivery: the `X-Shopify-*` headers except the signature,
 * and the content type. Other headers come from proxies and can carry credentials or client IPs.
 */
export function headersToStore(headers: IncomingHttpHeaders): Record<string, string> {
  const stored: Record<string, string> = {};
  for (const name of Object.keys(headers).sort()) {
    const keep = name === 'content-type' || name.startsWith('x-shopify-');
    const value = headerValue(headers, name);
    if (keep && name !== SIGNATURE_HEADER && value !== undefined) {
      stored[name] = value;
    }
  }

  return stored;
}

/** Parses an ISO 8601 timestamp; returns null when it is malformed. */
function parseTimestamp(value: string): Date | null {
  const match = TIMESTAMP_PATTERN.exec(value);
  if (!match) {
    return null;
  }

  // Date.parse keeps milliseconds only, so the fraction is cut to three digits first.
  const fraction = (match[2] ?? '').slice(0, 3).padEnd(3, '0');
  const milliseconds = Date.parse(`${match[1]}.${fraction}${match[3]}`);

  return Number.isNaN(milliseconds) ? null : new Date(milliseconds);
}

function badRequest(
  reason: WebhookRejection['reason'],
  message: string,
): { ok: false; rejection: WebhookRejection } {
  return { ok: false, rejection: { reason, status: 400, message } };
}
