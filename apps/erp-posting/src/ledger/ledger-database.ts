import type { OnApplicationShutdown } from '@nestjs/common';
import { createServiceDataSource, ensureDatabase, runMigrations } from '@retail-sync/persistence';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { CreateLedgerSchema1765000000000 } from './ledger-schema.migration.js';
import { RewriteLedgerBalanceCheck1765000000002 } from './ledger-balance-check.migration.js';
import { IndexLedgerTriggerLookups1765000000001 } from './ledger-trigger-plans.migration.js';

/**
 * The built-in ledger's own PostgreSQL database, apart from the service database, as a real ERP
 * would be. `open` creates and migrates it; the service calls it before consumers start.
 */
export class LedgerDatabase implements OnApplicationShutdown {
  readonly dataSource: DataSource;

  constructor(
    private readonly url: string,
    poolSize: number,
    private readonly logger: Logger,
  ) {
    this.dataSource = createServiceDataSource({
      url,
      applicationName: 'erp-posting-ledger',
      entities: [],
      migrations: [
        CreateLedgerSchema1765000000000,
        IndexLedgerTriggerLookups1765000000001,
        RewriteLedgerBalanceCheck1765000000002,
      ],
      poolSize,
    });
  }

  async open(): Promise<void> {
    await ensureDatabase(this.url);
    await this.dataSource.initialize();
    const applied = await runMigrations(this.dataSource);
    if (applied.length > 0) {
      this.logger.info({ migrations: applied }, 'Ledger database migrated');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) {
      await this.dataSource.destroy();
      this.logger.info('Ledger database connections closed');
    }
  }
}
