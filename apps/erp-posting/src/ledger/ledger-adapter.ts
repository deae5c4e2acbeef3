import { PermanentError, TransientError } from '@retail-sync/messaging';
import type { DataSource, EntityManager } from 'typeorm';
import type { ClosedPeriodPolicy } from '../erp-posting-config.js';
import {
  periodOf,
  type ErpAdapter,
  type PostOptions,
  type PostedDocument,
} from '../erp/erp-adapter.js';
import type { JournalEntryDraft } from '../posting/journal-entry-draft.js';
import { closedPeriodsFrom, lockPeriods } from './accounting-periods.js';
import type { LedgerEntry } from './ledger-entry.js';
import { insertEntries, insertLines, type PlacedDraft } from './ledger-inserts.js';
import {
  BUILTIN_LEDGER_NAME,
  computeTrialBalance,
  findBookedEntries,
  listEntriesByOrder,
} from './ledger-queries.js';
import { placeInOpenPeriod } from './period-policy.js';
import type { TrialBalance } from './trial-balance.js';

/** Attempts to place a batch before giving up, when periods keep closing while it is placed. */
const MAX_PLACEMENT_ATTEMPTS = 3;

/** SQLSTATE class 23: the ledger's constraints and triggers rejected the entry. */
const INTEGRITY_VIOLATION = /^23/;

/** The built-in double-entry ledger in its own PostgreSQL database. */
export class LedgerAdapter implements ErpAdapter {
  readonly name = BUILTIN_LEDGER_NAME;

  constructor(
    private readonly dataSource: DataSource,
    private readonly closedPeriodPolicy: ClosedPeriodPolicy,
  ) {}

  /**
   * Posts the drafts in one ledger transaction. Keys already in the ledger return their existing
   * documents, even when their period has closed since; only new drafts are placed in periods.
   */
  async post(drafts: JournalEntryDraft[], options: PostOptions = {}): Promise<PostedDocument[]> {
    if (drafts.length === 0) {
      return [];
    }

    for (const draft of drafts) {
      if (draft.lines.length === 0) {
        throw new PermanentError(
          `Cannot post ${draft.idempotencyKey}: the entry has no lines.`,
          'posting.empty-entry',
        );
      }
    }

    try {
      return await this.dataSource.transaction((manager) => this.postIn(manager, drafts, options));
    } catch (error) {
      throw toPostingFailure(error);
    }
  }

  listByOrder(orderId: string): Promise<LedgerEntry[]> {
    return listEntriesByOrder(this.dataSource, orderId);
  }

  trialBalance(): Promise<TrialBalance> {
    return computeTrialBalance(this.dataSource);
  }

  private async postIn(
    manager: EntityManager,
    drafts: JournalEntryDraft[],
    options: PostOptions,
  ): Promise<PostedDocument[]> {
    const keys = [...new Set(drafts.map((draft) => draft.idempotencyKey))];
    const existing = await findBookedEntries(manager, keys);
    const fresh = uniqueByKey(drafts.filter((draft) => !existing.has(draft.idempotencyKey)));
    let created = new Map<string, string>();
    if (fresh.length > 0) {
      await assertReversedEntriesExist(manager, fresh);
      const placed = await this.placeAll(manager, fresh);
      created = await insertEntries(manager, placed, options.traceId);
      await insertLines(manager, fresh, created);
    }

    const booked = await findBookedEntries(manager, keys);

    return drafts.map((draft) => {
      const entry = booked.get(draft.idempotencyKey);
      if (!entry) {
        throw new Error(`Ledger lost ${draft.idempotencyKey} between insert and read-back.`);
      }

      return {
        idempotencyKey: draft.idempotencyKey,
        documentId: entry.documentId,
        postingDate: entry.postingDate,
        period: entry.period,
        created: created.has(draft.idempotencyKey),
      };
    });
  }

  /**
   * Places every draft in an open period and share-locks the chosen periods, so none of them can
   * close before this transaction commits. A period that closed between the read and the lock
   * sends the batch round again.
   */
  private async placeAll(
    manager: EntityManager,
    drafts: JournalEntryDraft[],
  ): Promise<PlacedDraft[]> {
    const earliest = drafts.map((draft) => periodOf(draft.postingDate)).sort()[0];
    for (let attempt = 1; attempt <= MAX_PLACEMENT_ATTEMPTS; attempt += 1) {
      const closed = await closedPeriodsFrom(manager, earliest);
      const placed = drafts.map((draft) => ({
        draft,
        placement: placeInOpenPeriod(
          draft.postingDate,
          closed,
          this.closedPeriodPolicy,
          draft.idempotencyKey,
        ),
      }));
      const periods = [...new Set(placed.map((item) => item.placement.period))];
      const closedMeanwhile = await lockPeriods(manager, periods);
      if (closedMeanwhile.length === 0) {
        return placed;
      }
    }

    throw new TransientError(
      `Accounting periods kept closing while posting ${drafts.length} entries; retrying later.`,
      'ledger.period-race',
    );
  }
}

async function assertReversedEntriesExist(
  manager: EntityManager,
  drafts: JournalEntryDraft[],
): Promise<void> {
  const reversedKeys = drafts
    .map((draft) => draft.reversesIdempotencyKey)
    .filter((key): key is string => key !== undefined);
  if (reversedKeys.length === 0) {
    return;
  }

  const found = await findBookedEntries(manager, reversedKeys);
  const missing = reversedKeys.find((key) => !found.has(key));
  if (missing !== undefined) {
    throw new PermanentError(
      `Cannot post a reversal of ${missing}: the ledger has no entry with that key. Post the ` +
        'original entry first, then replay.',
      'posting.reversed-entry-missing',
    );
  }
}

function uniqueByKey(drafts: JournalEntryDraft[]): JournalEntryDraft[] {
  const byKey = new Map(drafts.map((draft) => [draft.idempotencyKey, draft]));

  return [...byKey.values()];
}

/**
 * Converts a constraint or trigger violation to PermanentError, because it means the entry itself
 * is wrong and retrying cannot help.
 */
function toPostingFailure(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) {
    return error;
  }

  const { code, driverError } = error as { code?: unknown; driverError?: { code?: unknown } };
  const sqlState = driverError?.code ?? code;
  if (typeof sqlState === 'string' && INTEGRITY_VIOLATION.test(sqlState)) {
    const message = error instanceof Error ? error.message : String(error);

    return new PermanentError(`The ledger rejected the entry: ${message}`, 'erp.rejected');
  }

  return error;
}
