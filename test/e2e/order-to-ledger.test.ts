import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeLines, OrderFlow, sideTotal } from '../support/order-flow.js';
import { OtlpReceiver } from '../support/otlp-receiver.js';
import { REPOSITORY_ROOT } from '../support/service-process.js';
import { waitFor } from '../support/wait-for.js';

const SAMPLES = resolve(REPOSITORY_ROOT, 'samples/shopify');
/** Asset accounts that receive what the customer owes or paid: clearing and receivable. */
const TENDER_ACCOUNTS = /^1\d{3}-/;

function sampleOrders(): { file: string; order: Record<string, unknown> }[] {
  return readdirSync(SAMPLES)
    .filter((file) => file.endsWith('.json'))
    .map((file) => {
      const parsed = JSON.parse(readFileSync(resolve(SAMPLES, file), 'utf8')) as {
        order?: Record<string, unknown>;
      };

      return { file, order: parsed.order ?? (parsed as Record<string, unknown>) };
    })
    .filter(({ order }) => Array.isArray(order.line_items));
}

describe('order to ledger across four services', () => {
  const receiver = new OtlpReceiver();
  let flow: OrderFlow;

  beforeAll(async () => {
    const endpoint = await receiver.start();
    flow = new OrderFlow({
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '200',
    });
    await flow.start();
    for (const sample of sampleOrders()) {
      const answer = await flow.sendWebhook(sample.order);
      expect(answer.status, sample.file).toBe(200);
    }
  }, 120_000);

  afterAll(async () => {
    await flow?.stop();
    await receiver.stop();
  });

  it('posts each consistent sample tying to total_price', async () => {
    const consistent = sampleOrders().filter(({ order }) => order.id !== 450789469);

    for (const { file, order } of consistent) {
      const [entry] = await flow.waitForEntries(String(order.id));

      expect(sideTotal(entry, 'debit'), file).toBe(sideTotal(entry, 'credit'));
      expect(sideTotal(entry, 'debit', TENDER_ACCOUNTS), file).toBe(order.total_price);
      expect(entry.currency, file).toBe(order.currency);
    }
  });

  it('raises the inconsistent sample instead of posting', async () => {
    const record = await waitFor(async () =>
      (await flow.openExceptions('orders')).find((item) => item.errorCode === 'order.inconsistent'),
    );
    const orderId = await flow.orderId('450789469');

    expect(record.errorMessage).toContain('597.00');
    expect(record.errorMessage).toContain('587.00');
    expect(orderId).toBeUndefined();
  });

  it('posts the multi-currency order in shop currency', async () => {
    const [entry] = await flow.waitForEntries('2998548365461');
    const presentment = entry.lines.map((line) => line.presentmentAmount?.currency);

    expect(entry.currency).toBe('AUD');
    expect(entry.presentmentCurrency).toBe('USD');
    expect(entry.fxRate).toMatch(/^0\.\d+$/);
    expect(sideTotal(entry, 'debit')).toBe('60.33');
    expect(presentment.every((currency) => currency === 'USD')).toBe(true);
    expect(describeLines(entry)).toEqual([
      'Cr 2210-AU-GST 4.56',
      'Cr 4000-SALES-SHOPIFY 45.62',
      'Cr 4100-SHIPPING-INCOME 10.15',
      'Dr 1150-CLEARING-SHOPIFY-PAYMENTS 60.33',
    ]);
  });

  it('keeps one trace across all four services', async () => {
    const [entry] = await flow.waitForEntries('2998557704341');
    const traceId = entry.traceId ?? '';

    const services = await waitFor(
      () => {
        const names = new Set(receiver.spansOfTrace(traceId).map((span) => span.service));

        return names.size >= 4 ? names : undefined;
      },
      { label: 'spans of four services', timeoutMs: 15_000 },
    );

    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect([...services].sort()).toEqual(['channel-gateway', 'erp-posting', 'orders', 'tax']);
  });

  it('balances the ledger per currency', async () => {
    await flow.waitForEntries('2998557704341');
    const balance = await flow.trialBalance();

    expect(balance.currencies.length).toBeGreaterThan(0);
    for (const currency of balance.currencies) {
      expect(currency.totals.debit, currency.currency).toBe(currency.totals.credit);
    }
  });

  it('follows an order through its trail', async () => {
    await flow.waitForEntries('2998557704341');
    const orderId = await flow.orderId('2998557704341');
    const response = await fetch(`${flow.services.orders.url}/orders/${orderId}/trail`);
    const trail = (await response.json()) as {
      versions: { delivery: { status: string } }[];
      taxAssessment: { assessment: { jurisdictions: unknown[] } };
      journalEntries: { entries: { lines: unknown[] }[] };
      traceIds: string[];
    };

    expect(response.status).toBe(200);
    expect(trail.versions[0].delivery.status).toBe('accepted');
    expect(trail.taxAssessment.assessment.jurisdictions).toHaveLength(1);
    expect(trail.journalEntries.entries[0].lines.length).toBeGreaterThan(2);
    expect(trail.traceIds).toHaveLength(1);
  });
});
