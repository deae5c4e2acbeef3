import type { JournalEntry } from '../support/order-flow.js';
import { mapLimit } from './map-limit.js';
import type { OrderOutcome } from './delivery-driver.js';
import type { InstanceName, ServiceCluster } from './service-cluster.js';

/** What the services hold for one order after the run. */
export interface StoredOrder {
  externalId: string;
  orderId?: string;
  status?: string;
  sourceUpdatedAt?: string;
  entries: JournalEntry[];
}

export interface ExceptionItem {
  service: InstanceName;
  consumer: string;
  errorCode: string;
  errorMessage: string;
  envelope: unknown;
}

export interface TrialBalance {
  currencies: {
    currency: string;
    totals: { debit: string; credit: string };
  }[];
}

const READ_CONCURRENCY = 16;
/** Services whose exception lists are read; the gateway replicas share one database. */
const EXCEPTION_SOURCES: readonly InstanceName[] = ['gateway-a', 'orders', 'tax', 'erp-posting'];

/** Reads orders, journal entries, open exceptions and the trial balance through the HTTP APIs. */
export class SystemReader {
  constructor(private readonly cluster: ServiceCluster) {}

  async storedOrders(outcomes: readonly OrderOutcome[]): Promise<StoredOrder[]> {
    return mapLimit(outcomes, READ_CONCURRENCY, (outcome) => this.storedOrder(outcome));
  }

  async openExceptions(): Promise<ExceptionItem[]> {
    const items: ExceptionItem[] = [];
    for (const service of EXCEPTION_SOURCES) {
      for (let offset = 0; ; offset += 500) {
        const page = await getJson<{ items: Omit<ExceptionItem, 'service'>[] }>(
          `${this.cluster.url(service)}/admin/exceptions?status=open&limit=500&offset=${offset}`,
        );
        items.push(...page.items.map((item) => ({ ...item, service })));
        if (page.items.length < 500) {
          break;
        }
      }
    }

    return items;
  }

  async trialBalance(): Promise<TrialBalance> {
    return getJson<TrialBalance>(`${this.cluster.url('erp-posting')}/trial-balance`);
  }

  private async storedOrder(outcome: OrderOutcome): Promise<StoredOrder> {
    const query = new URLSearchParams({
      channel: 'shopify',
      shopId: outcome.shop,
      externalId: outcome.externalId,
    });
    const response = await fetchWithRetry(`${this.cluster.url('orders')}/orders?${query}`);
    if (response.status === 404) {
      await response.arrayBuffer();

      return { externalId: outcome.externalId, entries: [] };
    }

    if (!response.ok) {
      throw new Error(`GET /orders for ${outcome.externalId} returned ${response.status}`);
    }

    const order = (await response.json()) as {
      id: string;
      status: string;
      sourceUpdatedAt: string;
    };
    const { entries } = await getJson<{ entries: JournalEntry[] }>(
      `${this.cluster.url('erp-posting')}/journal-entries?orderId=${order.id}`,
    );

    return {
      externalId: outcome.externalId,
      orderId: order.id,
      status: order.status,
      sourceUpdatedAt: order.sourceUpdatedAt,
      entries,
    };
  }
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetchWithRetry(url);
  if (!response.ok) {
    throw new Error(`GET ${url} returned ${response.status}: ${await response.text()}`);
  }

  return (await response.json()) as T;
}

/** Fetches with three tries, so one reset connection does not fail the whole check. */
async function fetchWithRetry(url: string): Promise<Response> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    try {
      return await fetch(url, { signal: AbortSignal.timeout(30_000) });
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }

  throw new Error(`GET ${url} failed 3 times: ${String(lastError)}`);
}
