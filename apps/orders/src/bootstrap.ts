import { Module } from '@nestjs/common';
import { createLogger } from '@retail-sync/observability';
import { exitOnSignals, loadConfig, startService } from '@retail-sync/service-kit';
import { OrdersConfig } from './orders-config.js';
import { ORDERS_SERVICE_NAME, OrdersModule } from './orders.module.js';
import { SkuMappingSeeder } from './sku-mapping/sku-mapping-seeder.js';

export async function bootstrap(): Promise<void> {
  const config = loadConfig(OrdersConfig);
  const logger = createLogger(ORDERS_SERVICE_NAME, config.LOG_LEVEL);

  @Module({ imports: [OrdersModule.forRoot(config, logger)] })
  class OrdersRootModule {}

  const service = await startService({
    serviceName: ORDERS_SERVICE_NAME,
    config,
    logger,
    rootModule: OrdersRootModule,
    // The mappings are in place before the consumer takes its first order.
    beforeStart: async (app) => {
      await app.get(SkuMappingSeeder).seed();
    },
  });
  exitOnSignals(service, logger);
}
