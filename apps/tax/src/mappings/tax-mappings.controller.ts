import {
  Body,
  ConflictException,
  Controller,
  Get,
  HttpCode,
  Inject,
  Post,
  ValidationPipe,
} from '@nestjs/common';
import { MessagingRuntime } from '@retail-sync/messaging';
import { ROOT_LOGGER } from '@retail-sync/observability';
import type { Logger } from 'pino';
import { CreateTaxMappingDto } from './create-tax-mapping.dto.js';
import {
  TaxCodeMappingRepository,
  type StoredTaxCodeMapping,
} from './tax-code-mapping.repository.js';

/** Lists and adds tax code mappings. The next consumer batch or replay uses an added mapping. */
@Controller('tax-mappings')
export class TaxMappingsController {
  private readonly logger: Logger;

  constructor(
    private readonly messaging: MessagingRuntime,
    private readonly mappings: TaxCodeMappingRepository,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'tax-mappings-api' });
  }

  @Get()
  async list(): Promise<{ items: StoredTaxCodeMapping[] }> {
    return { items: await this.mappings.list(this.messaging.dataSource.manager) };
  }

  @Post()
  @HttpCode(201)
  async create(
    @Body(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }))
    body: CreateTaxMappingDto,
  ): Promise<StoredTaxCodeMapping> {
    const manager = this.messaging.dataSource.manager;
    const created = await this.mappings.insert(manager, body, 'api');
    if (created === undefined) {
      const existing = await this.mappings.find(manager, body.channelTitle, body.rate);
      const detail =
        existing === undefined ? '' : ` (${existing.taxCode}, ${existing.liabilityAccount})`;
      throw new ConflictException(
        `A tax code mapping for "${body.channelTitle}" at rate ${body.rate} already exists` +
          `${detail}. Titles match ignoring case and rates by value.`,
      );
    }

    this.logger.info(
      { channelTitle: created.channelTitle, rate: created.rate, taxCode: created.taxCode },
      'Tax code mapping added',
    );

    return created;
  }
}
