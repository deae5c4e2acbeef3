import { Counter } from 'prom-client';
import { metricsRegistry } from '@retail-sync/observability';
import type { Logger } from 'pino';

/** Reason for rejecting a webhook delivery, also the `reason` label of the rejection counter. */
export type WebhookRejectionReason =
  | 'payload-too-large'
  | 'unknown-shop'
  | 'missing-signature'
  | 'invalid-signature'
  | 'missing-webhook-id'
  | 'missing-topic'
  | 'invalid-header'
  | 'stale'
  | 'malformed-json';

/**
 * A delivery the gateway rejects before storing anything, with the HTTP status to respond with.
 * The raw body middleware responds to `payload-too-large` with 413 itself.
 */
export interface WebhookRejection {
  reason: Exclude<WebhookRejectionReason, 'payload-too-large'>;
  status: 400 | 401;
  message: string;
}

const webhookRejectedCounter = new Counter({
  name: 'retail_sync_webhook_rejected_total',
  help: 'Webhook deliveries rejected before storage, by reason',
  labelNames: ['reason'] as const,
  registers: [metricsRegistry],
});

/**
 * Counts a rejection and logs it with the shop and the reason only, because the headers and the
 * body of an unauthenticated request are untrusted and may carry personal data.
 */
export function recordRejection(
  logger: Logger,
  reason: WebhookRejectionReason,
  shopDomain: string | undefined,
): void {
  webhookRejectedCounter.inc({ reason });
  logger.warn({ shop: shopDomain ?? null, reason }, 'Webhook rejected');
}
