import {
  isBalanced,
  sumPresentmentBySide,
  type JournalLineDimensions,
  type JournalLineDraft,
  type JournalSide,
} from './journal-entry-draft.js';
import type { PostingAmount } from './posting-amount.js';
import { NegativeJournalAmountError } from './posting-errors.js';

interface PendingLine {
  account: string;
  side: JournalSide;
  amount: PostingAmount;
  memo: string;
  dimensions: JournalLineDimensions;
}

/**
 * Collects the journal lines of one entry. Zero lines are dropped, negative ones rejected, and
 * presentment amounts are kept only when the whole entry has them.
 */
export class JournalLineBuilder {
  private readonly pending: PendingLine[] = [];

  constructor(
    private readonly sourceDocument: string,
    private readonly currency: string,
    private readonly presentmentCurrency: string,
  ) {}

  debit(account: string, amount: PostingAmount, memo: string, dimensions: JournalLineDimensions) {
    this.add({ account, side: 'debit', amount, memo, dimensions });
  }

  credit(account: string, amount: PostingAmount, memo: string, dimensions: JournalLineDimensions) {
    this.add({ account, side: 'credit', amount, memo, dimensions });
  }

  build(): JournalLineDraft[] {
    const keepPresentment = this.hasUsablePresentment();

    return this.pending.map((line) => {
      const draft: JournalLineDraft = {
        account: line.account,
        side: line.side,
        amount: line.amount.shop,
        memo: line.memo,
        dimensions: line.dimensions,
      };
      if (keepPresentment) {
        draft.presentmentAmount = line.amount.presentment;
      }

      return draft;
    });
  }

  private add(line: PendingLine): void {
    if (line.amount.shop.isNegative()) {
      throw new NegativeJournalAmountError(
        this.sourceDocument,
        line.account,
        line.amount.shop,
        line.memo,
      );
    }

    if (line.amount.shop.isZero()) {
      return;
    }

    this.pending.push(line);
  }

  /**
   * Presentment amounts are informational because the entry balances in the shop currency. They
   * are recorded only when the customer saw another currency, every line has one, none is negative
   * and they balance too. Otherwise a reader would see a presentment side that does not add up.
   */
  private hasUsablePresentment(): boolean {
    if (this.presentmentCurrency === this.currency || this.pending.length === 0) {
      return false;
    }

    const presentmentLines = this.pending.map((line) => ({
      side: line.side,
      presentmentAmount: line.amount.presentment,
    }));
    if (presentmentLines.some((line) => line.presentmentAmount?.isNegative() ?? true)) {
      return false;
    }

    const totals = sumPresentmentBySide(presentmentLines, this.presentmentCurrency);

    return totals !== undefined && isBalanced(totals);
  }
}
