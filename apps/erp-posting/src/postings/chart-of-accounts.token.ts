/** Nest injection token of the loaded ChartOfAccounts. */
export const CHART_OF_ACCOUNTS = Symbol('ChartOfAccounts');
