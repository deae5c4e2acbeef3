import { PermanentError } from '@retail-sync/messaging';
import type { JournalEntryDraft } from '../../posting/journal-entry-draft.js';
import { periodOf, type PostedDocument } from '../erp-adapter.js';

/** Characters of an ERP error body kept in the error message. */
const BODY_EXCERPT_LENGTH = 500;
const POSTING_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads `{ documentId, postingDate? }` from a 200, 201 or 409 (already posted) response. */
export function readPostedDocument(
  draft: JournalEntryDraft,
  status: number,
  text: string,
): PostedDocument {
  let body: { documentId?: unknown; postingDate?: unknown } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // Reported below as a missing documentId.
  }

  const { documentId, postingDate = draft.postingDate } = body ?? {};
  if (typeof documentId !== 'string' || documentId.trim() === '' || documentId.length > 255) {
    throw new PermanentError(
      `ERP responded to ${draft.idempotencyKey} with HTTP ${status} but no valid documentId ` +
        `(body: ${excerpt(text)}). Expected JSON {"documentId": "<1-255 characters>"}.`,
      'erp.invalid-response',
    );
  }

  if (typeof postingDate !== 'string' || !POSTING_DATE.test(postingDate)) {
    throw new PermanentError(
      `ERP responded to ${draft.idempotencyKey} with invalid postingDate ` +
        `${JSON.stringify(postingDate)}; expected YYYY-MM-DD.`,
      'erp.invalid-response',
    );
  }

  return {
    idempotencyKey: draft.idempotencyKey,
    documentId,
    postingDate,
    period: periodOf(postingDate),
    created: status === 201,
  };
}

/** Returns the ERP response body on one line, cut to 500 characters. */
export function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();

  return flat.length > BODY_EXCERPT_LENGTH
    ? `${flat.slice(0, BODY_EXCERPT_LENGTH)}…`
    : flat || '(empty body)';
}

/** Returns the cause of a failed fetch, e.g. ECONNREFUSED. */
export function describeCause(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (typeof cause?.code === 'string') {
    return cause.code;
  }

  if (typeof cause?.message === 'string') {
    return cause.message;
  }

  return error instanceof Error ? error.message : String(error);
}
