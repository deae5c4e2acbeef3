import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Remembers the creation time of each stream a service has seen, so a service that was down
 * while a stream was lost and recreated still notices at its next start.
 */
export class CreateStreamCheckpoint1764806400001 implements MigrationInterface {
  name = 'CreateStreamCheckpoint1764806400001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE stream_checkpoint (
        stream text PRIMARY KEY,
        created text NOT NULL,
        seen_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE stream_checkpoint');
  }
}
