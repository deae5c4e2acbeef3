import type { MigrationInterface, QueryRunner } from 'typeorm';

const TRIGGER_FUNCTIONS = [
  'journal_line_check_balance()',
  'journal_entry_check_lines()',
  'journal_entry_check_period()',
];

/**
 * Keeps the ledger's check triggers on their indexes. A session caches the plan it chose while
 * the tables were empty, a sequential scan, and where autovacuum is off (as on some hosts) no
 * statistics ever change it, so each commit scanned the whole journal. Planning on every call
 * instead cost about 7 ms per line. With sequential scans off inside these functions, the
 * cached plan is an index scan from the first call.
 */
export class IndexLedgerTriggerLookups1765000000001 implements MigrationInterface {
  name = 'IndexLedgerTriggerLookups1765000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const fn of TRIGGER_FUNCTIONS) {
      await queryRunner.query(`ALTER FUNCTION ${fn} SET enable_seqscan = off`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const fn of TRIGGER_FUNCTIONS) {
      await queryRunner.query(`ALTER FUNCTION ${fn} RESET enable_seqscan`);
    }
  }
}
