import { Money } from '@retail-sync/contracts';
import type { JournalEntryDraft, JournalLineDraft } from '../posting/journal-entry-draft.js';

type StoredAmount = { amount: string; currency: string };

/** A draft as stored in `posting.entry_draft`: Money amounts become `{ amount, currency }`. */
export type StoredJournalEntryDraft = Omit<JournalEntryDraft, 'lines'> & {
  lines: (Omit<JournalLineDraft, 'amount' | 'presentmentAmount'> & {
    amount: StoredAmount;
    presentmentAmount?: StoredAmount;
  })[];
};

/** Serializes a draft for a jsonb column; Money's toJSON writes each amount as a decimal string. */
export function encodeDraft(draft: JournalEntryDraft): string {
  return JSON.stringify(draft);
}

export function decodeDraft(stored: StoredJournalEntryDraft): JournalEntryDraft {
  return {
    ...stored,
    lines: stored.lines.map(({ amount, presentmentAmount, ...line }) => ({
      ...line,
      amount: Money.parse(amount.amount, amount.currency),
      ...(presentmentAmount
        ? { presentmentAmount: Money.parse(presentmentAmount.amount, presentmentAmount.currency) }
        : {}),
    })),
  };
}
