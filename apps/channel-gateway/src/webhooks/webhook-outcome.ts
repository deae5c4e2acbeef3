import { Counter } from 'prom-client';
import { metricsRegistry } from '@retail-sync/observability';

/** Outcome of a delivery the gateway authenticated and stored or settled as a duplicate. */
export type WebhookOutcome =
  'accepted' | 'exception' | 'ignored' | 'duplicate' | 'conflicting-duplicate';

const webhookReceivedCounter = new Counter({
  name: 'retail_sync_webhook_received_total',
  help: 'Authenticated webhook deliveries, by outcome',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

export function countWebhookOutcome(outcome: WebhookOutcome): void {
  webhookReceivedCounter.inc({ outcome });
}
