import { Injectable } from '@nestjs/common';
import { valuesList } from '@retail-sync/persistence';
import type { EntityManager } from 'typeorm';
import type { RateTable } from '../assessment/tax-configuration.js';

interface RateRow {
  region: string;
  currency: string | null;
  category: string;
  taxCode: string;
  jurisdiction: string;
  rate: string;
  liabilityAccount: string;
}

/** Stores each rate-table entry as one `rate_table` row, in the order of the configuration. */
@Injectable()
export class RateTableRepository {
  /** Returns the region's rate tables, one per currency (or none), entries in stored order. */
  async findByRegion(manager: EntityManager, region: string): Promise<RateTable[]> {
    const rows: RateRow[] = await manager.query(
      `SELECT region, currency, category, tax_code AS "taxCode", jurisdiction, rate::text AS rate,
              liability_account AS "liabilityAccount"
         FROM rate_table WHERE region = $1 ORDER BY id`,
      [region],
    );

    return groupIntoTables(rows);
  }

  /**
   * Replaces every stored rate table with the configuration's. Rate tables come only from the
   * configuration file, so a table removed from the file disappears at the next start.
   */
  async replaceAll(manager: EntityManager, tables: readonly RateTable[]): Promise<void> {
    await manager.query('DELETE FROM rate_table');
    const rows = tables.flatMap((table) =>
      table.rates.map((entry) => [
        table.region,
        table.currency ?? null,
        entry.category,
        entry.taxCode,
        entry.jurisdiction,
        entry.rate,
        entry.liabilityAccount,
      ]),
    );
    if (rows.length === 0) {
      return;
    }

    await manager.query(
      `INSERT INTO rate_table
         (region, currency, category, tax_code, jurisdiction, rate, liability_account)
       VALUES ${valuesList(rows.length, 7, ['text', 'text', 'text', 'text', 'text', 'numeric'])}`,
      rows.flat(),
    );
  }
}

function groupIntoTables(rows: readonly RateRow[]): RateTable[] {
  const tables = new Map<string, RateTable>();
  for (const row of rows) {
    const key = row.currency ?? '';
    let table = tables.get(key);
    if (table === undefined) {
      table = { region: row.region, currency: row.currency ?? undefined, rates: [] };
      tables.set(key, table);
    }

    table.rates.push({
      category: row.category,
      taxCode: row.taxCode,
      jurisdiction: row.jurisdiction,
      rate: row.rate,
      liabilityAccount: row.liabilityAccount,
    });
  }

  return [...tables.values()];
}
