import { Global, Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { ROOT_LOGGER } from '@retail-sync/observability';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AdminTokenGuard } from './exceptions/admin-token.guard.js';
import { ExceptionsAdminController } from './exceptions/exceptions-admin.controller.js';
import type { MessagingOptions } from './messaging-options.js';
import { MessagingRuntime } from './messaging-runtime.js';

export interface MessagingModuleOptions {
  messaging: MessagingOptions;
  /** Test fault: the relay exits after publishing and before marking rows published. */
  faults?: { exitAfterPublish?: boolean };
}

export interface MessagingModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: (string | symbol | (abstract new (...args: never[]) => unknown))[];
  useFactory: (...args: never[]) => MessagingModuleOptions | Promise<MessagingModuleOptions>;
}

const MESSAGING_MODULE_OPTIONS = Symbol('MESSAGING_MODULE_OPTIONS');

/**
 * Gives a service its messaging runtime (NATS, outbox relay, exception queue) and the admin API
 * for exception records. Needs a TypeORM DataSource and the observability module's logger.
 */
@Global()
@Module({})
export class MessagingModule {
  static forRootAsync(options: MessagingModuleAsyncOptions): DynamicModule {
    return {
      module: MessagingModule,
      imports: options.imports ?? [],
      controllers: [ExceptionsAdminController],
      providers: [
        {
          provide: MESSAGING_MODULE_OPTIONS,
          useFactory: options.useFactory,
          inject: options.inject ?? [],
        },
        {
          provide: MessagingRuntime,
          useFactory: (settings: MessagingModuleOptions, dataSource: DataSource, logger: Logger) =>
            new MessagingRuntime(settings.messaging, dataSource, logger, settings.faults),
          inject: [MESSAGING_MODULE_OPTIONS, DataSource, ROOT_LOGGER],
        },
        AdminTokenGuard,
      ],
      exports: [MessagingRuntime],
    };
  }
}
