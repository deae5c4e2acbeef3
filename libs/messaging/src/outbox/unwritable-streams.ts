import { JetStreamApiError } from '@nats-io/jetstream';
import type { StreamName } from '@retail-sync/contracts';

/** nats-server's JSStreamStoreFailedF: the stream exists but could not store the message. */
const STREAM_STORE_FAILED = 10077;

/**
 * Returns whether a publish failed because the stream's storage rejected the message, rather
 * than because the stream or the server was unavailable.
 */
export function isStoreFailure(error: unknown): boolean {
  return error instanceof JetStreamApiError && error.code === STREAM_STORE_FAILED;
}

/**
 * Tracks streams whose storage rejects publishes, and names the ones that have rejected them
 * without a successful round for longer than the limit. nats-server 2.9.10 can leave a stream
 * that was deleted and created again under load without its message block file, and the stream
 * then rejects every write with this error until it is deleted.
 */
export class UnwritableStreams {
  private readonly failingSince = new Map<StreamName, number>();

  constructor(private readonly limitMs: number) {}

  recordFailure(stream: StreamName, now = Date.now()): void {
    if (!this.failingSince.has(stream)) {
      this.failingSince.set(stream, now);
    }
  }

  /** Forgets the failures; called after a round that published every row it took. */
  clear(): void {
    this.failingSince.clear();
  }

  /**
   * Returns the streams that have failed for at least the limit, and forgets them, so each
   * gets one repair per limit. Returns nothing when the limit is 0 (repair turned off).
   */
  takeDue(now = Date.now()): StreamName[] {
    if (this.limitMs <= 0) {
      return [];
    }

    const due = [...this.failingSince]
      .filter(([, since]) => now - since >= this.limitMs)
      .map(([stream]) => stream);
    for (const stream of due) {
      this.failingSince.delete(stream);
    }

    return due;
  }
}
