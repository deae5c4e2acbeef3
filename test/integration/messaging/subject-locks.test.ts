import { createServiceDataSource, ensureDatabase } from '@retail-sync/persistence';
import { lockSubjects } from '@retail-sync/messaging';
import type { DataSource, EntityManager } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropDatabases } from '../../support/database.js';
import { testDatabaseUrl, uniqueRunName } from '../../support/test-names.js';

/** Takes a handler's own lock on one order, in message order as the services do. */
async function lockOrder(manager: EntityManager, orderId: string): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
    `handler:${orderId}`,
  ]);
}

async function pause(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Handles one batch the way the pipeline does: optional subject locks first, then each message
 * takes its order's lock, with a pause so the other batch can take its first lock meanwhile.
 */
async function handleBatch(
  dataSource: DataSource,
  orderIds: string[],
  withSubjectLocks: boolean,
): Promise<string> {
  try {
    await dataSource.transaction(async (manager) => {
      if (withSubjectLocks) {
        await lockSubjects(manager, 'tax', orderIds);
      }

      for (const orderId of orderIds) {
        await lockOrder(manager, orderId);
        await pause(200);
      }
    });

    return 'committed';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe('subject locks', () => {
  const database = uniqueRunName('locks');
  let dataSource: DataSource;

  beforeAll(async () => {
    await ensureDatabase(testDatabaseUrl(database));
    dataSource = createServiceDataSource({
      url: testDatabaseUrl(database),
      applicationName: 'subject-locks-test',
      entities: [],
      migrations: [],
    });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await dropDatabases([database]);
  });

  it('batches deadlock without them', async () => {
    const outcomes = await Promise.all([
      handleBatch(dataSource, ['order-1', 'order-2'], false),
      handleBatch(dataSource, ['order-2', 'order-1'], false),
    ]);

    // SQLSTATE 40P01 is deadlock_detected: PostgreSQL aborts one of the two.
    expect(outcomes).toContain('40P01');
  });

  it('serialize batches sharing orders', async () => {
    const outcomes = await Promise.all([
      handleBatch(dataSource, ['order-3', 'order-4'], true),
      handleBatch(dataSource, ['order-4', 'order-3'], true),
    ]);

    expect(outcomes).toEqual(['committed', 'committed']);
  });

  it('lock each subject once', async () => {
    const locksHeld = await dataSource.transaction(async (manager) => {
      await lockSubjects(manager, 'tax', [undefined, 'order-5', 'order-5', 'order-6']);
      const rows: { count: string }[] = await manager.query(
        `SELECT count(*) AS count FROM pg_locks
          WHERE locktype = 'advisory' AND pid = pg_backend_pid()`,
      );

      return Number(rows[0].count);
    });

    expect(locksHeld).toBe(2);
  });
});
