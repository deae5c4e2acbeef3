import { describe, expect, it } from 'vitest';
import { signShopifyBody, verifyShopifyHmac } from './shopify-hmac.js';

const secret = 'hush-webhook-secret';
const body = Buffer.from('{"id":450789469,"total_price":"598.94"}', 'utf8');

describe('verifyShopifyHmac', () => {
  it('accepts a valid signature', () => {
    expect(verifyShopifyHmac(body, signShopifyBody(body, secret), secret)).toBe(true);
  });

  it('rejects a tampered body', () => {
    const signature = signShopifyBody(body, secret);
    const tampered = Buffer.from('{"id":450789469,"total_price":"0.01"}', 'utf8');

    expect(verifyShopifyHmac(tampered, signature, secret)).toBe(false);
  });

  it('rejects a signature made with another secret', () => {
    expect(verifyShopifyHmac(body, signShopifyBody(body, 'other-secret'), secret)).toBe(false);
  });

  it('rejects a missing header', () => {
    expect(verifyShopifyHmac(body, undefined, secret)).toBe(false);
  });

  it('rejects an empty header', () => {
    expect(verifyShopifyHmac(body, '', secret)).toBe(false);
  });

  it('rejects a header of the wrong length', () => {
    const signature = signShopifyBody(body, secret);

    expect(verifyShopifyHmac(body, signature.slice(0, 20), secret)).toBe(false);
    expect(verifyShopifyHmac(body, `${signature}AAAA`, secret)).toBe(false);
  });

  it('rejects a non-base64 header', () => {
    const nonBase64 = '!'.repeat(43) + '=';

    expect(() => verifyShopifyHmac(body, nonBase64, secret)).not.toThrow();
    expect(verifyShopifyHmac(body, nonBase64, secret)).toBe(false);
  });

  it('rejects a signature with characters mixed into valid base64', () => {
    // Node's base64 decoder skips unknown characters, so this would decode to the valid digest.
    const signature = signShopifyBody(body, secret);
    const padded = `${signature.slice(0, 10)}*${signature.slice(10)}`;

    expect(verifyShopifyHmac(body, padded, secret)).toBe(false);
  });

  it('rejects every header when the secret is empty', () => {
    expect(verifyShopifyHmac(body, signShopifyBody(body, ''), '')).toBe(false);
  });

  it('verifies the exact bytes, not re-serialized JSON', () => {
    const spaced = Buffer.from('{"id": 450789469, "total_price": "598.94"}', 'utf8');
    const reserialized = Buffer.from(JSON.stringify(JSON.parse(spaced.toString('utf8'))), 'utf8');

    expect(verifyShopifyHmac(reserialized, signShopifyBody(spaced, secret), secret)).toBe(false);
  });
});

describe('signShopifyBody', () => {
  it('matches a known HMAC-SHA256 base64 digest', () => {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
    const digest = signShopifyBody(Buffer.from('what do ya want for nothing?'), 'Jefe');

    expect(Buffer.from(digest, 'base64').toString('hex')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });
});
