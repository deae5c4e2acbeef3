import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { SkuMappingInput, SkuMappingView } from './sku-mapping.dto.js';
import type { SkuMappingEntry } from './sku-mapper.js';

const VIEW_COLUMNS = `id::text AS id, channel, shop_id AS "shopId", variant_id AS "variantId",
  channel_sku AS "channelSku", sku, created_at AS "createdAt"`;

export type UpsertResult = 'inserted' | 'updated' | 'unchanged';

/** Reads and writes the sku_mapping table. */
@Injectable()
export class SkuMappingRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Returns the shop's mappings for any of the variant ids or channel SKUs. */
  async findForLines(
    manager: EntityManager,
    key: { channel: string; shopId: string },
    variantIds: string[],
    channelSkus: string[],
  ): Promise<SkuMappingEntry[]> {
    if (variantIds.length === 0 && channelSkus.length === 0) {
      return [];
    }

    return manager.query(
      `SELECT variant_id AS "variantId", channel_sku AS "channelSku", sku
         FROM sku_mapping
        WHERE channel = $1 AND shop_id = $2
          AND (variant_id = ANY($3::text[]) OR channel_sku = ANY($4::text[]))`,
      [key.channel, key.shopId, variantIds, channelSkus],
    );
  }

  async list(query: {
    channel: string;
    shopId: string;
    limit: number;
    offset: number;
  }): Promise<SkuMappingView[]> {
    return this.dataSource.query(
      `SELECT ${VIEW_COLUMNS} FROM sku_mapping
        WHERE channel = $1 AND shop_id = $2
        ORDER BY id
        LIMIT $3 OFFSET $4`,
      [query.channel, query.shopId, query.limit, query.offset],
    );
  }

  /** Inserts a mapping. Returns undefined when its variant id or channel SKU is already mapped. */
  async create(input: SkuMappingInput): Promise<SkuMappingView | undefined> {
    const rows: SkuMappingView[] = await this.dataSource.query(
      `INSERT INTO sku_mapping (channel, shop_id, variant_id, channel_sku, sku)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING
       RETURNING ${VIEW_COLUMNS}`,
      parameters(input),
    );

    return rows[0];
  }

  /** Returns the mappings that share the input's variant id or channel SKU. */
  async findConflicting(input: SkuMappingInput): Promise<SkuMappingView[]> {
    return this.dataSource.query(
      `SELECT ${VIEW_COLUMNS} FROM sku_mapping
        WHERE channel = $1 AND shop_id = $2 AND (variant_id = $3 OR channel_sku = $4)
        ORDER BY id`,
      [input.channel, input.shopId, input.variantId ?? null, input.channelSku ?? null],
    );
  }

  /**
   * Inserts a mapping or sets the SKU of the existing one with the same variant id (or, for a
   * mapping without variant id, the same channel SKU). Raises a unique violation when the
   * input's channel SKU belongs to another variant's mapping.
   */
  async upsert(manager: EntityManager, input: SkuMappingInput): Promise<UpsertResult> {
    const sql =
      input.variantId === undefined
        ? `INSERT INTO sku_mapping (channel, shop_id, variant_id, channel_sku, sku)
           VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (channel, shop_id, channel_sku) WHERE channel_sku IS NOT NULL
           DO UPDATE SET sku = EXCLUDED.sku
             WHERE sku_mapping.sku IS DISTINCT FROM EXCLUDED.sku
           RETURNING (xmax = 0) AS inserted`
        : `INSERT INTO sku_mapping (channel, shop_id, variant_id, channel_sku, sku)
           VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (channel, shop_id, variant_id) WHERE variant_id IS NOT NULL
           DO UPDATE SET sku = EXCLUDED.sku, channel_sku = EXCLUDED.channel_sku
             WHERE (sku_mapping.sku, sku_mapping.channel_sku)
                   IS DISTINCT FROM (EXCLUDED.sku, EXCLUDED.channel_sku)
           RETURNING (xmax = 0) AS inserted`;
    const rows: { inserted: boolean }[] = await manager.query(sql, parameters(input));
    if (rows.length === 0) {
      return 'unchanged';
    }

    return rows[0].inserted ? 'inserted' : 'updated';
  }
}

function parameters(input: SkuMappingInput): (string | null)[] {
  return [
    input.channel,
    input.shopId,
    input.variantId ?? null,
    input.channelSku ?? null,
    input.sku,
  ];
}
