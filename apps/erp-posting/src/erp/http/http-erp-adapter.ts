import { PermanentError, TransientError } from '@retail-sync/messaging';
import { injectTraceContext } from '@retail-sync/observability';
import type { Logger } from 'pino';
import type { JournalEntryDraft } from '../../posting/journal-entry-draft.js';
import type { ErpAdapter, PostOptions, PostedDocument } from '../erp-adapter.js';
import type { ErpRequestLimiter } from '../erp-request-limiter.js';
import { toHttpErpEntryBody } from './http-erp-request-body.js';
import { describeCause, excerpt, readPostedDocument } from './http-erp-response.js';
import { parseRetryAfter } from './retry-after.js';

/** Delay after a 429 response that has no usable Retry-After header. */
const DEFAULT_THROTTLE_DELAY_MS = 1_000;

export interface HttpErpAdapterOptions {
  /** Adapter name recorded with each posted document, e.g. the vendor's name. */
  name: string;
  baseUrl: string;
  authToken?: string;
  timeoutMs: number;
}

/**
 * Posts journal entries to a vendor ERP over the HTTP contract in the service README. Every
 * request carries the draft's idempotency key in the `Idempotency-Key` header, so a retry after a
 * timeout or a crash returns the document the first request created.
 */
export class HttpErpAdapter implements ErpAdapter {
  readonly name: string;
  private readonly endpoint: string;

  constructor(
    private readonly options: HttpErpAdapterOptions,
    private readonly limiter: ErpRequestLimiter,
    private readonly logger: Logger,
  ) {
    this.name = options.name;
    this.endpoint = `${options.baseUrl.replace(/\/+$/, '')}/journal-entries`;
  }

  async post(drafts: JournalEntryDraft[], options: PostOptions = {}): Promise<PostedDocument[]> {
    // Captured here because a queued request may start in another request's async context.
    const traceHeaders = injectTraceContext();
    const results = await Promise.allSettled(
      drafts.map((draft) =>
        this.limiter.schedule(() =>
          this.postOne(
            draft,
            draft.traceId ?? options.traceId,
            draft.traceparent ? { traceparent: draft.traceparent } : traceHeaders,
          ),
        ),
      ),
    );
    const failure = results.find((result) => result.status === 'rejected');
    if (failure) {
      throw failure.reason;
    }

    return results.map((result) => (result as PromiseFulfilledResult<PostedDocument>).value);
  }

  private async postOne(
    draft: JournalEntryDraft,
    traceId: string | undefined,
    traceHeaders: Record<string, string>,
  ): Promise<PostedDocument> {
    const key = draft.idempotencyKey;
    const headers: Record<string, string> = {
      ...traceHeaders,
      'content-type': 'application/json',
      accept: 'application/json',
      'idempotency-key': key,
    };
    if (this.options.authToken) {
      headers.authorization = `Bearer ${this.options.authToken}`;
    }

    let response: Response;
    try {
      response = await fetch(this.endpoint, {
        method: 'POST',
        headers,
        body: JSON.stringify(toHttpErpEntryBody(draft, traceId)),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      const reason = timedOut
        ? `timed out after ${this.options.timeoutMs} ms`
        : `failed (${describeCause(error)})`;
      throw new TransientError(
        `ERP request POST ${this.endpoint} for ${key} ${reason}`,
        timedOut ? 'erp.timeout' : 'erp.unreachable',
      );
    }

    const text = await response.text().catch(() => '');

    return this.readResponse(draft, response, text);
  }

  private readResponse(draft: JournalEntryDraft, response: Response, text: string): PostedDocument {
    const key = draft.idempotencyKey;
    const { status } = response;
    if (status === 200 || status === 201 || status === 409) {
      return readPostedDocument(draft, status, text);
    }

    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now());
    if (status === 429) {
      const delay = retryAfterMs ?? DEFAULT_THROTTLE_DELAY_MS;
      this.limiter.pauseFor(delay);
      this.logger.warn({ idempotencyKey: key, retryAfterMs: delay }, 'ERP throttled a request');
      throw new TransientError(
        `ERP throttled ${key} with HTTP 429; retrying after ${delay} ms`,
        'erp.throttled',
        delay,
      );
    }

    if (status === 408 || status >= 500) {
      if (retryAfterMs !== undefined) {
        this.limiter.pauseFor(retryAfterMs);
      }

      throw new TransientError(
        `ERP failed ${key} with HTTP ${status}: ${excerpt(text)}`,
        'erp.unavailable',
        retryAfterMs,
      );
    }

    if (status >= 400) {
      throw new PermanentError(
        `ERP rejected ${key} with HTTP ${status}: ${excerpt(text)}. Fix the entry or the ERP's ` +
          'master data (accounts, periods), then replay the exception.',
        'erp.rejected',
      );
    }

    throw new PermanentError(
      `ERP responded to ${key} with unexpected HTTP ${status}; expected 200, 201, 409 or an error.`,
      'erp.invalid-response',
    );
  }
}
