import type { FaultLog } from './fault-log.js';
import type { GatewayEndpoint, GatewayEndpoints } from './gateway-endpoints.js';
import type { OrderGenerator, OrderPlan, WebhookTopic } from './order-generator.js';
import { MinHeap } from './min-heap.js';
import { sendWebhook, type DeliveryResult } from './webhook-sender.js';

export interface DriverSettings {
  orders: number;
  /** Delivery attempts started per second, copies and retries included. */
  rate: number;
  /** Maximum requests in flight at once. */
  concurrency: number;
  /** Attempts per delivery before giving up, the first included (Shopify makes 8 in 4 hours). */
  maxAttempts: number;
  /** Time limit of one request; Shopify waits 5 s for a response. */
  requestTimeoutMs: number;
}

export const DEFAULT_DRIVER_SETTINGS: Omit<DriverSettings, 'orders' | 'rate'> = {
  concurrency: 32,
  maxAttempts: 8,
  requestTimeoutMs: 5_000,
};

/** Retry delays by attempt, Shopify's exponential schedule compressed from hours to seconds. */
const RETRY_DELAYS_MS = [1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000];
/** How long an attempt waits for a ready gateway before it fails like a refused connection. */
const NO_ENDPOINT_WAIT_MS = 2_000;
const TICK_MS = 5;

/** What became of one event's deliveries. */
export interface EventOutcome {
  topic: WebhookTopic;
  cancelled: boolean;
  tenderTotal: string;
  /** The version's `updated_at`, ISO 8601. */
  updatedAt: string;
  eventId: string;
  /** At least one copy got a 2xx. */
  acked: boolean;
  /**
   * An attempt failed in a way that may have followed a commit (timeout, reset connection, 5xx),
   * so the gateway may have stored the event even when no copy got a 2xx.
   */
  uncertain: boolean;
  conflict?: { tenderTotal: string; sent: boolean; acked: boolean };
}

/** The compact record of one order kept after its deliveries finish. */
export interface OrderOutcome {
  index: number;
  externalId: string;
  shop: string;
  currency: string;
  inconsistent: boolean;
  shuffled: boolean;
  events: EventOutcome[];
}

export interface DeliveryStats {
  ordersAdmitted: number;
  attempts: number;
  succeeded: number;
  failed: number;
  /** Deliveries (copies) that failed every attempt. */
  gaveUp: number;
  conflictingSent: number;
  /** Failed attempts by the fault under way while they were sent or their response came. */
  failedByFault: Record<string, number>;
  /** Failed attempts by reason: `http-503`, `ECONNRESET`, `timeout`, `no-ready-gateway`. */
  failedByReason: Record<string, number>;
  /** Milliseconds since the run's origin. */
  startedAt: number;
  endedAt: number;
}

interface ActiveOrder {
  plan: OrderPlan;
  outcome: OrderOutcome;
  triggeredAt: string;
  /** Tasks scheduled or in flight; the plan is dropped when it reaches zero. */
  open: number;
}

interface Task {
  due: number;
  order: ActiveOrder;
  event: number;
  conflict: boolean;
  attempt: number;
}

/**
 * Sends every order's webhooks to the ready gateways at a set rate with bounded concurrency,
 * retrying failed deliveries the way Shopify does. Orders are built lazily and forgotten once
 * their deliveries finish, so memory stays flat however many orders a run sends.
 */
export class DeliveryDriver {
  readonly outcomes: OrderOutcome[] = [];
  readonly stats: DeliveryStats;
  private readonly queue = new MinHeap<Task>((task) => task.due);
  private inFlight = 0;
  private tokens = 0;
  private admitted = 0;
  private orderTokens = 0;
  private readonly ordersPerSecond: number;
  private stopped = false;

  constructor(
    private readonly generator: OrderGenerator,
    private readonly endpoints: GatewayEndpoints,
    private readonly faults: FaultLog,
    private readonly settings: DriverSettings,
  ) {
    this.ordersPerSecond = settings.rate / averageDeliveries(generator);
    this.stats = {
      ordersAdmitted: 0,
      attempts: 0,
      succeeded: 0,
      failed: 0,
      gaveUp: 0,
      conflictingSent: 0,
      failedByFault: {},
      failedByReason: {},
      startedAt: faults.now(),
      endedAt: 0,
    };
  }

  /** Share of the orders admitted so far, from 0 to 1. */
  get progress(): number {
    return this.admitted / this.settings.orders;
  }

  get finished(): boolean {
    return this.admitted >= this.settings.orders && this.queue.size === 0 && this.inFlight === 0;
  }

  async run(): Promise<DeliveryStats> {
    this.stats.startedAt = this.faults.now();
    let last = Date.now();
    while (!this.finished && !this.stopped) {
      const now = Date.now();
      const elapsedSeconds = (now - last) / 1_000;
      last = now;
      this.tokens = Math.min(
        this.tokens + this.settings.rate * elapsedSeconds,
        burst(this.settings.rate),
      );
      this.orderTokens = Math.min(this.orderTokens + this.ordersPerSecond * elapsedSeconds, 5);
      this.admitOrders(now);
      this.dispatchDue(now);
      await new Promise((resolve) => setTimeout(resolve, TICK_MS));
    }

    this.stats.endedAt = this.faults.now();

    return this.stats;
  }

  /** Stops sending; attempts in flight still finish. */
  stop(): void {
    this.stopped = true;
  }

  private admitOrders(now: number): void {
    // Stop admitting while due deliveries wait, so a slow system is not buried under new orders.
    const head = this.queue.peek();
    const behind = head !== undefined && head.due < now - 2_000;
    while (this.orderTokens >= 1 && this.admitted < this.settings.orders && !behind) {
      this.orderTokens -= 1;
      this.admit(this.generator.plan(this.admitted), now);
      this.admitted += 1;
      this.stats.ordersAdmitted = this.admitted;
    }
  }

  private admit(plan: OrderPlan, now: number): void {
    const order: ActiveOrder = {
      plan,
      triggeredAt: new Date(now).toISOString(),
      open: 0,
      outcome: {
        index: plan.index,
        externalId: plan.externalId,
        shop: plan.shop,
        currency: plan.currency,
        inconsistent: plan.inconsistent,
        shuffled: plan.shuffled,
        events: plan.events.map((event) => {
          const outcome: EventOutcome = {
            topic: event.topic,
            cancelled: event.cancelled,
            tenderTotal: event.tenderTotal,
            updatedAt: event.updatedAt,
            eventId: event.eventId,
            acked: false,
            uncertain: false,
          };
          if (event.conflict) {
            outcome.conflict = {
              tenderTotal: event.conflict.tenderTotal,
              sent: false,
              acked: false,
            };
          }

          return outcome;
        }),
      },
    };
    plan.events.forEach((event, index) => {
      for (const offset of event.copyOffsetsMs) {
        this.schedule({ due: now + offset, order, event: index, conflict: false, attempt: 1 });
      }
    });
  }

  private schedule(task: Task): void {
    task.order.open += 1;
    this.queue.push(task);
  }

  private dispatchDue(now: number): void {
    while (this.tokens >= 1 && this.inFlight < this.settings.concurrency) {
      const head = this.queue.peek();
      if (head === undefined || head.due > now) {
        return;
      }

      this.queue.pop();
      this.tokens -= 1;
      this.inFlight += 1;
      void this.attempt(head).finally(() => {
        this.inFlight -= 1;
      });
    }
  }

  private async attempt(task: Task): Promise<void> {
    const { order } = task;
    const event = order.plan.events[task.event];
    const started = this.faults.now();
    this.stats.attempts += 1;
    const endpoint = await this.readyEndpoint();
    const result: DeliveryResult = endpoint
      ? await sendWebhook(
          endpoint,
          {
            shop: order.plan.shop,
            topic: event.topic,
            webhookId: task.conflict ? (event.conflict?.webhookId ?? '') : event.webhookId,
            eventId: event.eventId,
            body: task.conflict ? (event.conflict?.body ?? '') : event.body,
            triggeredAt: order.triggeredAt,
          },
          this.settings.requestTimeoutMs,
        )
      : { ok: false, reason: 'no-ready-gateway' };
    const outcome = order.outcome.events[task.event];
    if (result.ok) {
      this.stats.succeeded += 1;
      this.recordSuccess(task, outcome);
    } else {
      this.recordFailure(task, outcome, result, started);
    }

    order.open -= 1;
    if (order.open === 0) {
      this.outcomes.push(order.outcome);
    }
  }

  private recordSuccess(task: Task, outcome: EventOutcome): void {
    const event = task.order.plan.events[task.event];
    if (task.conflict) {
      if (outcome.conflict) {
        outcome.conflict.acked = true;
      }

      return;
    }

    const first = !outcome.acked;
    outcome.acked = true;
    if (first && event.conflict && outcome.conflict) {
      // The changed body goes out only after the original was stored, and twice, so the
      // gateway must keep one exception record for it.
      outcome.conflict.sent = true;
      this.stats.conflictingSent += 1;
      const due = Date.now() + event.conflict.delayMs;
      for (const extra of [0, 500]) {
        this.schedule({
          due: due + extra,
          order: task.order,
          event: task.event,
          conflict: true,
          attempt: 1,
        });
      }
    }
  }

  private recordFailure(
    task: Task,
    outcome: EventOutcome,
    result: Extract<DeliveryResult, { ok: false }>,
    started: number,
  ): void {
    this.stats.failed += 1;
    increment(this.stats.failedByReason, result.reason);
    increment(this.stats.failedByFault, this.faults.blame(started, this.faults.now()));
    if (!task.conflict && mayHaveBeenStored(result)) {
      outcome.uncertain = true;
    }

    if (task.attempt >= this.settings.maxAttempts) {
      this.stats.gaveUp += 1;

      return;
    }

    this.schedule({
      ...task,
      due: Date.now() + RETRY_DELAYS_MS[Math.min(task.attempt - 1, RETRY_DELAYS_MS.length - 1)],
      attempt: task.attempt + 1,
    });
  }

  private async readyEndpoint(): Promise<GatewayEndpoint | undefined> {
    const deadline = Date.now() + NO_ENDPOINT_WAIT_MS;
    for (;;) {
      const endpoint = this.endpoints.pick();
      if (endpoint !== undefined || Date.now() > deadline) {
        return endpoint;
      }

      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** Averages the deliveries per order over the first 200 plans, to pace admissions. */
function averageDeliveries(generator: OrderGenerator): number {
  let deliveries = 0;
  const sample = 200;
  for (let index = 0; index < sample; index += 1) {
    for (const event of generator.plan(index).events) {
      deliveries += event.copyOffsetsMs.length + (event.conflict ? 2 : 0);
    }
  }

  return deliveries / sample;
}

/**
 * Whether the gateway may have committed the delivery although the attempt failed: the request
 * was sent and no status came back (timeout, reset). A refused connection or an HTTP error
 * status means the gateway stored nothing, because it responds only after its transaction ends.
 */
function mayHaveBeenStored(result: Extract<DeliveryResult, { ok: false }>): boolean {
  return (
    result.status === undefined &&
    result.reason !== 'no-ready-gateway' &&
    result.reason !== 'ECONNREFUSED'
  );
}

function burst(rate: number): number {
  return Math.max(1, rate / 10);
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
