import { readFile } from 'node:fs/promises';
import { SALES_CHANNELS, type SalesChannel } from '@retail-sync/contracts';

/**
 * The retailer's ledger account codes that the posting rules debit and credit, by role. Each
 * assessed tax names its own liability account, which must be one of `taxLiabilities`.
 */
export interface ChartOfAccounts {
  /** Sales revenue account per channel. A channel without its own account posts to `default`. */
  revenue: Partial<Record<SalesChannel, string>> & { default: string };
  /** Contra-revenue account for discounts on items and gift cards. */
  discounts: string;
  shippingRevenue: string;
  /** Contra-revenue account for discounts on shipping. */
  shippingDiscounts: string;
  giftCardLiability: string;
  /** Account for the part of an order total that no successful tender covers yet. */
  receivable: string;
  /** Clearing account per payment gateway. A gateway without its own account posts to `default`. */
  clearing: Record<string, string> & { default: string };
  /** Tax liability accounts that a tax code mapping may name; any other is an error. */
  taxLiabilities: string[];
}

const SINGLE_ACCOUNT_KEYS = [
  'discounts',
  'shippingRevenue',
  'shippingDiscounts',
  'giftCardLiability',
  'receivable',
] as const;
const ACCOUNT_MAP_KEYS = ['revenue', 'clearing'] as const;
const KNOWN_KEYS: readonly string[] = [
  ...SINGLE_ACCOUNT_KEYS,
  ...ACCOUNT_MAP_KEYS,
  'taxLiabilities',
];
const REVENUE_KEYS: readonly string[] = [...SALES_CHANNELS, 'default'];

/** A chart of accounts file that cannot be read or parsed, or has a missing or invalid key. */
export class InvalidChartOfAccountsError extends Error {
  override readonly name = 'InvalidChartOfAccountsError';
  readonly code = 'posting.chart-of-accounts-invalid';

  constructor(
    readonly source: string,
    readonly key: string,
    detail: string,
  ) {
    super(`Invalid chart of accounts in ${source} at "${key}": ${detail}`);
  }
}

/** Reads and validates the chart of accounts JSON file at `path`. */
export async function loadChartOfAccounts(path: string): Promise<ChartOfAccounts> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidChartOfAccountsError(
      path,
      '(file)',
      `cannot read the file (${reason}). Check the path.`,
    );
  }

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidChartOfAccountsError(
      path,
      '(file)',
      `the file is not valid JSON (${reason}).`,
    );
  }

  return parseChartOfAccounts(json, path);
}

/**
 * Validates a parsed chart of accounts: every account code is a non-empty string, `revenue` and
 * `clearing` each have a `default`, and no key is unknown, so a misspelt key fails at startup
 * instead of posting to a fallback account. `source` names the origin in error messages.
 */
export function parseChartOfAccounts(json: unknown, source: string): ChartOfAccounts {
  const root = requireObject(json, source, '(root)');
  for (const key of Object.keys(root)) {
    if (!KNOWN_KEYS.includes(key)) {
      throw new InvalidChartOfAccountsError(
        source,
        key,
        `unknown key. Expected only ${KNOWN_KEYS.join(', ')}.`,
      );
    }
  }

  for (const key of SINGLE_ACCOUNT_KEYS) {
    requireAccountCode(root[key], source, key);
  }

  const revenue = requireAccountMap(root.revenue, source, 'revenue');
  for (const channel of Object.keys(revenue)) {
    if (!REVENUE_KEYS.includes(channel)) {
      throw new InvalidChartOfAccountsError(
        source,
        `revenue.${channel}`,
        `unknown sales channel. Expected one of ${REVENUE_KEYS.join(', ')}.`,
      );
    }
  }

  requireAccountMap(root.clearing, source, 'clearing');
  const taxLiabilities = root.taxLiabilities;
  if (!Array.isArray(taxLiabilities) || taxLiabilities.length === 0) {
    throw new InvalidChartOfAccountsError(
      source,
      'taxLiabilities',
      'expected a non-empty array of the tax liability account codes.',
    );
  }

  taxLiabilities.forEach((code, index) =>
    requireAccountCode(code, source, `taxLiabilities[${index}]`),
  );

  return root as unknown as ChartOfAccounts;
}

function requireObject(value: unknown, source: string, key: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidChartOfAccountsError(source, key, 'expected a JSON object.');
  }

  return value as Record<string, unknown>;
}

function requireAccountMap(value: unknown, source: string, key: string): Record<string, unknown> {
  if (value === undefined) {
    throw new InvalidChartOfAccountsError(
      source,
      key,
      'missing. Add an object of account codes with at least a "default" entry.',
    );
  }

  const accounts = requireObject(value, source, key);
  requireAccountCode(accounts.default, source, `${key}.default`);
  for (const [name, code] of Object.entries(accounts)) {
    requireAccountCode(code, source, `${key}.${name}`);
  }

  return accounts;
}

function requireAccountCode(value: unknown, source: string, key: string): void {
  if (value === undefined) {
    throw new InvalidChartOfAccountsError(source, key, 'missing. Add the account code.');
  }

  if (typeof value !== 'string' || value.trim() === '') {
    throw new InvalidChartOfAccountsError(
      source,
      key,
      `expected a non-empty account code string, got ${JSON.stringify(value)}.`,
    );
  }
}
