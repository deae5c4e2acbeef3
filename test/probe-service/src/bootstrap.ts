import { Module } from '@nestjs/common';
import { createLogger } from '@retail-sync/observability';
import {
  ServiceCoreModule,
  exitOnSignals,
  loadConfig,
  startService,
} from '@retail-sync/service-kit';
import { ProbeConfig } from './probe-config.js';
import { ProbeConsumerController } from './probe-consumer.controller.js';
import { ProbeProducerController } from './probe-producer.controller.js';
import { CreateProbeTables1764806500000 } from './probe-tables.migration.js';

export async function bootstrap(): Promise<void> {
  const config = loadConfig(ProbeConfig);
  const serviceName = `probe-${config.PROBE_ROLE}`;
  const logger = createLogger(serviceName, config.LOG_LEVEL);

  @Module({
    imports: [
      ServiceCoreModule.forRoot({
        serviceName,
        config,
        logger,
        entities: [],
        migrations: [CreateProbeTables1764806500000],
      }),
    ],
    controllers: [
      config.PROBE_ROLE === 'producer' ? ProbeProducerController : ProbeConsumerController,
    ],
    providers: [{ provide: ProbeConfig, useValue: config }],
  })
  class ProbeModule {}

  const service = await startService({ serviceName, config, logger, rootModule: ProbeModule });
  exitOnSignals(service, logger);
}
