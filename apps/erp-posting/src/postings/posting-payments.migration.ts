import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Adds payment entries, which move an order's settlement after its sale was posted, and the
 * order version behind each sale and payment, so an older version never undoes a newer one.
 */
export class AddPaymentPostings1765000000002 implements MigrationInterface {
  name = 'AddPaymentPostings1765000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE posting DROP CONSTRAINT posting_kind_check');
    await queryRunner.query(
      "ALTER TABLE posting ADD CONSTRAINT posting_kind_check CHECK (kind IN ('sale', 'reversal', 'payment'))",
    );
    await queryRunner.query('ALTER TABLE posting ADD COLUMN order_version integer');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DELETE FROM posting WHERE kind = 'payment'");
    await queryRunner.query('ALTER TABLE posting DROP COLUMN order_version');
    await queryRunner.query('ALTER TABLE posting DROP CONSTRAINT posting_kind_check');
    await queryRunner.query(
      "ALTER TABLE posting ADD CONSTRAINT posting_kind_check CHECK (kind IN ('sale', 'reversal'))",
    );
  }
}
