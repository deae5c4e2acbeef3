import { readFile } from 'node:fs/promises';
import { Inject, Injectable } from '@nestjs/common';
import { NestedArray, validatePayload } from '@retail-sync/contracts';
import { ROOT_LOGGER } from '@retail-sync/observability';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { OrdersConfig } from '../orders-config.js';
import { mappingSourceProblem, SkuMappingInput } from './sku-mapping.dto.js';
import { SkuMappingRepository, type UpsertResult } from './sku-mapping.repository.js';

/** The SKU mapping file: `{ "mappings": [{ channel, shopId, variantId?, channelSku?, sku }] }`. */
export class SkuMappingFile {
  @NestedArray(() => SkuMappingInput)
  mappings: SkuMappingInput[];
}

/**
 * Upserts the mappings of the configured file at start-up. Running it again changes nothing. A
 * mapping added through the API keeps its SKU unless the file maps the same variant id, or the
 * same channel SKU in an entry without variant id.
 */
@Injectable()
export class SkuMappingSeeder {
  private readonly logger: Logger;

  constructor(
    private readonly config: OrdersConfig,
    private readonly dataSource: DataSource,
    private readonly repository: SkuMappingRepository,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'sku-mapping-seeder' });
  }

  /** Upserts the file's mappings and returns how many rows were inserted, updated or unchanged. */
  async seed(): Promise<Record<UpsertResult, number>> {
    const file = this.config.SKU_MAPPINGS_FILE;
    const mappings = await readMappingFile(file);
    const counts: Record<UpsertResult, number> = { inserted: 0, updated: 0, unchanged: 0 };
    await this.dataSource.transaction(async (manager) => {
      for (const [index, mapping] of mappings.entries()) {
        const result = await this.repository.upsert(manager, mapping).catch((error: unknown) => {
          if (!isUniqueViolation(error)) {
            throw error;
          }

          throw new Error(
            `${file}: mappings[${index}] maps channel SKU ${mapping.channelSku} of variant ` +
              `${mapping.variantId}, but a stored mapping gives that channel SKU to another ` +
              'variant. Correct the file or the stored mapping.',
            { cause: error },
          );
        });
        counts[result] += 1;
      }
    });
    this.logger.info({ file, ...counts }, 'SKU mappings seeded');

    return counts;
  }
}

/** Reads and validates a mapping file. Throws an Error naming the file and each problem. */
export async function readMappingFile(file: string): Promise<SkuMappingInput[]> {
  let plain: unknown;
  try {
    plain = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(
      `Cannot read the SKU mapping file ${file}: ${(error as Error).message}. ` +
        'Set SKU_MAPPINGS_FILE to a JSON file of the form {"mappings": [...]}.',
      { cause: error },
    );
  }

  const parsed = validatePayload(SkuMappingFile, plain, file);
  const problems = parsed.mappings.flatMap((mapping, index) => {
    const problem = mappingSourceProblem(mapping);

    return problem === undefined ? [] : [`mappings[${index}]: ${problem}`];
  });
  if (problems.length > 0) {
    throw new Error(`Invalid SKU mapping file ${file}: ${problems.join('; ')}`);
  }

  return parsed.mappings;
}

function isUniqueViolation(error: unknown): boolean {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } } | null;

  return candidate?.driverError?.code === '23505' || candidate?.code === '23505';
}
