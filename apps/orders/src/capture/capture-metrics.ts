import { metricsRegistry } from '@retail-sync/observability';
import { Counter } from 'prom-client';

/**
 * Order versions by capture outcome: captured, updated, cancelled, stale or duplicate.
 * NOTE: counted when the handler decides, so a batch that rolls back and is retried counts its
 * versions again.
 */
export const orderVersionsCounter = new Counter({
  name: 'retail_sync_order_versions_total',
  help: 'Incoming order versions by capture outcome (captured, updated, cancelled, stale, duplicate).',
  labelNames: ['outcome'],
  registers: [metricsRegistry],
});
