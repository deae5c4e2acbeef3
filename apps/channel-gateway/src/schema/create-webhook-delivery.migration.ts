import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The store of received webhook deliveries, which also deduplicates them by their ids. */
export class CreateWebhookDelivery1764850000000 implements MigrationInterface {
  name = 'CreateWebhookDelivery1764850000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE webhook_delivery (
        id uuid PRIMARY KEY,
        channel text NOT NULL,
        shop_id text NOT NULL,
        topic text NOT NULL,
        webhook_id text NOT NULL,
        event_id text,
        body_sha256 text NOT NULL CHECK (body_sha256 ~ '^[0-9a-f]{64}$'),
        raw_body bytea,
        headers jsonb NOT NULL DEFAULT '{}',
        received_at timestamptz NOT NULL,
        triggered_at timestamptz,
        status text NOT NULL CHECK (status IN ('accepted', 'exception', 'ignored')),
        order_external_id text,
        trace_id text,
        CONSTRAINT webhook_delivery_webhook_key UNIQUE (shop_id, webhook_id)
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX webhook_delivery_event_key ON webhook_delivery (shop_id, event_id)
        WHERE event_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX webhook_delivery_order ON webhook_delivery (shop_id, order_external_id)
        WHERE order_external_id IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE webhook_delivery');
  }
}
