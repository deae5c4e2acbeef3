import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  Get,
  HttpCode,
  Inject,
  Post,
  Query,
  UsePipes,
} from '@nestjs/common';
import { ROOT_LOGGER } from '@retail-sync/observability';
import type { Logger } from 'pino';
import { strictValidationPipe } from '../http/strict-validation.pipe.js';
import {
  mappingSourceProblem,
  SkuMappingInput,
  SkuMappingQuery,
  type SkuMappingView,
} from './sku-mapping.dto.js';
import { SkuMappingRepository } from './sku-mapping.repository.js';

/** Adds and lists the mappings from channel variants and SKUs to canonical SKUs. */
@Controller('sku-mappings')
@UsePipes(strictValidationPipe())
export class SkuMappingController {
  private readonly logger: Logger;

  constructor(
    private readonly repository: SkuMappingRepository,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'sku-mapping-api' });
  }

  /** Adds a mapping. Returns 409 when its variant id or channel SKU is already mapped for the shop. */
  @Post()
  @HttpCode(201)
  async create(@Body() body: SkuMappingInput): Promise<SkuMappingView> {
    const problem = mappingSourceProblem(body);
    if (problem !== undefined) {
      throw new BadRequestException(problem);
    }

    const created = await this.repository.create(body);
    if (created === undefined) {
      const existing = await this.repository.findConflicting(body);
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message:
          `A mapping of this ${body.channel} shop already uses the variant id or channel SKU. ` +
          'This endpoint never replaces a mapping, so check the existing one below.',
        existing,
      });
    }

    this.logger.info(
      { mappingId: created.id, channel: created.channel, shopId: created.shopId, sku: created.sku },
      'SKU mapping added',
    );

    return created;
  }

  @Get()
  async list(@Query() query: SkuMappingQuery): Promise<{ items: SkuMappingView[] }> {
    return { items: await this.repository.list(query) };
  }
}
