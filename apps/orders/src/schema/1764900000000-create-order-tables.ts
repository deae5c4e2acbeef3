import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOrderTables1764900000000 implements MigrationInterface {
  name = 'CreateOrderTables1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE sales_order (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        channel text NOT NULL,
        shop_id text NOT NULL,
        external_id text NOT NULL,
        version integer NOT NULL CHECK (version >= 1),
        source_updated_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'cancelled')),
        document jsonb NOT NULL,
        last_delivery_id text NOT NULL,
        trace_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT sales_order_key UNIQUE (channel, shop_id, external_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE sales_order_version (
        order_id uuid NOT NULL REFERENCES sales_order (id),
        version integer NOT NULL CHECK (version >= 1),
        source_updated_at timestamptz NOT NULL,
        delivery_id text NOT NULL,
        topic text NOT NULL,
        document jsonb NOT NULL,
        trace_id text,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (order_id, version)
      )`);
    await queryRunner.query(`
      CREATE TABLE sku_mapping (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        channel text NOT NULL,
        shop_id text NOT NULL,
        variant_id text,
        channel_sku text,
        sku text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT sku_mapping_has_source CHECK (variant_id IS NOT NULL OR channel_sku IS NOT NULL)
      )`);
    // Partial indexes, so ON CONFLICT can name each key. A NULL never conflicts either way.
    await queryRunner.query(
      `CREATE UNIQUE INDEX sku_mapping_variant_key ON sku_mapping (channel, shop_id, variant_id)
        WHERE variant_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX sku_mapping_channel_sku_key ON sku_mapping (channel, shop_id, channel_sku)
        WHERE channel_sku IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE sku_mapping, sales_order_version, sales_order');
  }
}
