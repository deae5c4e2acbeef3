import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceCoreModule } from '@retail-sync/service-kit';
import type { Logger } from 'pino';
import { OrderCaptureConsumer } from './capture/order-capture.consumer.js';
import { OrderCaptureService } from './capture/order-capture.service.js';
import { SalesOrderRepository } from './capture/sales-order.repository.js';
import { OrdersConfig } from './orders-config.js';
import { OrderQueryRepository } from './queries/order-query.repository.js';
import { OrdersController } from './queries/orders.controller.js';
import { CreateOrderTables1764900000000 } from './schema/1764900000000-create-order-tables.js';
import { SkuMappingSeeder } from './sku-mapping/sku-mapping-seeder.js';
import { SkuMappingController } from './sku-mapping/sku-mapping.controller.js';
import { SkuMappingRepository } from './sku-mapping/sku-mapping.repository.js';
import { OrderTrailController } from './trail/order-trail.controller.js';
import { OrderTrailService } from './trail/order-trail.service.js';

export const ORDERS_SERVICE_NAME = 'orders';

/** The orders service: order capture, SKU mappings, order queries and the order trail. */
@Module({})
export class OrdersModule {
  static forRoot(config: OrdersConfig, logger: Logger): DynamicModule {
    return {
      module: OrdersModule,
      imports: [
        ServiceCoreModule.forRoot({
          serviceName: ORDERS_SERVICE_NAME,
          config,
          logger,
          entities: [],
          migrations: [CreateOrderTables1764900000000],
        }),
      ],
      controllers: [
        OrderCaptureConsumer,
        OrdersController,
        OrderTrailController,
        SkuMappingController,
      ],
      providers: [
        { provide: OrdersConfig, useValue: config },
        OrderCaptureService,
        SalesOrderRepository,
        OrderQueryRepository,
        OrderTrailService,
        SkuMappingRepository,
        SkuMappingSeeder,
      ],
    };
  }
}
