import type { DataSource } from 'typeorm';
import { UnitOfWork } from './unit-of-work.js';

/** Wakes the outbox relay after a commit so events leave in milliseconds, not at the next poll. */
export interface OutboxNotifier {
  notify(): void;
}

/** Runs work in one database transaction and writes its outbox events before commit. */
export class TransactionRunner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly source: string,
    private readonly notifier: OutboxNotifier,
  ) {}

  async run<T>(work: (unitOfWork: UnitOfWork) => Promise<T>): Promise<T> {
    let published = 0;
    const result = await this.dataSource.transaction(async (manager) => {
      const unitOfWork = new UnitOfWork(manager, this.source);
      const value = await work(unitOfWork);
      await unitOfWork.flushCollected();
      published = await unitOfWork.flushOutbox();

      return value;
    });
    if (published > 0) {
      this.notifier.notify();
    }

    return result;
  }
}
