import { ConfigurationError } from '@retail-sync/service-kit';
import { describe, expect, it } from 'vitest';
import { DEMO_WEBHOOK_SECRET } from '../gateway-config.js';
import { WebhookSecrets } from './webhook-secrets.js';

const SHOP_SECRETS = JSON.stringify({
  'Shop-A.myshopify.com': 'secret-a',
  'shop-b.myshopify.com': 'secret-b',
});

describe('WebhookSecrets', () => {
  it('uses the demo secret when nothing is configured', () => {
    const secrets = WebhookSecrets.fromConfig({ SHOPIFY_WEBHOOK_SECRET: DEMO_WEBHOOK_SECRET });

    expect(secrets.secretFor('any-shop.myshopify.com')).toBe(DEMO_WEBHOOK_SECRET);
    expect(secrets.usesDemoSecret).toBe(true);
  });

  it('uses the shared secret for every shop', () => {
    const secrets = WebhookSecrets.fromConfig({ SHOPIFY_WEBHOOK_SECRET: 'shared-secret' });

    expect(secrets.secretFor('any-shop.myshopify.com')).toBe('shared-secret');
    expect(secrets.usesDemoSecret).toBe(false);
  });

  it('looks a listed shop up by lower-case domain', () => {
    const secrets = WebhookSecrets.fromConfig({
      SHOPIFY_WEBHOOK_SECRETS: SHOP_SECRETS,
      SHOPIFY_WEBHOOK_SECRET: DEMO_WEBHOOK_SECRET,
    });

    expect(secrets.secretFor('shop-a.myshopify.com')).toBe('secret-a');
    expect(secrets.secretFor('shop-b.myshopify.com')).toBe('secret-b');
    expect(secrets.shopCount).toBe(2);
  });

  it('has no secret for an unlisted shop beside the demo default', () => {
    const secrets = WebhookSecrets.fromConfig({
      SHOPIFY_WEBHOOK_SECRETS: SHOP_SECRETS,
      SHOPIFY_WEBHOOK_SECRET: DEMO_WEBHOOK_SECRET,
    });

    expect(secrets.secretFor('shop-c.myshopify.com')).toBeUndefined();
    expect(secrets.usesDemoSecret).toBe(false);
  });

  it('falls back to a configured shared secret for an unlisted shop', () => {
    const secrets = WebhookSecrets.fromConfig({
      SHOPIFY_WEBHOOK_SECRETS: SHOP_SECRETS,
      SHOPIFY_WEBHOOK_SECRET: 'shared-secret',
    });

    expect(secrets.secretFor('shop-c.myshopify.com')).toBe('shared-secret');
    expect(secrets.secretFor('shop-a.myshopify.com')).toBe('secret-a');
  });

  it.each([
    ['invalid JSON', '{"shop-a.myshopify.com":'],
    ['an array', '["secret-a"]'],
    ['an empty secret', '{"shop-a.myshopify.com":" "}'],
    ['a numeric secret', '{"shop-a.myshopify.com":42}'],
    ['an empty domain', '{"":"secret-a"}'],
    ['a domain listed twice', '{"shop-a.myshopify.com":"a","SHOP-A.myshopify.com":"b"}'],
  ])('rejects %s', (_case, json) => {
    expect(() =>
      WebhookSecrets.fromConfig({
        SHOPIFY_WEBHOOK_SECRETS: json,
        SHOPIFY_WEBHOOK_SECRET: DEMO_WEBHOOK_SECRET,
      }),
    ).toThrow(ConfigurationError);
  });

  it('keeps secrets out of configuration errors', () => {
    const attempt = (): WebhookSecrets =>
      WebhookSecrets.fromConfig({
        SHOPIFY_WEBHOOK_SECRETS: '{"shop-a.myshopify.com":"secret-a","SHOP-A.myshopify.com":7}',
        SHOPIFY_WEBHOOK_SECRET: DEMO_WEBHOOK_SECRET,
      });

    expect(attempt).toThrow(/SHOP-A\.myshopify\.com/);
    expect(attempt).not.toThrow(/secret-a/);
  });
});
