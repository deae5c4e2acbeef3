import { Money } from '@retail-sync/contracts';

/** One account's totals in one currency, as decimal strings. Balance is debit − credit. */
export interface TrialBalanceAccount {
  account: string;
  debit: string;
  credit: string;
  balance: string;
}

export interface TrialBalanceCurrency {
  currency: string;
  accounts: TrialBalanceAccount[];
  /** Sum over all accounts; debit equals credit whenever every entry balances. */
  totals: { debit: string; credit: string };
}

export interface TrialBalance {
  currencies: TrialBalanceCurrency[];
}

/** Per-account sums in minor units, as the ledger query returns them. */
export interface AccountSums {
  currency: string;
  account: string;
  debitMinor: bigint;
  creditMinor: bigint;
}

/** Groups account sums (sorted by currency, then account) into a trial balance per currency. */
export function buildTrialBalance(sums: readonly AccountSums[]): TrialBalance {
  const currencies = new Map<
    string,
    { accounts: TrialBalanceAccount[]; debit: bigint; credit: bigint }
  >();
  for (const sum of sums) {
    const group = currencies.get(sum.currency) ?? { accounts: [], debit: 0n, credit: 0n };
    group.accounts.push({
      account: sum.account,
      debit: format(sum.debitMinor, sum.currency),
      credit: format(sum.creditMinor, sum.currency),
      balance: format(sum.debitMinor - sum.creditMinor, sum.currency),
    });
    group.debit += sum.debitMinor;
    group.credit += sum.creditMinor;
    currencies.set(sum.currency, group);
  }

  return {
    currencies: [...currencies].map(([currency, group]) => ({
      currency,
      accounts: group.accounts,
      totals: { debit: format(group.debit, currency), credit: format(group.credit, currency) },
    })),
  };
}

function format(minor: bigint, currency: string): string {
  return Money.ofMinor(minor, currency).toDecimal();
}
