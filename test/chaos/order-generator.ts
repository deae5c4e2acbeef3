import { Prng } from './prng.js';
import {
  loadTemplates,
  setUntaxedQuantity,
  withNewIdentity,
  type OrderTemplate,
  type ShopifyOrder,
} from './shopify-templates.js';

export type WebhookTopic = 'orders/create' | 'orders/updated' | 'orders/paid' | 'orders/cancelled';

/** Shares of the generated traffic; each is a probability per order or per event. */
export interface TrafficMix {
  /** Orders copied from the inconsistent sample. */
  inconsistent: number;
  /** Orders that get an orders/updated webhook. */
  updated: number;
  /** Orders that get an orders/paid webhook; their earlier versions are `pending`. */
  paid: number;
  /** Orders that get an orders/cancelled webhook. */
  cancelled: number;
  /** Orders whose deliveries go out in a random order instead of the order of the events. */
  shuffled: number;
  /** Events delivered a third time (every event is delivered at least twice). */
  thirdCopy: number;
  /** Events redelivered once more with the same event id and a changed body. */
  conflicting: number;
}

export const DEFAULT_MIX: TrafficMix = {
  inconsistent: 0.02,
  updated: 0.35,
  paid: 0.35,
  cancelled: 0.2,
  shuffled: 0.25,
  thirdCopy: 0.3,
  conflicting: 0.03,
};

/** A redelivery of an event with its event id and a different body. */
export interface ConflictingDelivery {
  webhookId: string;
  body: string;
  /** `total_price` of the changed body, which must never reach the ledger. */
  tenderTotal: string;
  /** Delay after the event's first 200, in milliseconds. */
  delayMs: number;
}

/** One Shopify webhook event of an order, delivered several times with the same ids and body. */
export interface PlannedEvent {
  topic: WebhookTopic;
  eventId: string;
  webhookId: string;
  body: string;
  /** The order's `updated_at` in this version, which orders versions. */
  updatedAt: string;
  cancelled: boolean;
  /** `total_price` in the shop currency: what the tender lines of a posted sale must add up to. */
  tenderTotal: string;
  /** Start time of each copy's first attempt, in milliseconds after the order starts. */
  copyOffsetsMs: number[];
  conflict?: ConflictingDelivery;
}

/** Everything the harness sends for one order, and what it needs to check the outcome. */
export interface OrderPlan {
  index: number;
  externalId: string;
  shop: string;
  template: string;
  currency: string;
  inconsistent: boolean;
  shuffled: boolean;
  /** The events in the order of their `updated_at`. */
  events: PlannedEvent[];
}

export const SHOPS = [
  'chaos-north.myshopify.com',
  'chaos-south.myshopify.com',
  'chaos-west.myshopify.com',
];

/** First generated order id; far above the sample ids so that copies never collide with them. */
const ORDER_ID_BASE = 9_100_000_000_000;
/**
 * Placement time of the first generated order; each next order is placed 3 seconds later, and
 * its versions up to 4 hours after that. NOTE: on a machine whose clock is earlier than these
 * times, the orders service raises the versions as `order.version-in-future`.
 */
const FIRST_PLACED_AT = Date.parse('2026-10-01T00:00:00Z');

/**
 * Builds unique orders from the bundled samples and their webhook events. Order `n` depends
 * only on the seed and `n`, so a run can be repeated exactly and plans can be built lazily.
 */
export class OrderGenerator {
  private readonly templates = loadTemplates();
  private readonly consistent = this.templates.filter((template) => !template.inconsistent);
  private readonly inconsistent = this.templates.filter((template) => template.inconsistent);

  constructor(
    private readonly seed: number,
    private readonly mix: TrafficMix = DEFAULT_MIX,
  ) {}

  plan(index: number): OrderPlan {
    const random = Prng.derive(this.seed, `order:${index}`);
    const inconsistent = random.chance(this.mix.inconsistent);
    const template = random.pick(inconsistent ? this.inconsistent : this.consistent);
    const orderId = ORDER_ID_BASE + index;
    const base = withNewIdentity(template.order, orderId, index + 1);
    const placedAt = FIRST_PLACED_AT + index * 3_000;
    setTime(base, 'created_at', placedAt);
    setTime(base, 'processed_at', placedAt);
    const topics = chooseTopics(random, this.mix);
    const events = buildEvents(random, template, base, placedAt, topics, this.mix);
    const shuffled = random.chance(this.mix.shuffled);
    scheduleCopies(random, events, shuffled, this.mix);

    return {
      index,
      externalId: String(orderId),
      shop: random.pick(SHOPS),
      template: template.file,
      currency: String(template.order.currency),
      inconsistent,
      shuffled,
      events,
    };
  }
}

function chooseTopics(random: Prng, mix: TrafficMix): WebhookTopic[] {
  const topics: WebhookTopic[] = ['orders/create'];
  if (random.chance(mix.updated)) {
    topics.push('orders/updated');
  }

  if (random.chance(mix.paid)) {
    topics.push('orders/paid');
  }

  if (random.chance(mix.cancelled)) {
    topics.push('orders/cancelled');
  }

  return topics;
}

/** Builds each event's body from the previous version, each with a later `updated_at`. */
function buildEvents(
  random: Prng,
  template: OrderTemplate,
  base: ShopifyOrder,
  placedAt: number,
  topics: WebhookTopic[],
  mix: TrafficMix,
): PlannedEvent[] {
  const willBePaid = topics.includes('orders/paid');
  const state = structuredClone(base);
  if (willBePaid) {
    state.financial_status = 'pending';
  }

  let updatedAt = placedAt + 1_000;
  const events: PlannedEvent[] = [];
  for (const topic of topics) {
    if (topic !== 'orders/create') {
      updatedAt += random.int(60, 3_600) * 1_000;
    }

    setTime(state, 'updated_at', updatedAt);
    applyTopic(random, template, state, topic);
    const event: PlannedEvent = {
      topic,
      eventId: random.uuid(),
      webhookId: random.uuid(),
      body: JSON.stringify(state),
      updatedAt: new Date(updatedAt).toISOString(),
      cancelled: topic === 'orders/cancelled',
      tenderTotal: String(state.total_price),
      copyOffsetsMs: [],
    };
    if (random.chance(mix.conflicting)) {
      event.conflict = conflictingDelivery(random, template, state, event.webhookId);
    }

    events.push(event);
  }

  return events;
}

function applyTopic(
  random: Prng,
  template: OrderTemplate,
  state: ShopifyOrder,
  topic: WebhookTopic,
): void {
  switch (topic) {
    case 'orders/create':
      return;
    case 'orders/updated':
      state.note = 'Gift wrap, please';
      // Half of the updates change the figures, where the template allows it without tax.
      if (template.untaxedSingleLinePrice !== undefined && random.chance(0.5)) {
        setUntaxedQuantity(state, template.untaxedSingleLinePrice, 2);
      }

      return;
    case 'orders/paid':
      state.financial_status = 'paid';

      return;
    case 'orders/cancelled':
      state.cancel_reason = 'customer';
      state.cancelled_at = state.updated_at;

      return;
  }
}

/** Builds a changed body with another note, and other figures where the template allows it. */
function conflictingDelivery(
  random: Prng,
  template: OrderTemplate,
  state: ShopifyOrder,
  webhookId: string,
): ConflictingDelivery {
  const changed = structuredClone(state);
  changed.note = 'Changed after delivery';
  if (template.untaxedSingleLinePrice !== undefined) {
    setUntaxedQuantity(changed, template.untaxedSingleLinePrice, 5);
  }

  return {
    // Half reuse the webhook id too; the gateway must catch the other half by the event id.
    webhookId: random.chance(0.5) ? webhookId : random.uuid(),
    body: JSON.stringify(changed),
    tenderTotal: String(changed.total_price),
    delayMs: random.int(100, 2_000),
  };
}

/**
 * Plans when each copy goes out. Events follow each other 0.3-1.5 s apart, in the order of
 * their `updated_at` unless the order is shuffled. Copies of one event follow within 0-4 s.
 */
function scheduleCopies(
  random: Prng,
  events: PlannedEvent[],
  shuffled: boolean,
  mix: TrafficMix,
): void {
  const starts: number[] = [];
  let time = 0;
  for (let i = 0; i < events.length; i += 1) {
    starts.push(time);
    time += random.int(300, 1_500);
  }

  const order = shuffled ? random.shuffle(events) : events;
  order.forEach((event, position) => {
    const copies = random.chance(mix.thirdCopy) ? 3 : 2;
    event.copyOffsetsMs = [starts[position]];
    for (let copy = 1; copy < copies; copy += 1) {
      // Some copies race the first one on purpose: two identical inserts at once.
      const delay = random.chance(0.2) ? 0 : random.int(50, 4_000);
      event.copyOffsetsMs.push(starts[position] + delay);
    }
  });
}

function setTime(order: ShopifyOrder, field: string, epochMs: number): void {
  order[field] = new Date(epochMs).toISOString().replace('.000Z', 'Z');
}
