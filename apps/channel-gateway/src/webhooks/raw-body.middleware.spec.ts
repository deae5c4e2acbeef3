import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import type { RawBodyRequest } from '@nestjs/common';
import { describe, expect, it, vi } from 'vitest';
import { createRawBodyMiddleware } from './raw-body.middleware.js';

type FakeRequest = RawBodyRequest<IncomingMessage>;

interface Outcome {
  nextCalled: boolean;
  rawBody?: Buffer;
  status?: number;
  rejected: number;
}

/** Streams `chunks` through the middleware and reports what it did. */
async function run(
  chunks: Buffer[],
  {
    limitBytes = 16,
    method = 'POST',
    contentLength,
  }: Partial<{
    limitBytes: number;
    method: string;
    contentLength: number;
  }> = {},
): Promise<Outcome> {
  const stream = new PassThrough();
  const request = Object.assign(stream, {
    method,
    headers: contentLength === undefined ? {} : { 'content-length': String(contentLength) },
  }) as unknown as FakeRequest;
  const outcome: Outcome = { nextCalled: false, rejected: 0 };
  const done = new Promise<void>((resolve) => {
    const response = {
      statusCode: 200,
      setHeader: vi.fn(),
      end: () => {
        outcome.status = response.statusCode;
        resolve();
      },
      destroy: vi.fn(),
    };
    const middleware = createRawBodyMiddleware(limitBytes, () => (outcome.rejected += 1));
    middleware(request, response as unknown as ServerResponse, () => {
      outcome.nextCalled = true;
      outcome.rawBody = request.rawBody;
      resolve();
    });
  });
  for (const chunk of chunks) {
    stream.write(chunk);
  }

  stream.end();
  await done;

  return outcome;
}

describe('createRawBodyMiddleware', () => {
  it('keeps the exact bytes of a body within the limit', async () => {
    const outcome = await run([Buffer.from('{"a":'), Buffer.from(' 1}')]);

    expect(outcome.nextCalled).toBe(true);
    expect(outcome.rawBody?.toString('utf8')).toBe('{"a": 1}');
  });

  it('accepts a body of exactly the limit', async () => {
    const outcome = await run([Buffer.alloc(16, 0x61)]);

    expect(outcome.rawBody).toHaveLength(16);
  });

  it('responds 413 to a chunked body over the limit', async () => {
    const outcome = await run([Buffer.alloc(10, 0x61), Buffer.alloc(10, 0x61)]);

    expect(outcome.status).toBe(413);
    expect(outcome.nextCalled).toBe(false);
    expect(outcome.rejected).toBe(1);
  });

  it('responds 413 to a declared length over the limit', async () => {
    const outcome = await run([Buffer.from('{}')], { contentLength: 1_000 });

    expect(outcome.status).toBe(413);
  });

  it('passes other methods through unread', async () => {
    const outcome = await run([Buffer.from('ignored')], { method: 'GET' });

    expect(outcome.nextCalled).toBe(true);
    expect(outcome.rawBody).toBeUndefined();
  });
});
