import type { DataSource, EntityManager } from 'typeorm';

export interface AccountingPeriod {
  period: string;
  status: 'open' | 'closed';
  closedAt?: string;
}

interface PeriodRow {
  period: string;
  status: 'open' | 'closed';
  closed_at: Date | null;
}

/** The built-in ledger's accounting periods. A period without a row is open. */
export class AccountingPeriods {
  constructor(private readonly dataSource: DataSource) {}

  async list(): Promise<AccountingPeriod[]> {
    const rows: PeriodRow[] = await this.dataSource.query(
      'SELECT period, status, closed_at FROM accounting_period ORDER BY period',
    );

    return rows.map(toAccountingPeriod);
  }

  /**
   * Closes `period` (YYYY-MM); closing a closed period keeps its first closing time. The update
   * waits for transactions that are posting into the period, because each holds a share lock on
   * its row until commit.
   */
  async close(period: string): Promise<AccountingPeriod> {
    const rows: PeriodRow[] = await this.dataSource.query(
      `INSERT INTO accounting_period (period, status, closed_at) VALUES ($1, 'closed', now())
       ON CONFLICT (period) DO UPDATE
         SET status = 'closed', closed_at = coalesce(accounting_period.closed_at, now())
       RETURNING period, status, closed_at`,
      [period],
    );

    return toAccountingPeriod(rows[0]);
  }
}

/** Returns the closed periods from `fromPeriod` on, as seen by the transaction of `manager`. */
export async function closedPeriodsFrom(
  manager: EntityManager,
  fromPeriod: string,
): Promise<Set<string>> {
  const rows: { period: string }[] = await manager.query(
    `SELECT period FROM accounting_period WHERE period >= $1 AND status = 'closed'`,
    [fromPeriod],
  );

  return new Set(rows.map((row) => row.period));
}

/**
 * Creates missing periods as open and share-locks them until the transaction ends, so none can
 * close in between. Returns those that are already closed.
 */
export async function lockPeriods(manager: EntityManager, periods: string[]): Promise<string[]> {
  await manager.query(
    `INSERT INTO accounting_period (period)
     SELECT unnest($1::text[]) ORDER BY 1
     ON CONFLICT DO NOTHING`,
    [periods],
  );
  const rows: PeriodRow[] = await manager.query(
    `SELECT period, status, closed_at FROM accounting_period
      WHERE period = ANY($1::text[]) ORDER BY period FOR SHARE`,
    [periods],
  );

  return rows.filter((row) => row.status === 'closed').map((row) => row.period);
}

function toAccountingPeriod(row: PeriodRow): AccountingPeriod {
  const period: AccountingPeriod = { period: row.period, status: row.status };
  if (row.closed_at) {
    period.closedAt = row.closed_at.toISOString();
  }

  return period;
}
