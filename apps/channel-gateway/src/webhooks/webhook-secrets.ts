import { ConfigurationError } from '@retail-sync/service-kit';
import { DEMO_WEBHOOK_SECRET } from '../gateway-config.js';

export interface WebhookSecretSettings {
  SHOPIFY_WEBHOOK_SECRETS?: string;
  SHOPIFY_WEBHOOK_SECRET: string;
}

/**
 * The Shopify webhook secrets: one per listed shop, and a shared one for every other shop. The
 * demo default is never the shared secret once per-shop secrets are configured, so a deployment
 * that lists its shops rejects every other shop unless it sets SHOPIFY_WEBHOOK_SECRET itself.
 */
export class WebhookSecrets {
  private constructor(
    private readonly byShop: ReadonlyMap<string, string>,
    private readonly sharedSecret: string | undefined,
  ) {}

  /** Builds the secrets from the configuration; throws ConfigurationError for an invalid map. */
  static fromConfig(settings: WebhookSecretSettings): WebhookSecrets {
    const listed = settings.SHOPIFY_WEBHOOK_SECRETS;
    const byShop = listed === undefined ? new Map<string, string>() : parseShopSecrets(listed);
    const isDemo = settings.SHOPIFY_WEBHOOK_SECRET === DEMO_WEBHOOK_SECRET;
    const sharedSecret =
      listed !== undefined && isDemo ? undefined : settings.SHOPIFY_WEBHOOK_SECRET;

    return new WebhookSecrets(byShop, sharedSecret);
  }

  /** Whether the publicly known demo secret verifies deliveries, which is unsafe outside demos. */
  get usesDemoSecret(): boolean {
    return this.sharedSecret === DEMO_WEBHOOK_SECRET;
  }

  /** The number of shops with their own secret. */
  get shopCount(): number {
    return this.byShop.size;
  }

  /** Returns the secret for a lower-case shop domain, or undefined when none applies to it. */
  secretFor(shopDomain: string): string | undefined {
    return this.byShop.get(shopDomain) ?? this.sharedSecret;
  }
}

/** Parses `{"shop.myshopify.com": "secret", …}`, keyed by lower-case domain. */
function parseShopSecrets(json: string): Map<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new ConfigurationError([
      'SHOPIFY_WEBHOOK_SECRETS is not valid JSON; set it to an object such as ' +
        '{"shop.myshopify.com":"<secret>"}',
    ]);
  }

  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigurationError([
      'SHOPIFY_WEBHOOK_SECRETS must be a JSON object of shop domain to secret',
    ]);
  }

  const secrets = new Map<string, string>();
  const problems: string[] = [];
  for (const [key, secret] of Object.entries(parsed)) {
    const domain = key.trim().toLowerCase();
    // The secret itself never appears in a message, only the shop it belongs to.
    if (domain === '') {
      problems.push('SHOPIFY_WEBHOOK_SECRETS: a shop domain is empty');
    } else if (typeof secret !== 'string' || secret.trim() === '') {
      problems.push(`SHOPIFY_WEBHOOK_SECRETS: the secret for "${key}" must be a non-empty string`);
    } else if (secrets.has(domain)) {
      problems.push(`SHOPIFY_WEBHOOK_SECRETS: "${domain}" is listed more than once`);
    } else {
      secrets.set(domain, secret);
    }
  }

  if (problems.length > 0) {
    throw new ConfigurationError(problems);
  }

  return secrets;
}
