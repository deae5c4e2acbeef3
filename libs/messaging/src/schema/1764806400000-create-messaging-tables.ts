import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Outbox, inbox and exception tables that every service's own database carries. */
export class CreateMessagingTables1764806400000 implements MigrationInterface {
  name = 'CreateMessagingTables1764806400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox_message (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        subject text NOT NULL,
        envelope jsonb NOT NULL,
        trace_context jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX outbox_message_unpublished ON outbox_message (seq) WHERE published_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX outbox_message_published_at ON outbox_message (published_at)`,
    );
    await queryRunner.query(`
      CREATE TABLE inbox_message (
        consumer text NOT NULL,
        message_id text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, message_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE exception_record (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consumer text NOT NULL,
        subject text NOT NULL,
        message_id text NOT NULL,
        envelope jsonb,
        raw_payload text,
        trace_context jsonb NOT NULL DEFAULT '{}',
        error_class text NOT NULL CHECK (error_class IN ('permanent', 'exhausted')),
        error_code text NOT NULL,
        error_message text NOT NULL,
        attempts integer NOT NULL CHECK (attempts > 0),
        trace_id text,
        status text NOT NULL DEFAULT 'open'
          CHECK (status IN ('open', 'replaying', 'resolved', 'discarded')),
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        UNIQUE (consumer, message_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX exception_record_open ON exception_record (last_seen_at) WHERE status = 'open'`,
    );
    await queryRunner.query(`
      CREATE TABLE exception_replay (
        id bigserial PRIMARY KEY,
        exception_id uuid NOT NULL REFERENCES exception_record (id),
        actor text NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        outcome text NOT NULL CHECK (outcome IN ('succeeded', 'failed', 'rejected', 'discarded')),
        detail text
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE exception_replay');
    await queryRunner.query('DROP TABLE exception_record');
    await queryRunner.query('DROP TABLE inbox_message');
    await queryRunner.query('DROP TABLE outbox_message');
  }
}
