import { Module } from '@nestjs/common';
import { createLogger } from '@retail-sync/observability';
import {
  ServiceCoreModule,
  exitOnSignals,
  loadConfig,
  startService,
} from '@retail-sync/service-kit';
import { AssessmentsController } from './order-tax/assessments.controller.js';
import { OrderEventsController } from './order-tax/order-events.controller.js';
import { OrderTaxAssessmentRepository } from './order-tax/order-tax-assessment.repository.js';
import { OrderVersionAssessor } from './order-tax/order-version-assessor.service.js';
import { RateTableRepository } from './mappings/rate-table.repository.js';
import { TaxCodeMappingRepository } from './mappings/tax-code-mapping.repository.js';
import { TaxConfigurationSeeder } from './mappings/tax-configuration.seeder.js';
import { TaxMappingSnapshots } from './mappings/tax-mapping-snapshots.js';
import { TaxMappingsController } from './mappings/tax-mappings.controller.js';
import { TaxRequestsController } from './requests/tax-requests.controller.js';
import { CreateTaxTables1765000000000 } from './schema/create-tax-tables.migration.js';
import { TaxServiceConfig } from './tax-service.config.js';

const SERVICE_NAME = 'tax';

export async function bootstrap(): Promise<void> {
  const config = loadConfig(TaxServiceConfig);
  const logger = createLogger(SERVICE_NAME, config.LOG_LEVEL);

  @Module({
    imports: [
      ServiceCoreModule.forRoot({
        serviceName: SERVICE_NAME,
        config,
        logger,
        entities: [],
        migrations: [CreateTaxTables1765000000000],
      }),
    ],
    controllers: [
      OrderEventsController,
      TaxRequestsController,
      TaxMappingsController,
      AssessmentsController,
    ],
    providers: [
      { provide: TaxServiceConfig, useValue: config },
      TaxCodeMappingRepository,
      RateTableRepository,
      OrderTaxAssessmentRepository,
      TaxMappingSnapshots,
      TaxConfigurationSeeder,
      OrderVersionAssessor,
    ],
  })
  class TaxModule {}

  const service = await startService({
    serviceName: SERVICE_NAME,
    config,
    logger,
    rootModule: TaxModule,
    beforeStart: (app) => app.get(TaxConfigurationSeeder).seed(),
  });
  exitOnSignals(service, logger);
}
