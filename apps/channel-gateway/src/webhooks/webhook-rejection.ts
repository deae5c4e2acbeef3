import { Counter } from 'prom-client';
import { metricsRegistry } from '@retail-sync/observability';

/** Why a webhook delivery was rejected; also the `reason` label of the rejection counter. */
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

/** A delivery the gateway rejects before storing anything, with the HTTP status to answer. */
export interface WebhookRejection {
  reason: WebhookRejectionReason;
  status: 400 | 401 | 413;
  message: string;
}

export const webhookRejectedCounter = new Counter({
  name: 'retail_sync_webhook_rejected_total',
  help: 'Webhook deliveries rejected before storage, by reason',
  labelNames: ['reason'] as const,
  registers: [metricsRegistry],
});

/** How the gateway settled a delivery it authenticated and parsed. */
export type WebhookOutcome =
  | 'accepted'
  | 'exception'
  | 'ignored'
  | 'duplicate'
  | 'conflicting-duplicate';

export const webhookReceivedCounter = new Counter({
  name: 'retail_sync_webhook_received_total',
  help: 'Authenticated webhook deliveries, by outcome',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});
