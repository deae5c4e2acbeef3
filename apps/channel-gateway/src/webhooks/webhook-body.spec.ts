import { describe, expect, it } from 'vitest';
import { bodySha256, parseWebhookBody } from './webhook-body.js';

describe('parseWebhookBody', () => {
  it('parses a JSON object', () => {
    expect(parseWebhookBody(Buffer.from('{"id":1,"total_price":"9.99"}'))).toEqual({
      ok: true,
      value: { id: 1, total_price: '9.99' },
    });
  });

  it('skips a byte order mark', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"id":1}')]);

    expect(parseWebhookBody(body)).toEqual({ ok: true, value: { id: 1 } });
  });

  it('rejects truncated JSON', () => {
    const result = parseWebhookBody(Buffer.from('{"id": 1,'));

    expect(result.ok ? undefined : result.message).toMatch(/^Request body is not valid JSON/);
  });

  it('rejects an empty body', () => {
    expect(parseWebhookBody(Buffer.alloc(0)).ok).toBe(false);
  });

  it('rejects invalid UTF-8', () => {
    const body = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]);
    const result = parseWebhookBody(body);

    expect(result.ok ? undefined : result.message).toBe('Request body is not valid UTF-8');
  });
});

describe('bodySha256', () => {
  it('returns the lower-case hex digest', () => {
    expect(bodySha256(Buffer.from('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
