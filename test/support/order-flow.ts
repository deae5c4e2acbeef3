import { createHmac, randomUUID } from 'node:crypto';
import { dropDatabases } from './database.js';
import { freePort } from './free-port.js';
import { deleteNamespaceStreams } from './jetstream.js';
import { ServiceProcess } from './service-process.js';
import { NATS_URL, testDatabaseUrl, uniqueRunName } from './test-names.js';
import { waitFor } from './wait-for.js';

export const WEBHOOK_SECRET = 'test-webhook-secret';
const SERVICES = ['channel-gateway', 'orders', 'tax', 'erp-posting'] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface JournalLine {
  account: string;
  side: 'debit' | 'credit';
  amount: { amount: string; currency: string };
  presentmentAmount?: { amount: string; currency: string };
}

export interface JournalEntry {
  documentId: string;
  /** `order:<key>` for a sale and its reversal, `order:<key>#payment-v<n>` for a payment. */
  sourceDocument: string;
  currency: string;
  presentmentCurrency: string;
  fxRate?: string;
  traceId?: string;
  reversesDocumentId?: string;
  lines: JournalLine[];
}

/**
 * The four services of the order flow, each a separate process with its own database, on a
 * namespace of their own: the system as it runs in production, on one machine.
 */
export class OrderFlow {
  readonly run = uniqueRunName('e');
  readonly services = {} as Record<ServiceName, ServiceProcess>;

  constructor(private readonly extraEnv: Record<string, string> = {}) {}

  get databases(): string[] {
    return ['gateway', 'orders', 'tax', 'erp', 'ledger'].map((name) => `${this.run}_${name}`);
  }

  async start(): Promise<void> {
    const database = (name: string) => testDatabaseUrl(`${this.run}_${name}`);
    const env: Record<ServiceName, Record<string, string>> = {
      'channel-gateway': {
        DATABASE_URL: database('gateway'),
        SHOPIFY_WEBHOOK_SECRET: WEBHOOK_SECRET,
      },
      orders: { DATABASE_URL: database('orders') },
      tax: { DATABASE_URL: database('tax') },
      'erp-posting': { DATABASE_URL: database('erp'), LEDGER_DATABASE_URL: database('ledger') },
    };
    for (const name of SERVICES) {
      this.services[name] = new ServiceProcess({
        entry: `apps/${name}/dist/main.js`,
        name: `${this.run}-${name}`,
        port: await freePort(),
        env: {
          NATS_URL,
          MESSAGING_NAMESPACE: this.run,
          LOG_LEVEL: 'warn',
          CONSUMER_BACKOFF_INITIAL_MS: '200',
          ...this.extraEnv,
          ...env[name],
        },
      });
    }

    await Promise.all(SERVICES.map((name) => this.services[name].start(60_000)));
  }

  async stop(): Promise<void> {
    await Promise.allSettled(SERVICES.map((name) => this.services[name]?.terminate()));
    await dropDatabases(this.databases);
    await deleteNamespaceStreams(this.run);
  }

  /** Sends a signed Shopify webhook and returns the HTTP status and body. */
  async sendWebhook(
    body: unknown,
    options: { topic?: string; shop?: string; webhookId?: string; eventId?: string } = {},
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const raw = JSON.stringify(body);
    const webhookId = options.webhookId ?? randomUUID();
    const response = await fetch(`${this.services['channel-gateway'].url}/webhooks/shopify`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': options.topic ?? 'orders/create',
        'x-shopify-shop-domain': options.shop ?? 'demo-shop.myshopify.com',
        'x-shopify-webhook-id': webhookId,
        'x-shopify-event-id': options.eventId ?? webhookId,
        'x-shopify-triggered-at': new Date().toISOString(),
        'x-shopify-hmac-sha256': createHmac('sha256', WEBHOOK_SECRET).update(raw).digest('base64'),
      },
      body: raw,
    });

    return {
      status: response.status,
      body: (await response.json().catch(() => ({}))) as Record<string, unknown>,
    };
  }

  async orderId(externalId: string, shop = 'demo-shop.myshopify.com'): Promise<string | undefined> {
    return (await this.order(externalId, shop))?.id;
  }

  /** Returns the stored order's id, status and the channel's `updated_at` of its version. */
  async order(
    externalId: string,
    shop = 'demo-shop.myshopify.com',
  ): Promise<{ id: string; status: string; sourceUpdatedAt: string } | undefined> {
    const response = await fetch(
      `${this.services.orders.url}/orders?channel=shopify&shopId=${shop}&externalId=${externalId}`,
    );

    return response.ok
      ? ((await response.json()) as { id: string; status: string; sourceUpdatedAt: string })
      : undefined;
  }

  async journalEntries(orderId: string): Promise<JournalEntry[]> {
    const response = await fetch(
      `${this.services['erp-posting'].url}/journal-entries?orderId=${orderId}`,
    );

    return ((await response.json()) as { entries: JournalEntry[] }).entries;
  }

  /** Waits until the order has at least `count` journal entries and returns them. */
  async waitForEntries(externalId: string, shop?: string, count = 1): Promise<JournalEntry[]> {
    return waitFor(
      async () => {
        const id = await this.orderId(externalId, shop);
        const entries = id ? await this.journalEntries(id) : [];

        return entries.length >= count ? entries : undefined;
      },
      { label: `journal entries of order ${externalId}`, timeoutMs: 30_000 },
    );
  }

  async openExceptions(
    service: ServiceName,
  ): Promise<{ errorCode: string; errorMessage: string; envelope: unknown }[]> {
    const response = await fetch(`${this.services[service].url}/admin/exceptions?status=open`);

    return (
      (await response.json()) as {
        items: { errorCode: string; errorMessage: string; envelope: unknown }[];
      }
    ).items;
  }

  async trialBalance(): Promise<{
    currencies: {
      currency: string;
      totals: { debit: string; credit: string };
      accounts: { account: string; debit: string; credit: string; balance: string }[];
    }[];
  }> {
    return (await fetch(`${this.services['erp-posting'].url}/trial-balance`)).json() as never;
  }
}

/** Sums one side of an entry's lines, optionally only accounts matching `account`. */
export function sideTotal(entry: JournalEntry, side: 'debit' | 'credit', account?: RegExp): string {
  const cents = entry.lines
    .filter((line) => line.side === side && (!account || account.test(line.account)))
    .reduce((sum, line) => sum + BigInt(line.amount.amount.replace('.', '')), 0n);
  const text = cents.toString().padStart(3, '0');

  return `${text.slice(0, -2)}.${text.slice(-2)}`;
}

/** Lists an entry's lines as `Dr|Cr account amount` for readable assertions. */
export function describeLines(entry: JournalEntry): string[] {
  return entry.lines
    .map((line) => `${line.side === 'debit' ? 'Dr' : 'Cr'} ${line.account} ${line.amount.amount}`)
    .sort();
}
