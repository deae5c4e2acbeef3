import { createHash } from 'node:crypto';

export type ParsedWebhookBody = { ok: true; value: unknown } | { ok: false; message: string };

// `fatal` makes invalid UTF-8 an error instead of replacement characters that still parse.
const UTF8_DECODER = new TextDecoder('utf-8', { fatal: true });

/** Parses the raw body as UTF-8 JSON (RFC 8259); a byte order mark is skipped. */
export function parseWebhookBody(rawBody: Buffer): ParsedWebhookBody {
  let text: string;
  try {
    text = UTF8_DECODER.decode(rawBody);
  } catch {
    return { ok: false, message: 'Request body is not valid UTF-8' };
  }

  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const detail = error instanceof SyntaxError ? `: ${error.message}` : '';

    return { ok: false, message: `Request body is not valid JSON${detail}` };
  }
}

/** Returns the SHA-256 of the raw body as lower-case hex, the key for comparing duplicates. */
export function bodySha256(rawBody: Buffer): string {
  return createHash('sha256').update(rawBody).digest('hex');
}
