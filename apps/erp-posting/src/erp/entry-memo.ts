import type { JournalEntryDraft } from '../posting/journal-entry-draft.js';

/** Describes the entry as a whole for the ERP's memo field; lines carry their own memos. */
export function describeEntry(draft: JournalEntryDraft): string {
  if (draft.reversesIdempotencyKey !== undefined) {
    return `Reversal of ${draft.reversesIdempotencyKey}: ${draft.reversalReason ?? 'no reason given'}`;
  }

  return `Sale ${draft.sourceDocument} (${draft.ruleVersion})`;
}
