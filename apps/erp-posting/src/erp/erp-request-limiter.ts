import type { OnApplicationShutdown } from '@nestjs/common';
import { TransientError } from '@retail-sync/messaging';
import PQueue from 'p-queue';

/**
 * Maximum pause that a request waits out in the queue. A longer pause fails the request at once with
 * a TransientError, so its message goes back to JetStream instead of holding the consumer's
 * batch open close to JetStream's 30 s ack wait.
 */
export const MAX_QUEUED_WAIT_MS = 5_000;

export interface ErpRequestLimits {
  maxConcurrency: number;
  maxRequestsPerSecond: number;
}

/**
 * Limits the calls this process makes to the ERP: at most `maxConcurrency` in flight and
 * `maxRequestsPerSecond` started in any one-second window. After a 429 the queue pauses until the
 * ERP's Retry-After has passed. The limits apply per process, so N replicas allow N times as much.
 */
export class ErpRequestLimiter implements OnApplicationShutdown {
  private readonly queue: PQueue;
  private resumeAt = 0;
  private resumeTimer?: NodeJS.Timeout;

  constructor(limits: ErpRequestLimits) {
    this.queue = new PQueue({
      concurrency: limits.maxConcurrency,
      intervalCap: limits.maxRequestsPerSecond,
      interval: 1_000,
      strict: true,
    });
  }

  /** Milliseconds left of the current pause; 0 when the queue runs. */
  get pausedForMs(): number {
    return Math.max(0, this.resumeAt - Date.now());
  }

  async schedule<T>(request: () => Promise<T>): Promise<T> {
    const paused = this.pausedForMs;
    if (paused > MAX_QUEUED_WAIT_MS) {
      throw new TransientError(
        `ERP requests are paused for another ${paused} ms after a 429 response; retrying later.`,
        'erp.throttled',
        paused,
      );
    }

    return this.queue.add(request);
  }

  /** Holds back every request not yet started until `delayMs` from now; a shorter pause is ignored. */
  pauseFor(delayMs: number): void {
    const until = Date.now() + delayMs;
    if (until <= this.resumeAt) {
      return;
    }

    this.resumeAt = until;
    this.queue.pause();
    clearTimeout(this.resumeTimer);
    this.resumeTimer = setTimeout(() => {
      this.resumeAt = 0;
      this.queue.start();
    }, delayMs);
  }

  onApplicationShutdown(): void {
    clearTimeout(this.resumeTimer);
    this.resumeAt = 0;
    this.queue.start();
  }
}
