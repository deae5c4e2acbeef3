import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The service's own record of what it posted. `posting` has one row per idempotency key: the
 * ERP document for a posted entry, or why nothing was posted. `pending_cancellation` remembers
 * orders cancelled before any sale was posted, so a late assessed event posts nothing.
 */
export class CreatePostingTables1765000000001 implements MigrationInterface {
  name = 'CreatePostingTables1765000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE posting (
        id bigserial PRIMARY KEY,
        idempotency_key text NOT NULL UNIQUE,
        order_id uuid NOT NULL,
        source_document text NOT NULL,
        rule_version text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('sale', 'reversal')),
        status text NOT NULL CHECK (status IN ('posted', 'skipped-cancelled')),
        adapter text,
        erp_document_id text,
        reverses_document_id text,
        posting_date date,
        period text,
        total_minor bigint NOT NULL CHECK (total_minor >= 0),
        currency char(3) NOT NULL,
        trace_id text,
        entry_draft jsonb NOT NULL,
        posted_at timestamptz NOT NULL DEFAULT now(),
        CHECK (
          (status = 'posted') =
          (adapter IS NOT NULL AND erp_document_id IS NOT NULL AND period IS NOT NULL)
        )
      )`);
    await queryRunner.query('CREATE INDEX posting_order ON posting (order_id)');
    await queryRunner.query(`
      CREATE TABLE pending_cancellation (
        order_id uuid PRIMARY KEY,
        source_document text NOT NULL,
        order_version integer NOT NULL,
        cancelled_at timestamptz,
        reason text,
        message_id text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE pending_cancellation, posting');
  }
}
