import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  CreateMessagingTables1764806400000,
  CreateStreamCheckpoint1764806400001,
  MessagingModule,
} from '@retail-sync/messaging';
import { ObservabilityModule } from '@retail-sync/observability';
import { serviceDataSourceOptions } from '@retail-sync/persistence';
import type { Logger } from 'pino';
import type { EntitySchema, MixedList } from 'typeorm';
import { HealthModule } from './health.module.js';
import type { BaseServiceConfig } from './service-config.js';

export interface ServiceCoreOptions {
  serviceName: string;
  config: BaseServiceConfig;
  logger: Logger;
  entities: MixedList<(new () => unknown) | EntitySchema>;
  /** The service's own migrations; the messaging tables' migration is added in front. */
  migrations: (new () => unknown)[];
}

/**
 * Module with the parts every service shares: its own database, logging and metrics, messaging with the
 * exception admin API, and health endpoints.
 */
@Module({})
export class ServiceCoreModule {
  static forRoot(options: ServiceCoreOptions): DynamicModule {
    const { config } = options;

    return {
      module: ServiceCoreModule,
      imports: [
        ObservabilityModule.forRoot(options.logger),
        TypeOrmModule.forRoot(
          serviceDataSourceOptions({
            url: config.DATABASE_URL,
            applicationName: options.serviceName,
            entities: options.entities,
            migrations: [
              CreateMessagingTables1764806400000,
              CreateStreamCheckpoint1764806400001,
              ...options.migrations,
            ],
            poolSize: config.DATABASE_POOL_SIZE,
          }),
        ),
        MessagingModule.forRootAsync({
          useFactory: () => ({
            messaging: {
              serviceName: options.serviceName,
              natsUrl: config.NATS_URL,
              namespace: config.MESSAGING_NAMESPACE,
              adminToken: config.ADMIN_TOKEN,
              consumer: {
                maxBatch: config.CONSUMER_MAX_BATCH,
                maxDeliver: config.CONSUMER_MAX_DELIVER,
                backoffInitialMs: config.CONSUMER_BACKOFF_INITIAL_MS,
              },
              outbox: { recreateUnwritableAfterMs: config.OUTBOX_RECREATE_UNWRITABLE_STREAM_MS },
            },
            faults: { exitAfterPublish: config.FAULT_RELAY_EXIT_AFTER_PUBLISH === 'true' },
          }),
        }),
        HealthModule,
      ],
    };
  }
}
