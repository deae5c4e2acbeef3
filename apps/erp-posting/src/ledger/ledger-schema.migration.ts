import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The built-in ledger. The database itself enforces the bookkeeping rules, so neither a code path
 * nor a person with SQL access can break them. Every entry has lines and balances per currency at
 * commit. Posted entries and lines cannot be updated or deleted. No entry lands in a closed period.
 */
export class CreateLedgerSchema1765000000000 implements MigrationInterface {
  name = 'CreateLedgerSchema1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE accounting_period (
        period text PRIMARY KEY CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        closed_at timestamptz,
        CHECK ((status = 'closed') = (closed_at IS NOT NULL))
      )`);

    // Document numbers come from a sequence, so an insert lost to a concurrent duplicate leaves a
    // gap in the numbering.
    await queryRunner.query('CREATE SEQUENCE journal_document_seq');
    await queryRunner.query(`
      CREATE FUNCTION next_journal_document_id() RETURNS text LANGUAGE sql AS $$
        SELECT 'JE-' || lpad(n::text, greatest(6, length(n::text)), '0')
        FROM (SELECT nextval('journal_document_seq') AS n) AS next
      $$`);

    await queryRunner.query(`
      CREATE TABLE journal_entry (
        id bigserial PRIMARY KEY,
        document_id text NOT NULL UNIQUE DEFAULT next_journal_document_id(),
        idempotency_key text NOT NULL UNIQUE,
        source_document text NOT NULL,
        order_id uuid NOT NULL,
        rule_version text NOT NULL,
        posting_date date NOT NULL,
        period text NOT NULL,
        currency char(3) NOT NULL,
        presentment_currency char(3) NOT NULL,
        fx_rate text,
        trace_id text,
        reverses_document_id text UNIQUE REFERENCES journal_entry (document_id),
        memo text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (period = to_char(posting_date, 'YYYY-MM'))
      )`);
    await queryRunner.query('CREATE INDEX journal_entry_order ON journal_entry (order_id)');

    await queryRunner.query(`
      CREATE TABLE journal_line (
        entry_id bigint NOT NULL REFERENCES journal_entry (id),
        line_no integer NOT NULL CHECK (line_no > 0),
        account text NOT NULL,
        currency char(3) NOT NULL,
        debit_minor bigint NOT NULL DEFAULT 0 CHECK (debit_minor >= 0),
        credit_minor bigint NOT NULL DEFAULT 0 CHECK (credit_minor >= 0),
        presentment_currency char(3),
        presentment_minor bigint CHECK (presentment_minor >= 0),
        memo text NOT NULL DEFAULT '',
        dimensions jsonb NOT NULL DEFAULT '{}',
        PRIMARY KEY (entry_id, line_no),
        CONSTRAINT journal_line_one_side CHECK ((debit_minor > 0) <> (credit_minor > 0)),
        CHECK ((presentment_currency IS NULL) = (presentment_minor IS NULL))
      )`);
    await queryRunner.query(
      'CREATE INDEX journal_line_account ON journal_line (currency, account)',
    );
    await this.createBalanceTriggers(queryRunner);
    await this.createImmutabilityTriggers(queryRunner);
    await this.createPeriodTrigger(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE journal_line, journal_entry, accounting_period');
    await queryRunner.query(
      `DROP FUNCTION journal_line_check_balance(), journal_entry_check_lines(),
         journal_reject_change(), journal_entry_check_period(), next_journal_document_id()`,
    );
    await queryRunner.query('DROP SEQUENCE journal_document_seq');
  }

  /** Constraint triggers deferred to commit, because the lines are inserted after their entry. */
  private async createBalanceTriggers(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION journal_line_check_balance() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        unbalanced record;
      BEGIN
        SELECT currency, sum(debit_minor) AS debits, sum(credit_minor) AS credits
          INTO unbalanced
          FROM journal_line
         WHERE entry_id = NEW.entry_id
         GROUP BY currency
        HAVING sum(debit_minor) <> sum(credit_minor)
         LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION
            'journal entry % is unbalanced in %: debits % and credits % minor units',
            NEW.entry_id, unbalanced.currency, unbalanced.debits, unbalanced.credits
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE CONSTRAINT TRIGGER journal_line_balanced
        AFTER INSERT ON journal_line DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW EXECUTE FUNCTION journal_line_check_balance()`);
    await queryRunner.query(`
      CREATE FUNCTION journal_entry_check_lines() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM journal_line WHERE entry_id = NEW.id) THEN
          RAISE EXCEPTION 'journal entry % (%) has no lines', NEW.id, NEW.document_id
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE CONSTRAINT TRIGGER journal_entry_has_lines
        AFTER INSERT ON journal_entry DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW EXECUTE FUNCTION journal_entry_check_lines()`);
  }

  private async createImmutabilityTriggers(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION journal_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% on % is not allowed: posted journal entries are immutable',
          TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'restrict_violation',
                HINT = 'Correct a posted entry by posting a reversal entry.';
      END $$`);
    for (const table of ['journal_entry', 'journal_line']) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON ${table}
          FOR EACH ROW EXECUTE FUNCTION journal_reject_change()`);
      await queryRunner.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION journal_reject_change()`);
    }
  }

  /**
   * Creates the entry's period as open when it is missing and holds a share lock on it until
   * commit, so closing the period waits for entries being posted into it.
   */
  private async createPeriodTrigger(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION journal_entry_check_period() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        period_status text;
      BEGIN
        INSERT INTO accounting_period (period) VALUES (NEW.period) ON CONFLICT DO NOTHING;
        SELECT status INTO period_status FROM accounting_period
         WHERE period = NEW.period FOR SHARE;
        IF period_status = 'closed' THEN
          RAISE EXCEPTION 'accounting period % is closed: cannot post % dated %',
            NEW.period, NEW.idempotency_key, NEW.posting_date
            USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NULL;
      END $$`);
    // AFTER, not BEFORE: it then fires only for rows actually inserted, so a repeated key that
    // ON CONFLICT DO NOTHING skips is never rejected for its period.
    await queryRunner.query(`
      CREATE TRIGGER journal_entry_open_period AFTER INSERT ON journal_entry
        FOR EACH ROW EXECUTE FUNCTION journal_entry_check_period()`);
  }
}
