import type { JournalEntryDraft } from '../posting/journal-entry-draft.js';
import type { LedgerEntry } from '../ledger/ledger-entry.js';
import type { TrialBalance } from '../ledger/trial-balance.js';

/** The ERP's record of one posted draft. */
export interface PostedDocument {
  idempotencyKey: string;
  /** The ERP's document id, e.g. `JE-000123` in the built-in ledger. */
  documentId: string;
  /** The date and period the ERP booked the entry in, which a closed period can move. */
  postingDate: string;
  period: string;
  /** True when this call created the document (a ledger insert or HTTP 201), else false. */
  created: boolean;
}

export interface PostOptions {
  /** Trace id stored on the ERP document, so a person can follow an entry back to its order. */
  traceId?: string;
}

/**
 * A ledger or ERP that accepts journal entries. `post` is idempotent on each draft's
 * idempotency key: posting a key again returns the existing document and never creates a second.
 * It throws TransientError when the ERP is busy or unreachable and PermanentError when it rejects
 * the entry.
 */
export interface ErpAdapter {
  /** Adapter name recorded with every posted document, e.g. `builtin-ledger`. */
  readonly name: string;
  post(drafts: JournalEntryDraft[], options?: PostOptions): Promise<PostedDocument[]>;
  /** Lists the entries posted for an order with their lines. Only queryable ERPs offer it. */
  listByOrder?(orderId: string): Promise<LedgerEntry[]>;
  trialBalance?(): Promise<TrialBalance>;
}

/** Nest injection token of the configured {@link ErpAdapter}. */
export const ERP_ADAPTER = Symbol('ErpAdapter');

/** Returns the accounting period (YYYY-MM) of a YYYY-MM-DD date. */
export function periodOf(postingDate: string): string {
  return postingDate.slice(0, 7);
}
