import { createHmac, timingSafeEqual } from 'node:crypto';

/** A base64 SHA-256 digest: 32 bytes encode to 43 characters and one `=` of padding. */
const BASE64_SHA256_PATTERN = /^[A-Za-z0-9+/]{43}=$/;

/**
 * Signs a webhook body the way Shopify does for `X-Shopify-Hmac-Sha256`: HMAC-SHA256 of the raw
 * body bytes keyed with the app's client secret, encoded as base64.
 */
export function signShopifyBody(rawBody: Buffer, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}

/**
 * Checks an `X-Shopify-Hmac-Sha256` header against the raw body bytes in constant time. Returns
 * false, and never throws, for a missing, malformed or mismatched header and for an empty secret.
 * Pass the exact bytes received, because re-serialized JSON differs from them and fails to verify.
 */
export function verifyShopifyHmac(
  rawBody: Buffer,
  headerValue: string | undefined,
  secret: string,
): boolean {
  // An empty key is a configuration error, and anyone could sign with it.
  if (secret.length === 0 || headerValue === undefined) {
    return false;
  }

  // Buffer.from(…, 'base64') skips characters outside the alphabet, so the header's shape is
  // checked first to keep a non-base64 value from decoding into a shorter or different digest.
  if (!BASE64_SHA256_PATTERN.test(headerValue)) {
    return false;
  }

  const received = Buffer.from(headerValue, 'base64');
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  if (received.length !== expected.length) {
    return false;
  }

  return timingSafeEqual(received, expected);
}
