import type { ExceptionRecord } from './exception-record.js';

/** Re-runs an exception record's message through its consumer; throws when it fails again. */
export type ReplayHandler = (record: ExceptionRecord) => Promise<void>;

/** Maps each consumer name to the code that can replay its exception records. */
export class ReplayRegistry {
  private readonly handlers = new Map<string, ReplayHandler>();

  register(consumer: string, handler: ReplayHandler): void {
    this.handlers.set(consumer, handler);
  }

  get(consumer: string): ReplayHandler | undefined {
    return this.handlers.get(consumer);
  }
}
