import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrderFlow, describeLines } from '../support/order-flow.js';
import { REPOSITORY_ROOT } from '../support/service-process.js';
import { waitFor } from '../support/wait-for.js';

type Json = Record<string, unknown>;

/** Removes every `*_set` field so the plain amount fields are the ones the gateway reads. */
function withoutMoneySets(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(withoutMoneySets);
  }

  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Json)
        .filter(([key]) => !key.endsWith('_set'))
        .map(([key, item]) => [key, withoutMoneySets(item)]),
    );
  }

  return value;
}

/** The AUD sample: one line 44.95 with GST 4.50, shipping 10.00, total 59.45, paid. */
function baseOrder(id: number, updatedAt: string, overrides: Json = {}): Json {
  const sample = JSON.parse(
    readFileSync(
      resolve(
        REPOSITORY_ROOT,
        'samples/shopify/webhook_orders_create_AUD_gst_shipping_2998557704341.json',
      ),
      'utf8',
    ),
  ) as Json;

  return { ...(withoutMoneySets(sample) as Json), id, updated_at: updatedAt, ...overrides };
}

/** The same order with the line's quantity doubled and every total raised to match. */
function doubledQuantity(order: Json, updatedAt: string): Json {
  const [line] = order.line_items as Json[];

  return {
    ...order,
    updated_at: updatedAt,
    line_items: [{ ...line, quantity: 2, tax_lines: [{ title: 'GST', rate: 0.1, price: '8.99' }] }],
    tax_lines: [{ title: 'GST', rate: 0.1, price: '8.99' }],
    total_line_items_price: '89.90',
    subtotal_price: '89.90',
    total_tax: '8.99',
    total_price: '108.89',
  };
}

describe('order changes after capture', () => {
  const flow = new OrderFlow();

  beforeAll(async () => {
    await flow.start();
  }, 120_000);

  afterAll(async () => {
    await flow.stop();
  });

  it('raises an edit after posting', async () => {
    const order = baseOrder(71001, '2024-04-02T09:00:00Z');
    await flow.sendWebhook(order);
    await flow.waitForEntries('71001');

    await flow.sendWebhook(doubledQuantity(order, '2024-04-02T11:00:00Z'), {
      topic: 'orders/updated',
    });
    const record = await waitFor(async () =>
      (await flow.openExceptions('erp-posting')).find(
        (item) => item.errorCode === 'posting.order-changed-after-posting',
      ),
    );
    const entries = await flow.journalEntries((await flow.orderId('71001'))!);

    expect(record.errorMessage).toContain('89.90');
    expect(entries).toHaveLength(1);
  });

  it('posts a payment-only update as a payment', async () => {
    const pending = baseOrder(71002, '2024-04-02T09:00:00Z', { financial_status: 'pending' });
    await flow.sendWebhook(pending);
    await flow.waitForEntries('71002');
    await flow.sendWebhook(
      { ...pending, financial_status: 'paid', updated_at: '2024-04-02T09:05:00Z' },
      { topic: 'orders/paid' },
    );
    await new Promise((resolveWait) => setTimeout(resolveWait, 3_000));

    const exceptions = await flow.openExceptions('erp-posting');
    const entries = await flow.journalEntries((await flow.orderId('71002'))!);

    expect(exceptions.filter((item) => JSON.stringify(item.envelope).includes('71002'))).toEqual(
      [],
    );
    expect(entries).toHaveLength(2);
    expect(describeLines(entries[0])).toContain('Dr 1200-ACCOUNTS-RECEIVABLE 59.45');
    expect(entries[1].sourceDocument).toBe(
      'order:shopify:demo-shop.myshopify.com:71002#payment-v2',
    );
    // The payment moves the amount due from the receivable to the gateway's clearing account.
    expect(describeLines(entries[1])).toEqual([
      'Cr 1200-ACCOUNTS-RECEIVABLE 59.45',
      'Dr 1150-CLEARING-SHOPIFY-PAYMENTS 59.45',
    ]);
  });

  it('raises a same-second edit', async () => {
    const order = baseOrder(71003, '2024-04-02T09:00:00Z');
    await flow.sendWebhook(order);
    await flow.waitForEntries('71003');

    await flow.sendWebhook(doubledQuantity(order, '2024-04-02T09:00:00Z'), {
      topic: 'orders/updated',
    });
    const record = await waitFor(async () =>
      (await flow.openExceptions('orders')).find(
        (item) => item.errorCode === 'order.conflicting-version',
      ),
    );

    expect(record.errorMessage).toContain('different content');
  });

  it('raises a version from the future', async () => {
    await flow.sendWebhook(baseOrder(71004, '2099-01-01T00:00:00Z'));

    const record = await waitFor(async () =>
      (await flow.openExceptions('orders')).find(
        (item) => item.errorCode === 'order.version-in-future',
      ),
    );

    expect(record.errorMessage).toContain('2099-01-01');
    expect(await flow.orderId('71004')).toBeUndefined();
  });

  it('rejects a tax account outside the chart', async () => {
    const order = baseOrder(71005, '2024-04-02T09:00:00Z', {
      tax_lines: [{ title: 'Levy', rate: 0.1, price: '4.50' }],
    });
    (order.line_items as Json[])[0].tax_lines = [{ title: 'Levy', rate: 0.1, price: '4.50' }];
    await fetch(`${flow.services.tax.url}/tax-mappings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        channelTitle: 'Levy',
        rate: '0.1',
        taxCode: 'AU-LEVY',
        jurisdiction: 'AU',
        liabilityAccount: '9999-NOT-IN-CHART',
      }),
    });
    await flow.sendWebhook(order);

    const record = await waitFor(async () =>
      (await flow.openExceptions('erp-posting')).find(
        (item) => item.errorCode === 'posting.unknown-account',
      ),
    );

    expect(record.errorMessage).toContain('9999-NOT-IN-CHART');
  });
});
