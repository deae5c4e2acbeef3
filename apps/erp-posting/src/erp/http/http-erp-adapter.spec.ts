import { createServer, type Server } from 'node:http';
import { PermanentError, TransientError } from '@retail-sync/messaging';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadChartOfAccounts } from '../../posting/chart-of-accounts.js';
import type { JournalEntryDraft } from '../../posting/journal-entry-draft.js';
import { buildOrderSaleEntry } from '../../posting/order-sale-posting-rule.js';
import {
  buildAssessedOrderEvent,
  CHART_OF_ACCOUNTS_FILE,
} from '../../posting/testing/assessed-order-fixture.js';
import { ErpRequestLimiter } from '../erp-request-limiter.js';
import { HttpErpAdapter } from './http-erp-adapter.js';

interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  delayMs?: number;
}

describe('HttpErpAdapter', () => {
  const replies: Reply[] = [];
  const arrivals: number[] = [];
  let server: Server;
  let baseUrl: string;
  let limiter: ErpRequestLimiter;
  let draft: JournalEntryDraft;

  const adapter = (timeoutMs = 2_000, url = baseUrl) =>
    new HttpErpAdapter(
      { name: 'vendor', baseUrl: url, timeoutMs },
      limiter,
      pino({ level: 'silent' }),
    );

  beforeAll(async () => {
    server = createServer((request, response) => {
      arrivals.push(Date.now());
      request.resume();
      request.on('end', () => {
        const reply = replies.shift() ?? { status: 201, body: '{"documentId":"DOC-1"}' };
        setTimeout(() => {
          response.writeHead(reply.status, reply.headers);
          response.end(reply.body ?? '');
        }, reply.delayMs ?? 0);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
    const chart = await loadChartOfAccounts(CHART_OF_ACCOUNTS_FILE);
    draft = buildOrderSaleEntry(
      buildAssessedOrderEvent({ lines: [{ gross: '10.00' }], transactions: [{ amount: '10.00' }] }),
      chart,
    );
  });

  afterEach(() => {
    limiter?.onApplicationShutdown();
    replies.length = 0;
    arrivals.length = 0;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const newLimiter = () => {
    limiter = new ErpRequestLimiter({ maxConcurrency: 4, maxRequestsPerSecond: 50 });
  };

  it('returns the created document', async () => {
    newLimiter();
    replies.push({ status: 201, body: '{"documentId":"DOC-7"}' });

    const [document] = await adapter().post([draft]);

    expect(document).toEqual({
      idempotencyKey: draft.idempotencyKey,
      documentId: 'DOC-7',
      postingDate: draft.postingDate,
      period: draft.postingDate.slice(0, 7),
      created: true,
    });
  });

  it('returns the existing document of a 409', async () => {
    newLimiter();
    replies.push({ status: 409, body: '{"documentId":"DOC-OLD","postingDate":"2024-07-01"}' });

    const [document] = await adapter().post([draft]);

    expect(document.documentId).toBe('DOC-OLD');
    expect(document.period).toBe('2024-07');
    expect(document.created).toBe(false);
  });

  it('throws erp.throttled and pauses later requests', async () => {
    newLimiter();
    replies.push({ status: 429, headers: { 'retry-after': '1' } });
    const erp = adapter();

    const error = await erp.post([draft]).catch((caught: unknown) => caught);
    const [document] = await erp.post([draft]);

    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).code).toBe('erp.throttled');
    expect((error as TransientError).retryAfterMs).toBe(1_000);
    expect(document.documentId).toBe('DOC-1');
    expect(arrivals[1] - arrivals[0]).toBeGreaterThanOrEqual(1_000);
  });

  it('fails fast while a long pause lasts', async () => {
    newLimiter();
    replies.push({ status: 429, headers: { 'retry-after': '60' } });
    const erp = adapter();
    await erp.post([draft]).catch(() => undefined);

    const error = await erp.post([draft]).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).retryAfterMs).toBeGreaterThan(55_000);
    expect(arrivals).toHaveLength(1);
  });

  it.each([
    [500, 'erp.unavailable'],
    [503, 'erp.unavailable'],
    [408, 'erp.unavailable'],
  ])('throws TransientError on HTTP %i', async (status, code) => {
    newLimiter();
    replies.push({ status, body: 'busy' });

    const error = await adapter()
      .post([draft])
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).code).toBe(code);
  });

  it.each([
    [400, '{"error":"unknown account"}', 'erp.rejected'],
    [422, '{"error":"period closed"}', 'erp.rejected'],
    [201, '{}', 'erp.invalid-response'],
    [201, 'not json', 'erp.invalid-response'],
    [200, '{"documentId":"D","postingDate":"July"}', 'erp.invalid-response'],
  ])('throws PermanentError on HTTP %i %s', async (status, body, code) => {
    newLimiter();
    replies.push({ status, body });

    const error = await adapter()
      .post([draft])
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PermanentError);
    expect((error as PermanentError).code).toBe(code);
  });

  it('throws erp.timeout when the ERP does not answer in time', async () => {
    newLimiter();
    replies.push({ status: 201, body: '{"documentId":"LATE"}', delayMs: 500 });

    const error = await adapter(100)
      .post([draft])
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).code).toBe('erp.timeout');
  });

  it('throws erp.unreachable when nothing listens', async () => {
    newLimiter();
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const address = closed.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await new Promise((resolve) => closed.close(resolve));

    const error = await adapter(2_000, `http://127.0.0.1:${port}`)
      .post([draft])
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).code).toBe('erp.unreachable');
    expect((error as TransientError).message).toContain('ECONNREFUSED');
  });
});
