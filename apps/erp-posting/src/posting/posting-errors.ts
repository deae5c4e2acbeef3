import type { Money } from '@retail-sync/contracts';

/**
 * A posting rule rejected its input. Every subclass is permanent because the same input fails the
 * same way again, so retrying the message cannot help.
 */
export abstract class PostingError extends Error {
  abstract readonly code: string;
}

/** The entry's debits and credits differ, so the order's lines, taxes and total disagree. */
export class UnbalancedEntryError extends PostingError {
  override readonly name = 'UnbalancedEntryError';
  readonly code = 'posting.unbalanced';
  readonly difference: Money;

  constructor(
    readonly sourceDocument: string,
    readonly debits: Money,
    readonly credits: Money,
  ) {
    const difference = debits.subtract(credits);
    super(
      `Journal entry for ${sourceDocument} is unbalanced: debits ${debits}, credits ${credits}, ` +
        `difference ${difference}. Expected equal sums. Check that the assessed lines and taxes ` +
        'add up to the order total for this order version; the rule never posts a plug amount.',
    );
    this.difference = difference;
  }
}

/** The successful tenders exceed the order total, which a sale entry cannot represent. */
export class OverpaidOrderError extends PostingError {
  override readonly name = 'OverpaidOrderError';
  readonly code = 'posting.tenders-exceed-total';

  constructor(
    readonly sourceDocument: string,
    readonly tendered: Money,
    readonly total: Money,
  ) {
    super(
      `Order ${sourceDocument} has successful tenders of ${tendered} but a total of ${total}. ` +
        'Expected tenders at most the total. Check the order transactions in the channel and ' +
        'book the overpayment as a refund or a manual entry.',
    );
  }
}

/** A journal line came out negative, which means the source amounts are invalid. */
export class NegativeJournalAmountError extends PostingError {
  override readonly name = 'NegativeJournalAmountError';
  readonly code = 'posting.negative-amount';

  constructor(
    readonly sourceDocument: string,
    readonly account: string,
    readonly amount: Money,
    readonly memo: string,
  ) {
    super(
      `Journal line "${memo}" on account ${account} for ${sourceDocument} is ${amount}. ` +
        'Expected zero or more. Check the assessed line, tax or transaction behind it.',
    );
  }
}

/** An order `placedAt` timestamp or a requested posting date that is not a valid date. */
export class InvalidPostingDateError extends PostingError {
  override readonly name = 'InvalidPostingDateError';
  readonly code = 'posting.invalid-posting-date';

  constructor(
    readonly sourceDocument: string,
    readonly value: string,
  ) {
    super(
      `Invalid posting date "${value}" for ${sourceDocument}. Expected an ISO 8601 timestamp ` +
        '(order placedAt) or a YYYY-MM-DD date.',
    );
  }
}

export type InvalidReversalCode =
  | 'posting.reversal-reason-missing'
  | 'posting.reversal-of-reversal'
  | 'posting.reversal-before-original';

/** A reversal request that the ledger cannot accept as given. */
export class InvalidReversalError extends PostingError {
  override readonly name = 'InvalidReversalError';

  constructor(
    readonly code: InvalidReversalCode,
    readonly idempotencyKey: string,
    detail: string,
  ) {
    super(`Cannot reverse journal entry ${idempotencyKey}: ${detail}`);
  }
}
