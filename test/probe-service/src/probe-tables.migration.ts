import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateProbeTables1764806500000 implements MigrationInterface {
  name = 'CreateProbeTables1764806500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE probe_note (id uuid PRIMARY KEY, label text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())',
    );
    // No unique key on event_id on purpose: a second effect must show up as a second row.
    await queryRunner.query(
      'CREATE TABLE probe_effect (seq bigserial PRIMARY KEY, event_id text NOT NULL, label text NOT NULL, delivery_count integer NOT NULL, processed_at timestamptz NOT NULL DEFAULT now())',
    );
    await queryRunner.query('CREATE TABLE probe_fix (label text PRIMARY KEY)');
    await queryRunner.query(
      'CREATE TABLE probe_attempt (event_id text NOT NULL, delivery_count integer NOT NULL, attempted_at timestamptz NOT NULL DEFAULT clock_timestamp())',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE probe_attempt, probe_fix, probe_effect, probe_note');
  }
}
