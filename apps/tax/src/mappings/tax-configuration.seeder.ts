import { fileURLToPath } from 'node:url';
import { Inject, Injectable } from '@nestjs/common';
import { MessagingRuntime } from '@retail-sync/messaging';
import { ROOT_LOGGER } from '@retail-sync/observability';
import type { Logger } from 'pino';
import { readTaxConfiguration } from '../assessment/tax-configuration.js';
import { TaxServiceConfig, taxConfigurationLocation } from '../tax-service.config.js';
import { RateTableRepository } from './rate-table.repository.js';
import { TaxCodeMappingRepository } from './tax-code-mapping.repository.js';

/**
 * Copies the tax configuration file into the database at start. Running it again with the same
 * file changes nothing, and an advisory lock keeps instances that start together from
 * interleaving their writes.
 */
@Injectable()
export class TaxConfigurationSeeder {
  private readonly logger: Logger;

  constructor(
    private readonly messaging: MessagingRuntime,
    private readonly config: TaxServiceConfig,
    private readonly mappings: TaxCodeMappingRepository,
    private readonly rateTables: RateTableRepository,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'tax-configuration-seeder' });
  }

  async seed(): Promise<void> {
    const location = taxConfigurationLocation(this.config);
    const configuration = await readTaxConfiguration(location);
    await this.messaging.dataSource.transaction(async (manager) => {
      await manager.query("SELECT pg_advisory_xact_lock(hashtext('tax.configuration-seed'))");
      await this.mappings.upsertFromConfiguration(manager, configuration.mappings);
      await this.rateTables.replaceAll(manager, configuration.rateTables);
    });
    this.logger.info(
      {
        file: fileURLToPath(location),
        mappings: configuration.mappings.length,
        rateTables: configuration.rateTables.length,
      },
      'Tax configuration seeded',
    );
  }
}
