import type { JournalEntryDraft } from './journal-entry-draft.js';
import { PostingError } from './posting-errors.js';
import { saleSignature } from './entry-comparison.js';

/**
 * A later version of an order whose sale is already posted changes the entry. The ledger no
 * longer matches the order, and posting adjustments for edited orders is not automated yet.
 */
export class OrderChangedAfterPostingError extends PostingError {
  override readonly name = 'OrderChangedAfterPostingError';
  readonly code = 'posting.order-changed-after-posting';

  constructor(
    posted: JournalEntryDraft,
    changed: JournalEntryDraft,
    documentId: string,
    receivableAccount: string,
  ) {
    super(
      `${changed.sourceDocument} changed after its sale was posted as ${documentId}. Posted ` +
        `lines:\n${saleSignature(posted, receivableAccount)}\nLines of the new version:\n` +
        `${saleSignature(changed, receivableAccount)}\n` +
        'Book the difference by hand in the ledger, then discard this record with a reason.',
    );
  }
}
