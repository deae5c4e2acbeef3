import type { Logger } from 'pino';
import type { ExceptionStore } from './exception-store.js';
import type { ReplayRegistry } from './replay-registry.js';

export type ReplayResult =
  | { outcome: 'succeeded'; exceptionId: string }
  | { outcome: 'failed'; exceptionId: string; error: string }
  | { outcome: 'rejected'; exceptionId: string; reason: 'not-found' | 'not-open' | 'no-handler' };

/**
 * Replays one exception record on a person's request. The record is claimed first (open →
 * replaying), so two concurrent requests cannot both run it, and the consumer's inbox makes a
 * replay of an already-processed message a no-op. Every request is audited with its actor.
 */
export class ExceptionReplayer {
  constructor(
    private readonly store: ExceptionStore,
    private readonly registry: ReplayRegistry,
    private readonly logger: Logger,
  ) {}

  async replay(exceptionId: string, actor: string): Promise<ReplayResult> {
    const existing = await this.store.get(exceptionId);
    if (!existing) {
      return { outcome: 'rejected', exceptionId, reason: 'not-found' };
    }

    const handler = this.registry.get(existing.consumer);
    if (!handler) {
      await this.store.auditRejected(
        exceptionId,
        actor,
        `no replay handler for ${existing.consumer}`,
      );

      return { outcome: 'rejected', exceptionId, reason: 'no-handler' };
    }

    const record = await this.store.claimForReplay(exceptionId);
    if (!record) {
      await this.store.auditRejected(exceptionId, actor, `status was ${existing.status}`);

      return { outcome: 'rejected', exceptionId, reason: 'not-open' };
    }

    try {
      await handler(record);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.store.completeReplay(exceptionId, actor, 'failed', message);
      this.logger.warn({ exceptionId, actor, err: error }, 'Exception replay failed again');

      return { outcome: 'failed', exceptionId, error: message };
    }

    await this.store.completeReplay(exceptionId, actor, 'succeeded', null);
    this.logger.info({ exceptionId, actor, consumer: record.consumer }, 'Exception replayed');

    return { outcome: 'succeeded', exceptionId };
  }
}
