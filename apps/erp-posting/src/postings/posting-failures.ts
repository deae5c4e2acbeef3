import { CurrencyMismatchError, UnknownCurrencyError } from '@retail-sync/contracts';
import { PermanentError } from '@retail-sync/messaging';
import { PostingError } from '../posting/posting-errors.js';

/**
 * Runs a posting rule and turns its rejections into PermanentError with the rule's code, because
 * the same event fails the same way on every delivery. Other errors pass through unchanged.
 */
export function applyPostingRule<T>(rule: () => T): T {
  try {
    return rule();
  } catch (error) {
    if (error instanceof PostingError) {
      throw new PermanentError(error.message, error.code);
    }

    if (
      error instanceof CurrencyMismatchError ||
      error instanceof UnknownCurrencyError ||
      error instanceof RangeError
    ) {
      throw new PermanentError(
        `The order's amounts cannot be posted: ${error.message}`,
        'posting.invalid-amount',
      );
    }

    throw error;
  }
}
