import { Module } from '@nestjs/common';
import { createLogger } from '@retail-sync/observability';
import {
  ServiceCoreModule,
  exitOnSignals,
  loadConfig,
  startService,
} from '@retail-sync/service-kit';
import { JournalEntriesController } from './api/journal-entries.controller.js';
import { ErpPostingConfig } from './erp-posting-config.js';
import { erpWiring } from './erp/erp-providers.js';
import { LedgerDatabase } from './ledger/ledger-database.js';
import { loadChartOfAccounts } from './posting/chart-of-accounts.js';
import { CancellationPostingService } from './postings/cancellation-posting.service.js';
import { CHART_OF_ACCOUNTS } from './postings/chart-of-accounts.token.js';
import { PostingEventsController } from './postings/posting-events.controller.js';
import { AddPaymentPostings1765000000002 } from './postings/posting-payments.migration.js';
import { CreatePostingTables1765000000001 } from './postings/posting-tables.migration.js';
import { SalePostingService } from './postings/sale-posting.service.js';

export const SERVICE_NAME = 'erp-posting';

export async function bootstrap(): Promise<void> {
  const config = loadConfig(ErpPostingConfig);
  const logger = createLogger(SERVICE_NAME, config.LOG_LEVEL);
  // Loaded before anything starts, so an invalid chart stops the service instead of a message.
  const chart = await loadChartOfAccounts(config.CHART_OF_ACCOUNTS_FILE);
  const erp = erpWiring(config);

  @Module({
    imports: [
      ServiceCoreModule.forRoot({
        serviceName: SERVICE_NAME,
        config,
        logger,
        entities: [],
        migrations: [CreatePostingTables1765000000001, AddPaymentPostings1765000000002],
      }),
    ],
    controllers: [PostingEventsController, JournalEntriesController, ...erp.controllers],
    providers: [
      { provide: ErpPostingConfig, useValue: config },
      { provide: CHART_OF_ACCOUNTS, useValue: chart },
      SalePostingService,
      CancellationPostingService,
      ...erp.providers,
    ],
  })
  class ErpPostingModule {}

  const service = await startService({
    serviceName: SERVICE_NAME,
    config,
    logger,
    rootModule: ErpPostingModule,
    beforeStart: async (app) => {
      if (config.ERP_ADAPTER === 'builtin-ledger') {
        await app.get(LedgerDatabase).open();
      }
    },
  });
  logger.info(
    { erpAdapter: config.ERP_ADAPTER, closedPeriodPolicy: config.CLOSED_PERIOD_POLICY },
    'ERP adapter ready',
  );
  exitOnSignals(service, logger);
}
