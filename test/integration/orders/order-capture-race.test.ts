import { CreateMessagingTables1764806400000, UnitOfWork } from '@retail-sync/messaging';
import {
  createServiceDataSource,
  dropDatabase,
  ensureDatabase,
  runMigrations,
} from '@retail-sync/persistence';
import { loadConfig } from '@retail-sync/service-kit';
import type { ChannelOrderReceivedEvent } from '@retail-sync/contracts';
import { pino } from 'pino';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureDecision } from '../../../apps/orders/src/capture/capture-decision.js';
import { OrderCaptureService } from '../../../apps/orders/src/capture/order-capture.service.js';
import { SalesOrderRepository } from '../../../apps/orders/src/capture/sales-order.repository.js';
import { OrdersConfig } from '../../../apps/orders/src/orders-config.js';
import { CreateOrderTables1764900000000 } from '../../../apps/orders/src/schema/1764900000000-create-order-tables.js';
import { SkuMappingSeeder } from '../../../apps/orders/src/sku-mapping/sku-mapping-seeder.js';
import { SkuMappingRepository } from '../../../apps/orders/src/sku-mapping/sku-mapping.repository.js';
import { testDatabaseUrl, uniqueRunName } from '../../support/test-names.js';
import { demoOrder, newExternalId } from './order-builder.js';

/**
 * Runs the capture service in two open transactions against a real database, so the second
 * capture of a new order provably waits for the first and then finds the stored order.
 */
describe('concurrent first capture', () => {
  const databaseUrl = testDatabaseUrl(`${uniqueRunName('o')}_orders_race`);
  const logger = pino({ level: 'silent' });
  let dataSource: DataSource;
  let capture: OrderCaptureService;
  let seeder: SkuMappingSeeder;

  beforeAll(async () => {
    await ensureDatabase(databaseUrl);
    dataSource = createServiceDataSource({
      url: databaseUrl,
      applicationName: 'orders-race-test',
      entities: [],
      migrations: [CreateMessagingTables1764806400000, CreateOrderTables1764900000000],
    });
    await dataSource.initialize();
    await runMigrations(dataSource);
    const config = loadConfig(OrdersConfig, { DATABASE_URL: databaseUrl });
    const skuMappings = new SkuMappingRepository(dataSource);
    seeder = new SkuMappingSeeder(config, dataSource, skuMappings, logger);
    await seeder.seed();
    capture = new OrderCaptureService(config, new SalesOrderRepository(), skuMappings, logger);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await dropDatabase(databaseUrl);
  });

  function received(externalId: string, deliveryId: string): ChannelOrderReceivedEvent {
    return {
      deliveryId,
      topic: 'created',
      receivedAt: new Date().toISOString(),
      order: demoOrder(externalId),
    };
  }

  it('second transaction waits and finds the order', async () => {
    const externalId = newExternalId();
    let releaseFirst!: () => void;
    const firstMayCommit = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstCaptured!: () => void;
    const firstHasInserted = new Promise<void>((resolve) => (firstCaptured = resolve));

    const first = dataSource.transaction(async (manager) => {
      const unitOfWork = new UnitOfWork(manager, 'orders');
      const decision = await capture.capture(received(externalId, 'delivery-a'), unitOfWork);
      await unitOfWork.flushOutbox();
      firstCaptured();
      await firstMayCommit;

      return decision;
    });
    await firstHasInserted;
    let secondSettled = false;
    const second = dataSource
      .transaction(async (manager) => {
        const unitOfWork = new UnitOfWork(manager, 'orders');
        const decision = await capture.capture(received(externalId, 'delivery-b'), unitOfWork);
        await unitOfWork.flushOutbox();

        return decision;
      })
      .finally(() => {
        secondSettled = true;
      });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const secondWaited = !secondSettled;
    releaseFirst();
    const decisions: CaptureDecision[] = await Promise.all([first, second]);

    expect(secondWaited).toBe(true);
    expect(decisions.map((decision) => decision.outcome)).toEqual(['captured', 'duplicate']);
    const orders: { id: string; last_delivery_id: string }[] = await dataSource.query(
      'SELECT id, last_delivery_id FROM sales_order WHERE external_id = $1',
      [externalId],
    );
    expect(orders).toHaveLength(1);
    expect(orders[0].last_delivery_id).toBe('delivery-a');
    const events: { subject: string }[] = await dataSource.query(
      `SELECT subject FROM outbox_message WHERE envelope->>'subject' = $1`,
      [orders[0].id],
    );
    expect(events.map((event) => event.subject)).toEqual(['orders.order.captured.v1']);
  });

  it('seeding again changes nothing', async () => {
    const counts = await seeder.seed();

    expect(counts.inserted).toBe(0);
    expect(counts.updated).toBe(0);
    expect(counts.unchanged).toBeGreaterThan(0);
  });
});
