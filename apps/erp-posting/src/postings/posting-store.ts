import { valuesList } from '@retail-sync/persistence';
import type { EntityManager } from 'typeorm';
import type { JournalEntryDraft } from '../posting/journal-entry-draft.js';
import {
  decodeDraft,
  encodeDraft,
  type StoredJournalEntryDraft,
} from './journal-entry-draft-codec.js';

export type PostingKind = 'sale' | 'reversal' | 'payment';
export type PostingStatus = 'posted' | 'skipped-cancelled';

export interface PostingRecord {
  kind: PostingKind;
  status: PostingStatus;
  draft: JournalEntryDraft;
  /** Sum of the entry's debits in minor units of `draft.currency`. */
  totalMinor: bigint;
  traceId?: string;
  adapter?: string;
  erpDocumentId?: string;
  reversesDocumentId?: string;
  postingDate?: string;
  period?: string;
  /** The order version a sale or payment entry was built from. */
  orderVersion?: number;
}

/** A sale or payment entry the ERP accepted, with what a reversal needs. */
export interface PostedSale {
  kind: PostingKind;
  draft: JournalEntryDraft;
  erpDocumentId: string;
  /** The order version it was built from; undefined for sales recorded before versions were. */
  orderVersion?: number;
}

const POSTING_CASTS = [
  'text',
  'uuid',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'date',
  'text',
  'bigint',
  'text',
  'text',
  'jsonb',
  'integer',
];

/**
 * Serializes all work on one order within this service's database until the transaction ends,
 * so an assessed event and a cancellation of the same order never decide at the same time.
 */
export async function lockOrder(manager: EntityManager, orderId: string): Promise<void> {
  await manager.query("SELECT pg_advisory_xact_lock(hashtext('erp-posting.order'), hashtext($1))", [
    orderId,
  ]);
}

export async function findPostingStatus(
  manager: EntityManager,
  idempotencyKey: string,
): Promise<PostingStatus | undefined> {
  const rows: { status: PostingStatus }[] = await manager.query(
    'SELECT status FROM posting WHERE idempotency_key = $1',
    [idempotencyKey],
  );

  return rows[0]?.status;
}

export async function findPostedSales(
  manager: EntityManager,
  orderId: string,
): Promise<PostedSale[]> {
  return findPostedEntries(manager, orderId, ['sale']);
}

/** Returns the order's posted sale and payment entries, which together settle the order. */
export async function findPostedSettlement(
  manager: EntityManager,
  orderId: string,
): Promise<PostedSale[]> {
  return findPostedEntries(manager, orderId, ['sale', 'payment']);
}

/** Returns whether any entry of the order was reversed, as after a cancellation. */
export async function hasReversal(manager: EntityManager, orderId: string): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    "SELECT 1 FROM posting WHERE order_id = $1 AND kind = 'reversal' LIMIT 1",
    [orderId],
  );

  return rows.length > 0;
}

async function findPostedEntries(
  manager: EntityManager,
  orderId: string,
  kinds: PostingKind[],
): Promise<PostedSale[]> {
  const rows: {
    kind: PostingKind;
    entry_draft: StoredJournalEntryDraft;
    erp_document_id: string;
    order_version: number | null;
  }[] = await manager.query(
    `SELECT kind, entry_draft, erp_document_id, order_version FROM posting
      WHERE order_id = $1 AND kind = ANY($2::text[]) AND status = 'posted' ORDER BY id`,
    [orderId, kinds],
  );

  return rows.map((row) => ({
    kind: row.kind,
    draft: decodeDraft(row.entry_draft),
    erpDocumentId: row.erp_document_id,
    ...(row.order_version === null ? {} : { orderVersion: row.order_version }),
  }));
}

export async function hasPendingCancellation(
  manager: EntityManager,
  orderId: string,
): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    'SELECT 1 FROM pending_cancellation WHERE order_id = $1',
    [orderId],
  );

  return rows.length > 0;
}

export interface PendingCancellation {
  orderId: string;
  sourceDocument: string;
  orderVersion: number;
  cancelledAt?: string;
  reason?: string;
  messageId: string;
}

/** Records a cancellation that arrived before any sale was posted; a repeat is a no-op. */
export async function recordPendingCancellation(
  manager: EntityManager,
  cancellation: PendingCancellation,
): Promise<void> {
  await manager.query(
    `INSERT INTO pending_cancellation
       (order_id, source_document, order_version, cancelled_at, reason, message_id)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (order_id) DO NOTHING`,
    [
      cancellation.orderId,
      cancellation.sourceDocument,
      cancellation.orderVersion,
      cancellation.cancelledAt ?? null,
      cancellation.reason ?? null,
      cancellation.messageId,
    ],
  );
}

/**
 * Inserts posting rows with ON CONFLICT (idempotency_key) DO NOTHING and returns the time each
 * newly inserted row was recorded, by key. Keys missing from the result were recorded before.
 */
export async function insertPostings(
  manager: EntityManager,
  records: PostingRecord[],
): Promise<Map<string, Date>> {
  if (records.length === 0) {
    return new Map();
  }

  const parameters = records.flatMap((record) => [
    record.draft.idempotencyKey,
    record.draft.orderId,
    record.draft.sourceDocument,
    record.draft.ruleVersion,
    record.kind,
    record.status,
    record.adapter ?? null,
    record.erpDocumentId ?? null,
    record.reversesDocumentId ?? null,
    record.postingDate ?? null,
    record.period ?? null,
    record.totalMinor.toString(),
    record.draft.currency,
    record.traceId ?? null,
    encodeDraft(record.draft),
    record.orderVersion ?? null,
  ]);
  const rows: { idempotency_key: string; posted_at: Date }[] = await manager.query(
    `INSERT INTO posting (idempotency_key, order_id, source_document, rule_version, kind, status,
       adapter, erp_document_id, reverses_document_id, posting_date, period, total_minor, currency,
       trace_id, entry_draft, order_version)
     VALUES ${valuesList(records.length, POSTING_CASTS.length, POSTING_CASTS)}
     ON CONFLICT (idempotency_key) DO NOTHING
     RETURNING idempotency_key, posted_at`,
    parameters,
  );

  return new Map(rows.map((row) => [row.idempotency_key, row.posted_at]));
}
