import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MIX, OrderGenerator, SHOPS, type OrderPlan } from '../chaos/order-generator.js';
import { Prng } from '../chaos/prng.js';
import { writeSkuMappings } from '../chaos/service-cluster.js';
import { OrderFlow, sideTotal } from '../support/order-flow.js';
import { uniqueRunName } from '../support/test-names.js';
import { waitFor } from '../support/wait-for.js';

const SEED = 4_242;
const ORDERS = 24;

type Balances = Record<string, Record<string, string>>;

/**
 * Returns orders that mostly have an update, a payment and a cancellation, and no edit that
 * changes a total. An edit after posting is raised for a person instead of being adjusted, so
 * with such edits the ledger would depend on timing as well as on order.
 */
function plans(): OrderPlan[] {
  const generator = new OrderGenerator(SEED, {
    ...DEFAULT_MIX,
    inconsistent: 0,
    updated: 0.7,
    paid: 0.7,
    cancelled: 0.4,
    shuffled: 0,
    conflicting: 0,
  });
  const chosen: OrderPlan[] = [];
  for (let index = 0; chosen.length < ORDERS; index += 1) {
    const plan = generator.plan(index);
    if (new Set(plan.events.map((event) => event.tenderTotal)).size === 1) {
      chosen.push(plan);
    }
  }

  return chosen;
}

/**
 * Sends every event of every order once, each order's events in their own order or shuffled,
 * waiting for each 2xx. Returns how many orders got their events in another order.
 */
async function deliver(flow: OrderFlow, orders: OrderPlan[], shuffle: boolean): Promise<number> {
  const random = new Prng(SEED);
  let reordered = 0;
  for (const plan of orders) {
    const events = shuffle ? random.shuffle(plan.events) : plan.events;
    if (events.some((event, position) => event !== plan.events[position])) {
      reordered += 1;
    }

    for (const event of events) {
      const response = await flow.sendWebhook(JSON.parse(event.body), {
        topic: event.topic,
        shop: plan.shop,
        webhookId: event.webhookId,
        eventId: event.eventId,
      });

      expect(response.status, `${plan.externalId} ${event.topic}`).toBeLessThan(300);
    }
  }

  return reordered;
}

/**
 * Waits until every order is stored at its newest version and posted as that version requires.
 * A cancelled order is settled with no entries or with each one reversed, so the balances are
 * also read until they stop changing.
 */
async function waitUntilSettled(flow: OrderFlow, orders: OrderPlan[]): Promise<void> {
  for (const plan of orders) {
    const newest = plan.events.at(-1)!;
    await waitFor(
      async () => {
        const order = await flow.order(plan.externalId, plan.shop);
        if (!order || Date.parse(order.sourceUpdatedAt) !== Date.parse(newest.updatedAt)) {
          return false;
        }

        const entries = await flow.journalEntries(order.id);
        const reversals = entries.filter((entry) => entry.reversesDocumentId);
        const originals = entries.filter((entry) => !entry.reversesDocumentId);
        const sales = originals.filter((entry) => !entry.sourceDocument.includes('#payment-v'));
        if (newest.cancelled) {
          return originals.length === reversals.length;
        }

        return sales.length === 1 && sideTotal(sales[0], 'debit', /^1/) === newest.tenderTotal;
      },
      { label: `order ${plan.externalId} settled`, timeoutMs: 60_000 },
    );
  }
}

/**
 * Returns each account's non-zero balance per currency from the trial balance. A sale and its
 * reversal leave zero balances behind, where a cancellation that came first posts nothing.
 */
async function balances(flow: OrderFlow): Promise<Balances> {
  const trialBalance = await flow.trialBalance();
  const result: Balances = {};
  for (const currency of trialBalance.currencies) {
    const accounts = currency.accounts.filter((account) => Number(account.balance) !== 0);
    if (accounts.length > 0) {
      result[currency.currency] = Object.fromEntries(
        accounts.map((account) => [account.account, account.balance]),
      );
    }
  }

  return result;
}

/**
 * Returns the balances once three readings 1.5 s apart agree, so payment entries and reversals
 * still in flight are included.
 */
async function stableBalances(flow: OrderFlow): Promise<Balances> {
  let previous = JSON.stringify(await balances(flow));
  let agreeing = 1;
  for (let reading = 0; reading < 40 && agreeing < 3; reading += 1) {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const current = JSON.stringify(await balances(flow));
    agreeing = current === previous ? agreeing + 1 : 1;
    previous = current;
  }

  expect(agreeing, 'balances still changing after 60 s').toBe(3);

  return JSON.parse(previous) as Balances;
}

/**
 * Runs the orders through a fresh set of services and returns the settled balances and how many
 * orders were reordered.
 */
async function ledgerAfter(
  orders: OrderPlan[],
  shuffle: boolean,
): Promise<{ balances: Balances; reordered: number }> {
  const mappings = join(tmpdir(), `${uniqueRunName('sku')}.json`);
  writeSkuMappings(mappings, SHOPS);
  const flow = new OrderFlow({ SKU_MAPPINGS_FILE: mappings });
  try {
    await flow.start();
    const reordered = await deliver(flow, orders, shuffle);
    await waitUntilSettled(flow, orders);

    return { balances: await stableBalances(flow), reordered };
  } finally {
    await flow.stop();
    rmSync(mappings, { force: true });
  }
}

describe('delivery order', () => {
  const orders = plans();

  it('leaves the ledger unchanged when shuffled', { timeout: 300_000 }, async () => {
    const inOrder = await ledgerAfter(orders, false);
    const shuffled = await ledgerAfter(orders, true);

    expect(shuffled.reordered).toBeGreaterThan(ORDERS / 3);
    expect(Object.keys(inOrder.balances).length).toBeGreaterThan(0);
    expect(shuffled.balances).toEqual(inOrder.balances);
  });
});
