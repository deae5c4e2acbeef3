import { Money } from '@retail-sync/contracts';
import type { JournalEntryDraft, JournalSide } from '../journal-entry-draft.js';

/** Formats each line as "Dr <account> <amount>" or "Cr <account> <amount>" for readable asserts. */
export function summarizeJournalLines(entry: JournalEntryDraft): string[] {
  return entry.lines.map(
    (line) => `${line.side === 'debit' ? 'Dr' : 'Cr'} ${line.account} ${line.amount.toDecimal()}`,
  );
}

/** Sums one side of one account in the entry's currency. */
export function sumAccount(entry: JournalEntryDraft, account: string, side: JournalSide): Money {
  const amounts = entry.lines
    .filter((line) => line.account === account && line.side === side)
    .map((line) => line.amount);

  return Money.sum(amounts, entry.currency);
}
