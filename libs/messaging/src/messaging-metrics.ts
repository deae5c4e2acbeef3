import { metricsRegistry } from '@retail-sync/observability';
import { Counter, Gauge, Histogram } from 'prom-client';

/** Prometheus metrics of the messaging layer, shared by every consumer and relay in a process. */
export const messagingMetrics = {
  processed: new Counter({
    name: 'retail_sync_messages_processed_total',
    help: 'Messages whose handler committed, by consumer.',
    labelNames: ['consumer'],
    registers: [metricsRegistry],
  }),
  duplicates: new Counter({
    name: 'retail_sync_messages_duplicate_total',
    help: 'Messages skipped because the inbox already held their id, by consumer.',
    labelNames: ['consumer'],
    registers: [metricsRegistry],
  }),
  failed: new Counter({
    name: 'retail_sync_messages_failed_total',
    help: 'Failed handler attempts, by consumer and failure class.',
    labelNames: ['consumer', 'failure_class'],
    registers: [metricsRegistry],
  }),
  redelivered: new Counter({
    name: 'retail_sync_messages_redelivered_total',
    help: 'Messages received with a delivery count above one, by consumer.',
    labelNames: ['consumer'],
    registers: [metricsRegistry],
  }),
  exceptionsRecorded: new Counter({
    name: 'retail_sync_exceptions_recorded_total',
    help: 'Exception records written, by consumer and error class.',
    labelNames: ['consumer', 'error_class'],
    registers: [metricsRegistry],
  }),
  exceptionsOpen: new Gauge({
    name: 'retail_sync_exceptions_open',
    help: 'Exception records waiting for a person, as of the last scrape.',
    registers: [metricsRegistry],
  }),
  outboxBacklog: new Gauge({
    name: 'retail_sync_outbox_backlog',
    help: 'Outbox rows not yet published, as of the last scrape.',
    registers: [metricsRegistry],
  }),
  consumerLag: new Gauge({
    name: 'retail_sync_consumer_lag',
    help: 'Messages in the stream not yet delivered to the consumer (num_pending).',
    labelNames: ['consumer'],
    registers: [metricsRegistry],
  }),
  handlerDuration: new Histogram({
    name: 'retail_sync_batch_duration_seconds',
    help: 'Time to handle and commit one batch of messages, by consumer.',
    labelNames: ['consumer'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [metricsRegistry],
  }),
};
