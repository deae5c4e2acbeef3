import type { JournalEntryDraft, JournalLineDraft } from './journal-entry-draft.js';
import { InvalidPostingDateError, InvalidReversalError } from './posting-errors.js';

const POSTING_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Builds the entry that reverses `original`: the same accounts, amounts and dimensions with debit
 * and credit swapped. Corrections are always made this way because a posted entry is never edited.
 *
 * The key `<sourceDocument>#reversal#<ruleVersion>` allows one reversal per original entry.
 * `postingDate` defaults to the original's date. Pass the cancellation date instead when the
 * original's period may be closed. It cannot be earlier than the original's date.
 */
export function buildReversalEntry(
  original: JournalEntryDraft,
  reason: string,
  postingDate: string = original.postingDate,
): JournalEntryDraft {
  if (reason.trim() === '') {
    throw new InvalidReversalError(
      'posting.reversal-reason-missing',
      original.idempotencyKey,
      'the reason is empty. Pass the cancel reason, e.g. the channel cancel reason.',
    );
  }

  if (original.reversesIdempotencyKey !== undefined) {
    throw new InvalidReversalError(
      'posting.reversal-of-reversal',
      original.idempotencyKey,
      `it already reverses ${original.reversesIdempotencyKey}. Post the sale again with a new ` +
        'rule version instead of reversing the reversal.',
    );
  }

  if (!isCalendarDate(postingDate)) {
    throw new InvalidPostingDateError(original.sourceDocument, postingDate);
  }

  if (postingDate < original.postingDate) {
    throw new InvalidReversalError(
      'posting.reversal-before-original',
      original.idempotencyKey,
      `posting date ${postingDate} is before the original posting date ` +
        `${original.postingDate}. Use ${original.postingDate} or later.`,
    );
  }

  return {
    idempotencyKey: `${original.sourceDocument}#reversal#${original.ruleVersion}`,
    sourceDocument: original.sourceDocument,
    ruleVersion: original.ruleVersion,
    orderId: original.orderId,
    postingDate,
    currency: original.currency,
    presentmentCurrency: original.presentmentCurrency,
    ...(original.fxRate === undefined ? {} : { fxRate: original.fxRate }),
    lines: original.lines.map((line) => reverseLine(line, reason)),
    reversesIdempotencyKey: original.idempotencyKey,
    reversalReason: reason,
  };
}

function reverseLine(line: JournalLineDraft, reason: string): JournalLineDraft {
  return {
    ...line,
    side: line.side === 'debit' ? 'credit' : 'debit',
    memo: `Reversal (${reason}): ${line.memo}`,
    dimensions: { ...line.dimensions },
  };
}

/** Returns true for a real YYYY-MM-DD date; Date.parse alone accepts 2024-02-30 as 1 March. */
function isCalendarDate(value: string): boolean {
  if (!POSTING_DATE_PATTERN.test(value)) {
    return false;
  }

  const time = Date.parse(value);

  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}
