/** Settings every service passes to the messaging module. */
export interface MessagingOptions {
  /** The service's name: the source of its events, the prefix of its durable consumers. */
  serviceName: string;
  natsUrl: string;
  /**
   * Prefix of every subject and stream name. Separate namespaces on one NATS server never see
   * each other's messages, which is how tests and CI runs stay isolated.
   */
  namespace: string;
  /** Bearer token the admin API requires; unset leaves it open (local runs and tests). */
  adminToken?: string;
  consumer?: Partial<ConsumerPolicy>;
  outbox?: Partial<OutboxPolicy>;
}

export interface ConsumerPolicy {
  /** Time JetStream waits for an ack before redelivering, in milliseconds. */
  ackWaitMs: number;
  /** Deliveries after which a still-failing message becomes an exception record. */
  maxDeliver: number;
  /** Most messages handled in one database transaction. */
  maxBatch: number;
  /** Messages JetStream may push to one consumer before it acknowledges any. */
  maxAckPending: number;
  /** First redelivery delay after a transient failure, doubled on each delivery. */
  backoffInitialMs: number;
  backoffMaxMs: number;
}

export interface OutboxPolicy {
  /** Most rows published per relay round. */
  batchSize: number;
  /** How often the relay looks for rows written by other processes, in milliseconds. */
  pollIntervalMs: number;
  /** How long published rows are kept, so a lost stream can be rebuilt from them. */
  retentionMs: number;
  /**
   * Milliseconds over which a stream must fail publishes with a missing message block (at least
   * three, none succeeding) before the relay deletes and recreates it; 0 turns this off.
   */
  recreateUnwritableAfterMs: number;
}

export const DEFAULT_CONSUMER_POLICY: ConsumerPolicy = {
  ackWaitMs: 30_000,
  maxDeliver: 8,
  maxBatch: 200,
  maxAckPending: 2_000,
  backoffInitialMs: 500,
  backoffMaxMs: 60_000,
};

export const DEFAULT_OUTBOX_POLICY: OutboxPolicy = {
  batchSize: 500,
  pollIntervalMs: 500,
  retentionMs: 7 * 24 * 3_600_000,
  recreateUnwritableAfterMs: 15_000,
};

/** Delay before the next delivery of a message that failed transiently on delivery `n` (1-based). */
export function redeliveryDelay(policy: ConsumerPolicy, deliveryCount: number): number {
  const exponent = Math.max(0, Math.min(deliveryCount - 1, 20));

  return Math.min(policy.backoffMaxMs, policy.backoffInitialMs * 2 ** exponent);
}
