import {
  DiscardPolicy,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { streamSubjects } from '@retail-sync/contracts';
import { streamName, wireSubject } from '../naming.js';

const DAY_NANOS = 24 * 3_600 * 1_000_000_000;

/** Settings of every event stream; the duplicate window is what makes republishing harmless. */
export const STREAM_DEFAULTS = {
  storage: StorageType.File,
  retention: RetentionPolicy.Limits,
  discard: DiscardPolicy.Old,
  max_age: 7 * DAY_NANOS,
  duplicate_window: 2 * 60 * 1_000_000_000,
  num_replicas: 1,
};

/**
 * Creates each domain's stream, or updates its subjects when the catalog gained an event.
 * Safe to run from every service at every start, concurrently: a lost creation race is
 * followed by an update to the same configuration. Returns the names of streams created.
 */
export async function ensureStreams(jsm: JetStreamManager, namespace: string): Promise<string[]> {
  const created: string[] = [];
  for (const [stream, subjects] of streamSubjects()) {
    const name = streamName(namespace, stream);
    const expectedSubjects = subjects.map((subject) => wireSubject(namespace, subject)).sort();
    const existing = await jsm.streams.info(name).catch((error: unknown) => {
      if (isNotFound(error)) {
        return null;
      }

      throw error;
    });
    if (!existing) {
      const added = await jsm.streams
        .add({ name, subjects: expectedSubjects, ...STREAM_DEFAULTS })
        .then(() => true)
        .catch((error: unknown) => {
          if (String(error).includes('already in use')) {
            return false;
          }

          throw error;
        });
      if (added) {
        created.push(name);
      }

      continue;
    }

    const current = [...(existing.config.subjects ?? [])].sort();
    if (current.join(',') !== expectedSubjects.join(',')) {
      await jsm.streams.update(name, { subjects: expectedSubjects });
    }
  }

  return created;
}

export function isNotFound(error: unknown): boolean {
  if (error instanceof JetStreamApiError) {
    return error.code === 404 || /not found/i.test(error.message);
  }

  return /not found/i.test(String(error));
}
