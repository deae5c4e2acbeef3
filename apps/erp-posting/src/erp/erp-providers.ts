import type { Provider, Type } from '@nestjs/common';
import { ROOT_LOGGER } from '@retail-sync/observability';
import type { Logger } from 'pino';
import { LedgerController } from '../api/ledger.controller.js';
import type { ErpPostingConfig } from '../erp-posting-config.js';
import { AccountingPeriods } from '../ledger/accounting-periods.js';
import { LedgerAdapter } from '../ledger/ledger-adapter.js';
import { LedgerDatabase } from '../ledger/ledger-database.js';
import { ERP_ADAPTER } from './erp-adapter.js';
import { ErpRequestLimiter } from './erp-request-limiter.js';
import { HttpErpAdapter } from './http/http-erp-adapter.js';

export interface ErpWiring {
  providers: Provider[];
  controllers: Type[];
}

/** Returns the providers, and any ledger-only controllers, of the ERP adapter that ERP_ADAPTER selects. */
export function erpWiring(config: ErpPostingConfig): ErpWiring {
  if (config.ERP_ADAPTER === 'http') {
    return { providers: httpErpProviders(config), controllers: [] };
  }

  return {
    providers: [
      {
        provide: LedgerDatabase,
        useFactory: (logger: Logger) =>
          new LedgerDatabase(config.LEDGER_DATABASE_URL, config.DATABASE_POOL_SIZE, logger),
        inject: [ROOT_LOGGER],
      },
      {
        provide: LedgerAdapter,
        useFactory: (database: LedgerDatabase) =>
          new LedgerAdapter(database.dataSource, config.CLOSED_PERIOD_POLICY),
        inject: [LedgerDatabase],
      },
      { provide: ERP_ADAPTER, useExisting: LedgerAdapter },
      {
        provide: AccountingPeriods,
        useFactory: (database: LedgerDatabase) => new AccountingPeriods(database.dataSource),
        inject: [LedgerDatabase],
      },
    ],
    controllers: [LedgerController],
  };
}

function httpErpProviders(config: ErpPostingConfig): Provider[] {
  if (config.ERP_BASE_URL === undefined) {
    throw new Error('ERP_BASE_URL is required when ERP_ADAPTER=http.');
  }

  const baseUrl = config.ERP_BASE_URL;

  return [
    {
      provide: ErpRequestLimiter,
      useFactory: () =>
        new ErpRequestLimiter({
          maxConcurrency: config.ERP_MAX_CONCURRENCY,
          maxRequestsPerSecond: config.ERP_MAX_REQUESTS_PER_SECOND,
        }),
    },
    {
      provide: ERP_ADAPTER,
      useFactory: (limiter: ErpRequestLimiter, logger: Logger) =>
        new HttpErpAdapter(
          {
            name: config.ERP_HTTP_ADAPTER_NAME,
            baseUrl,
            authToken: config.ERP_AUTH_TOKEN,
            timeoutMs: config.ERP_REQUEST_TIMEOUT_MS,
          },
          limiter,
          logger,
        ),
      inject: [ErpRequestLimiter, ROOT_LOGGER],
    },
  ];
}
