import type { MigrationInterface, QueryRunner } from 'typeorm';

const TRIGGER_FUNCTIONS = [
  'journal_line_check_balance()',
  'journal_entry_check_lines()',
  'journal_entry_check_period()',
];

/**
 * Makes the ledger's check triggers plan their lookups on every call. A session caches a
 * generic plan chosen while the tables were empty, a sequential scan; where autovacuum is off
 * (as on some hosts) statistics never change that, and each commit then scans the whole
 * journal, so posting slows down as the ledger grows.
 */
export class PlanLedgerTriggersPerCall1765000000001 implements MigrationInterface {
  name = 'PlanLedgerTriggersPerCall1765000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const fn of TRIGGER_FUNCTIONS) {
      await queryRunner.query(`ALTER FUNCTION ${fn} SET plan_cache_mode = force_custom_plan`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const fn of TRIGGER_FUNCTIONS) {
      await queryRunner.query(`ALTER FUNCTION ${fn} RESET plan_cache_mode`);
    }
  }
}
