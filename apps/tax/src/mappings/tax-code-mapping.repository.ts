import { Injectable } from '@nestjs/common';
import { valuesList } from '@retail-sync/persistence';
import type { EntityManager } from 'typeorm';
import type { TaxCodeMapping } from '../assessment/tax-configuration.js';

export type TaxMappingSource = 'configuration' | 'api';

/** A stored mapping with where it came from, as the mappings API lists it. */
export interface StoredTaxCodeMapping {
  channelTitle: string;
  rate: string;
  taxCode: string;
  jurisdiction: string;
  liabilityAccount: string;
  region: string | null;
  source: TaxMappingSource;
  createdAt: string;
}

interface MappingRow extends Omit<StoredTaxCodeMapping, 'createdAt'> {
  createdAt: Date;
}

const COLUMNS = `channel_title AS "channelTitle", rate::text AS rate, tax_code AS "taxCode",
  jurisdiction, liability_account AS "liabilityAccount", region, source,
  created_at AS "createdAt"`;

/** Reads and writes `tax_code_mapping`, whose key is the title ignoring case and the rate's value. */
@Injectable()
export class TaxCodeMappingRepository {
  /** Returns every mapping in the shape the assessment expects, oldest first. */
  async findAll(manager: EntityManager): Promise<TaxCodeMapping[]> {
    const rows = await this.list(manager);

    return rows.map((row) => ({
      channelTitle: row.channelTitle,
      rate: row.rate,
      taxCode: row.taxCode,
      jurisdiction: row.jurisdiction,
      liabilityAccount: row.liabilityAccount,
      region: row.region ?? undefined,
    }));
  }

  async list(manager: EntityManager): Promise<StoredTaxCodeMapping[]> {
    const rows: MappingRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM tax_code_mapping ORDER BY id`,
    );

    return rows.map(toStored);
  }

  /** Returns the mapping with this title (ignoring case) and rate value, if any. */
  async find(
    manager: EntityManager,
    channelTitle: string,
    rate: string,
  ): Promise<StoredTaxCodeMapping | undefined> {
    const rows: MappingRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM tax_code_mapping
        WHERE lower(channel_title) = lower($1) AND rate = $2::numeric`,
      [channelTitle, rate],
    );

    return rows.length === 0 ? undefined : toStored(rows[0]);
  }

  /** Inserts a mapping, or returns undefined when one with the same title and rate exists. */
  async insert(
    manager: EntityManager,
    mapping: TaxCodeMapping,
    source: TaxMappingSource,
  ): Promise<StoredTaxCodeMapping | undefined> {
    const rows: MappingRow[] = await manager.query(
      `INSERT INTO tax_code_mapping
         (channel_title, rate, tax_code, jurisdiction, liability_account, region, source)
       VALUES ($1, $2::numeric, $3, $4, $5, $6, $7)
       ON CONFLICT DO NOTHING
       RETURNING ${COLUMNS}`,
      [...mappingValues(mapping), source],
    );

    return rows.length === 0 ? undefined : toStored(rows[0]);
  }

  /**
   * Inserts the configuration file's mappings, or updates the stored mapping with the same key,
   * so a changed file takes effect at the next start. Mappings missing from the file are kept,
   * because mappings added through the API live only in the database.
   */
  async upsertFromConfiguration(
    manager: EntityManager,
    mappings: readonly TaxCodeMapping[],
  ): Promise<void> {
    if (mappings.length === 0) {
      return;
    }

    await manager.query(
      `INSERT INTO tax_code_mapping
         (channel_title, rate, tax_code, jurisdiction, liability_account, region, source)
       VALUES ${valuesList(mappings.length, 7, ['text', 'numeric'])}
       ON CONFLICT (lower(channel_title), rate) DO UPDATE SET
         tax_code = EXCLUDED.tax_code,
         jurisdiction = EXCLUDED.jurisdiction,
         liability_account = EXCLUDED.liability_account,
         region = EXCLUDED.region,
         source = EXCLUDED.source,
         updated_at = now()
       WHERE (tax_code_mapping.tax_code, tax_code_mapping.jurisdiction,
              tax_code_mapping.liability_account, tax_code_mapping.region,
              tax_code_mapping.source)
         IS DISTINCT FROM (EXCLUDED.tax_code, EXCLUDED.jurisdiction,
              EXCLUDED.liability_account, EXCLUDED.region, EXCLUDED.source)`,
      mappings.flatMap((mapping) => [...mappingValues(mapping), 'configuration']),
    );
  }
}

function mappingValues(mapping: TaxCodeMapping): unknown[] {
  return [
    mapping.channelTitle,
    mapping.rate,
    mapping.taxCode,
    mapping.jurisdiction,
    mapping.liabilityAccount,
    mapping.region ?? null,
  ];
}

function toStored(row: MappingRow): StoredTaxCodeMapping {
  return { ...row, createdAt: row.createdAt.toISOString() };
}
