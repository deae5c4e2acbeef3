import type { ChartOfAccounts } from './chart-of-accounts.js';
import type { JournalEntryDraft } from './journal-entry-draft.js';
import { PostingError } from './posting-errors.js';

/** A tax line names a liability account outside the chart of accounts. */
export class UnknownTaxAccountError extends PostingError {
  override readonly name = 'UnknownTaxAccountError';
  readonly code = 'posting.unknown-account';

  constructor(
    readonly accounts: string[],
    sourceDocument: string,
  ) {
    super(
      `${sourceDocument} credits tax to ${accounts.join(', ')}, which the chart of accounts does ` +
        'not list under taxLiabilities. Correct the tax code mapping in the tax service ' +
        '(POST /tax-mappings) or add the account to the chart, then replay this record.',
    );
  }
}

/**
 * Checks that every tax credit goes to a liability account of the chart, so a typo in a tax
 * code mapping cannot open a new account in the ledger.
 */
export function assertKnownTaxAccounts(draft: JournalEntryDraft, chart: ChartOfAccounts): void {
  const known = new Set(chart.taxLiabilities);
  const unknown = draft.lines
    .filter((line) => line.dimensions.taxCode !== undefined && !known.has(line.account))
    .map((line) => line.account);
  if (unknown.length > 0) {
    throw new UnknownTaxAccountError([...new Set(unknown)], draft.sourceDocument);
  }
}
