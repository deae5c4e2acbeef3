import type { JetStreamManager } from '@nats-io/jetstream';
import { streamSubjects } from '@retail-sync/contracts';
import { streamName } from '../naming.js';
import { isNotFound } from './streams.js';

/**
 * Remembers when each stream was created, to notice a stream that was deleted and created
 * again (by this process or another). Messages stored in the lost stream are gone, so the
 * caller republishes its outbox; consumers' inboxes drop what they had already processed.
 */
export class StreamWatch {
  private readonly createdAt = new Map<string, string>();

  constructor(
    private readonly manager: JetStreamManager,
    private readonly namespace: string,
  ) {}

  /** Returns true when a stream is missing or differs from the one seen before. */
  async streamsReplaced(): Promise<boolean> {
    let replaced = false;
    for (const stream of streamSubjects().keys()) {
      const name = streamName(this.namespace, stream);
      const info = await this.manager.streams.info(name).catch((error: unknown) => {
        if (isNotFound(error)) {
          return null;
        }

        throw error;
      });
      const created = info?.created;
      const known = this.createdAt.get(name);
      if (!created || (known && known !== created)) {
        replaced = true;
      }

      if (created) {
        this.createdAt.set(name, created);
      }
    }

    return replaced;
  }
}
