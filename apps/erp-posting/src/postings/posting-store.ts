import { valuesList } from '@retail-sync/persistence';
import type { EntityManager } from 'typeorm';
import type { JournalEntryDraft } from '../posting/journal-entry-draft.js';
import {
  decodeDraft,
  encodeDraft,
  type StoredJournalEntryDraft,
} from './journal-entry-draft-codec.js';

export type PostingKind = 'sale' | 'reversal';
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
}

/** A sale the ERP accepted, with what a reversal needs. */
export interface PostedSale {
  draft: JournalEntryDraft;
  erpDocumentId: string;
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
  const rows: { entry_draft: StoredJournalEntryDraft; erp_document_id: string }[] =
    await manager.query(
      `SELECT entry_draft, erp_document_id FROM posting
        WHERE order_id = $1 AND kind = 'sale' AND status = 'posted' ORDER BY id`,
      [orderId],
    );

  return rows.map((row) => ({
    draft: decodeDraft(row.entry_draft),
    erpDocumentId: row.erp_document_id,
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
  ]);
  const rows: { idempotency_key: string; posted_at: Date }[] = await manager.query(
    `INSERT INTO posting (idempotency_key, order_id, source_document, rule_version, kind, status,
       adapter, erp_document_id, reverses_document_id, posting_date, period, total_minor, currency,
       trace_id, entry_draft)
     VALUES ${valuesList(records.length, POSTING_CASTS.length, POSTING_CASTS)}
     ON CONFLICT (idempotency_key) DO NOTHING
     RETURNING idempotency_key, posted_at`,
    parameters,
  );

  return new Map(rows.map((row) => [row.idempotency_key, row.posted_at]));
}
