import type { JetStreamManager } from '@nats-io/jetstream';
import { streamSubjects } from '@retail-sync/contracts';
import type { DataSource } from 'typeorm';
import { streamName } from '../naming.js';
import { isNotFound } from './streams.js';

/**
 * Remembers, in the service's database, when each stream was created, to notice a stream that
 * was deleted and created again by this process or another, even while this service was down.
 * Messages stored in the lost stream are gone, so the caller republishes its outbox; consumers'
 * inboxes drop what they had already processed.
 */
export class StreamWatch {
  private readonly createdAt = new Map<string, string>();
  private loaded = false;

  constructor(
    private readonly manager: JetStreamManager,
    private readonly namespace: string,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Compares the streams with the ones seen before. `replaced` is true when one is missing or
   * was created again. `save` records the current creation times. The caller runs it only after
   * it has acted on the loss, so a crash in between makes the next check find the loss again.
   */
  async checkStreams(): Promise<{ replaced: boolean; save: () => Promise<void> }> {
    await this.loadCheckpoints();
    let replaced = false;
    const seen = new Map<string, string>();
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

      if (created && created !== known) {
        seen.set(name, created);
      }
    }

    const save = async (): Promise<void> => {
      for (const [name, created] of seen) {
        await this.saveCheckpoint(name, created);
      }
    };

    return { replaced, save };
  }

  private async loadCheckpoints(): Promise<void> {
    if (this.loaded) {
      return;
    }

    const rows: { stream: string; created: string }[] = await this.dataSource.query(
      'SELECT stream, created FROM stream_checkpoint',
    );
    for (const row of rows) {
      this.createdAt.set(row.stream, row.created);
    }

    this.loaded = true;
  }

  private async saveCheckpoint(stream: string, created: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO stream_checkpoint (stream, created) VALUES ($1, $2)
       ON CONFLICT (stream) DO UPDATE SET created = EXCLUDED.created, seen_at = now()`,
      [stream, created],
    );
    this.createdAt.set(stream, created);
  }
}
