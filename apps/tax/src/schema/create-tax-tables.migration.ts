import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTaxTables1765000000000 implements MigrationInterface {
  name = 'CreateTaxTables1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Rates are numeric so that "0.1" and "0.10" are one key, and queries read them back as text.
    await queryRunner.query(`
      CREATE TABLE tax_code_mapping (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        channel_title text NOT NULL CHECK (channel_title ~ '\\S'),
        rate numeric NOT NULL CHECK (rate >= 0),
        tax_code text NOT NULL,
        jurisdiction text NOT NULL,
        liability_account text NOT NULL,
        region text,
        source text NOT NULL CHECK (source IN ('configuration', 'api')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX tax_code_mapping_title_rate_key ON tax_code_mapping (lower(channel_title), rate)',
    );
    await queryRunner.query(`
      CREATE TABLE rate_table (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        region text NOT NULL,
        currency text,
        category text NOT NULL,
        tax_code text NOT NULL,
        jurisdiction text NOT NULL,
        rate numeric NOT NULL CHECK (rate >= 0),
        liability_account text NOT NULL
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX rate_table_entry_key
         ON rate_table (region, coalesce(currency, ''), category, tax_code, jurisdiction)`,
    );
    await queryRunner.query(`
      CREATE TABLE order_tax_assessment (
        order_id uuid NOT NULL,
        order_version integer NOT NULL CHECK (order_version >= 1),
        assessment jsonb NOT NULL,
        rounding_mode text NOT NULL CHECK (rounding_mode IN ('line', 'order')),
        tolerance_minor integer NOT NULL CHECK (tolerance_minor >= 0),
        trace_id text,
        assessed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (order_id, order_version)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE order_tax_assessment, rate_table, tax_code_mapping');
  }
}
