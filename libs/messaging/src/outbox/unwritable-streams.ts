import { JetStreamApiError } from '@nats-io/jetstream';
import type { StreamName } from '@retail-sync/contracts';

/** nats-server's JSStreamStoreFailedF: the stream exists but could not store the message. */
const STREAM_STORE_FAILED = 10077;
/** Failed publishes a stream needs within the limit before it counts as unwritable. */
const MIN_FAILURES = 3;
/** Maximum wait between two repairs of one stream that keeps failing. */
const MAX_REPAIR_INTERVAL_MS = 10 * 60_000;

/**
 * Returns whether a publish failed because the stream's message block file is missing. nats-server
 * 2.9.10 reports that as error 10077 (`Error creating msg block file` or `error opening msg block
 * file`) when a stream was deleted and created again under load. Other causes of 10077, such as a
 * store closing during a shutdown, do not match.
 */
export function isMissingBlockFailure(error: unknown): boolean {
  return (
    error instanceof JetStreamApiError &&
    error.code === STREAM_STORE_FAILED &&
    /msg block file/i.test(error.message)
  );
}

interface FailureState {
  since: number;
  last: number;
  count: number;
}

/**
 * Tracks streams whose publishes fail with a missing message block, and names the ones that
 * failed at least three times over at least the limit with no successful publish in between.
 * Such a stream rejects every write until it is deleted. Each stream's next repair waits twice
 * as long as the one before, up to ten minutes, so a stream that stays broken is not deleted in
 * a loop.
 */
export class UnwritableStreams {
  private readonly failures = new Map<StreamName, FailureState>();
  private readonly repairs = new Map<StreamName, { count: number; at: number }>();

  constructor(private readonly limitMs: number) {}

  recordFailure(stream: StreamName, now = Date.now()): void {
    const state = this.failures.get(stream);
    if (state) {
      state.last = now;
      state.count += 1;
    } else {
      this.failures.set(stream, { since: now, last: now, count: 1 });
    }
  }

  /** Clears a stream's failures after a publish to it was stored. */
  recordSuccess(stream: StreamName): void {
    this.failures.delete(stream);
  }

  /**
   * Returns the streams that are due for a repair and clears their failures. Returns nothing
   * when the limit is 0 (repair turned off).
   */
  takeDue(now = Date.now()): StreamName[] {
    if (this.limitMs <= 0) {
      return [];
    }

    const due: StreamName[] = [];
    for (const [stream, state] of this.failures) {
      const repair = this.repairs.get(stream);
      const wait = repair
        ? Math.min(MAX_REPAIR_INTERVAL_MS, this.limitMs * 2 ** repair.count)
        : this.limitMs;
      const failedLongEnough =
        state.count >= MIN_FAILURES && state.last - state.since >= this.limitMs;
      if (failedLongEnough && (!repair || now - repair.at >= wait)) {
        due.push(stream);
      }
    }

    for (const stream of due) {
      this.failures.delete(stream);
      this.repairs.set(stream, { count: (this.repairs.get(stream)?.count ?? 0) + 1, at: now });
    }

    return due;
  }
}
