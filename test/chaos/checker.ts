import type { JournalEntry } from '../support/order-flow.js';
import type { EventOutcome, OrderOutcome } from './delivery-driver.js';
import { formatMinor, parseMinor } from './shopify-templates.js';
import type { ExceptionItem, StoredOrder, TrialBalance } from './system-reader.js';

/** Asset accounts that receive what the customer owes or paid: clearing and receivable. */
const TENDER_ACCOUNTS = /^1\d{3}-/;
const CONFLICTING_DUPLICATE = 'webhook.conflicting-duplicate';
const ORDER_INCONSISTENT = 'order.inconsistent';
/** Raised by erp-posting for a later version whose sale entry differs from the posted one. */
const CHANGED_AFTER_POSTING = 'posting.order-changed-after-posting';
/** How many order ids each list of the verdict shows. */
const SHOWN_IDS = 20;

/** A rule an order broke, with the order's external id and what was found. */
export interface Violation {
  rule: ViolationRule;
  externalId: string;
  detail: string;
}

export type ViolationRule =
  /** Accepted, not cancelled, yet neither posted nor an open exception. */
  | 'lost'
  /** More than one sale or more than one reversal. */
  | 'duplicated'
  /** Cancelled with a 200, yet its ledger net is not zero. */
  | 'cancellation-not-applied'
  /** A sale whose tender total is no accepted version's total, such as a changed body's. */
  | 'wrong-amount'
  /** A reversal that does not mirror the sale, or a reversal without a sale. */
  | 'unbalanced-reversal'
  /** A copy of the inconsistent sample that reached the ledger. */
  | 'posted-inconsistent'
  /** A copy of the inconsistent sample without an open `order.inconsistent` exception. */
  | 'inconsistent-not-raised'
  /** The stored order is older than the newest version that got a 200. */
  | 'stale-version'
  /** Entries for an order none of whose deliveries can have been stored. */
  | 'posted-unaccepted'
  /**
   * A sale whose figures differ from the newest version that got a 2xx, without an open
   * `posting.order-changed-after-posting` exception to tell finance.
   */
  | 'change-not-raised';

/** Rules whose violation fails a run. */
export const FAILING_RULES: readonly ViolationRule[] = [
  'lost',
  'duplicated',
  'cancellation-not-applied',
  'wrong-amount',
  'unbalanced-reversal',
  'posted-inconsistent',
  'inconsistent-not-raised',
  'stale-version',
  'posted-unaccepted',
  'change-not-raised',
];

export interface CurrencyBalance {
  currency: string;
  debit: string;
  credit: string;
  balanced: boolean;
  /** Debits of the entries found through the orders, to compare with the trial balance. */
  debitOfOrders: string;
}

export interface Verdict {
  orders: number;
  /** Orders with a 2xx for at least one version that is not a cancellation. */
  accepted: number;
  /** Orders with exactly one sale entry. */
  posted: number;
  /** Orders with one sale and one reversal. */
  reversed: number;
  /** Cancelled orders whose sale was never posted. */
  cancelledBeforePosting: number;
  /** Accepted consistent orders that ended as an open exception instead of a posting. */
  endedAsException: number;
  /** Orders with an open `posting.order-changed-after-posting` for a version edited later. */
  changesRaised: number;
  inconsistentCopies: number;
  inconsistentRaised: number;
  lost: number;
  duplicated: number;
  violations: Record<ViolationRule, number>;
  /** The first violations of each rule, with details. */
  examples: Violation[];
  ledgerBalanced: boolean;
  /** Every ledger debit belongs to an order of this run. */
  ledgerMatchesOrders: boolean;
  balances: CurrencyBalance[];
  conflicting: {
    /** Changed bodies sent, each after its original got a 200. */
    sent: number;
    acknowledged: number;
    /** Open `webhook.conflicting-duplicate` records that match a changed body sent. */
    exceptions: number;
    /** Open `webhook.conflicting-duplicate` records that match no changed body sent. */
    unmatchedExceptions: number;
  };
  /** Open exception records by service and error code. */
  openExceptions: Record<string, number>;
  /** Open exceptions of consistent orders, other than conflicting duplicates, by code. */
  unexpectedExceptions: Record<string, number>;
}

interface Judgement {
  violations: Violation[];
  posted: boolean;
  reversed: boolean;
  cancelledBeforePosting: boolean;
  endedAsException: boolean;
  changeRaised: boolean;
  inconsistentRaised: boolean;
}

/**
 * Compares what each order should have become, from the deliveries that got a 2xx, with what the
 * services contain: its order record, its journal entries, the open exceptions and the trial balance.
 */
export function judge(
  outcomes: readonly OrderOutcome[],
  stored: readonly StoredOrder[],
  exceptions: readonly ExceptionItem[],
  trialBalance: TrialBalance,
): Verdict {
  const exceptionsByOrder = groupExceptionsByOrder(exceptions);
  const violations: Violation[] = [];
  const verdict = emptyVerdict(outcomes.length);
  const debitsOfOrders = new Map<string, bigint>();
  outcomes.forEach((outcome, index) => {
    const order = stored[index];
    const orderExceptions = exceptionsByOrder.get(outcome.externalId) ?? [];
    const judgement = judgeOrder(outcome, order, orderExceptions);
    violations.push(...judgement.violations);
    verdict.accepted += isAccepted(outcome) ? 1 : 0;
    verdict.posted += judgement.posted ? 1 : 0;
    verdict.reversed += judgement.reversed ? 1 : 0;
    verdict.cancelledBeforePosting += judgement.cancelledBeforePosting ? 1 : 0;
    verdict.endedAsException += judgement.endedAsException ? 1 : 0;
    verdict.changesRaised += judgement.changeRaised ? 1 : 0;
    verdict.inconsistentCopies += outcome.inconsistent ? 1 : 0;
    verdict.inconsistentRaised += judgement.inconsistentRaised ? 1 : 0;
    for (const entry of order.entries) {
      const debit = sumLines(entry, 'debit');
      debitsOfOrders.set(entry.currency, (debitsOfOrders.get(entry.currency) ?? 0n) + debit);
    }

    if (!outcome.inconsistent) {
      for (const item of orderExceptions) {
        const expected = item.errorCode === CHANGED_AFTER_POSTING && hasEditedFigures(outcome);
        if (item.errorCode !== CONFLICTING_DUPLICATE && !expected) {
          increment(verdict.unexpectedExceptions, `${item.service}:${item.errorCode}`);
        }
      }
    }
  });

  for (const violation of violations) {
    verdict.violations[violation.rule] += 1;
  }

  verdict.lost = verdict.violations.lost;
  verdict.duplicated = verdict.violations.duplicated;
  verdict.examples = FAILING_RULES.flatMap((rule) =>
    violations.filter((violation) => violation.rule === rule).slice(0, SHOWN_IDS),
  );
  verdict.balances = trialBalance.currencies.map((currency) => ({
    currency: currency.currency,
    debit: currency.totals.debit,
    credit: currency.totals.credit,
    balanced: parseMinor(currency.totals.debit) === parseMinor(currency.totals.credit),
    debitOfOrders: formatMinor(debitsOfOrders.get(currency.currency) ?? 0n),
  }));
  verdict.ledgerBalanced = verdict.balances.every((balance) => balance.balanced);
  verdict.ledgerMatchesOrders =
    verdict.balances.every(
      (balance) => parseMinor(balance.debit) === parseMinor(balance.debitOfOrders),
    ) &&
    [...debitsOfOrders.keys()].every((currency) =>
      verdict.balances.some((balance) => balance.currency === currency),
    );
  countConflicts(verdict, outcomes, exceptions);
  for (const item of exceptions) {
    increment(verdict.openExceptions, `${item.service}:${item.errorCode}`);
  }

  return verdict;
}

/** Returns the verdict's reasons to fail the run; empty when the run passed. */
export function failures(verdict: Verdict): string[] {
  const reasons = FAILING_RULES.filter((rule) => verdict.violations[rule] > 0).map(
    (rule) => `${verdict.violations[rule]} orders broke the rule "${rule}"`,
  );
  if (!verdict.ledgerBalanced) {
    reasons.push('the trial balance does not balance in every currency');
  }

  if (!verdict.ledgerMatchesOrders) {
    reasons.push("the trial balance's debits differ from the sum of the orders' entries");
  }

  const { conflicting } = verdict;
  if (conflicting.exceptions < conflicting.acknowledged || conflicting.unmatchedExceptions > 0) {
    reasons.push(
      `${conflicting.acknowledged} changed bodies got a 2xx but ${conflicting.exceptions} ` +
        `conflicting-duplicate exceptions match them (${conflicting.unmatchedExceptions} unmatched)`,
    );
  }

  return reasons;
}

function judgeOrder(
  outcome: OrderOutcome,
  order: StoredOrder,
  orderExceptions: ExceptionItem[],
): Judgement {
  const judgement: Judgement = {
    violations: [],
    posted: false,
    reversed: false,
    cancelledBeforePosting: false,
    endedAsException: false,
    changeRaised: false,
    inconsistentRaised: false,
  };
  const fail = (rule: ViolationRule, detail: string): void => {
    judgement.violations.push({ rule, externalId: outcome.externalId, detail });
  };
  // Payment entries move a posted sale from the receivable to clearing and balance on their
  // own, so the sale rules below leave them and their reversals out.
  const payments = order.entries.filter(
    (entry) => isPaymentEntry(entry) && entry.reversesDocumentId === undefined,
  );
  const paymentDocuments = new Set(payments.map((entry) => entry.documentId));
  const sales = order.entries.filter(
    (entry) => entry.reversesDocumentId === undefined && !isPaymentEntry(entry),
  );
  const reversals = order.entries.filter(
    (entry) =>
      entry.reversesDocumentId !== undefined && !paymentDocuments.has(entry.reversesDocumentId),
  );
  const stored = (event: EventOutcome): boolean => event.acked || event.uncertain;
  const anyStored = outcome.events.some(stored);

  if (outcome.inconsistent) {
    judgement.inconsistentRaised = orderExceptions.some(
      (item) => item.errorCode === ORDER_INCONSISTENT,
    );
    if (order.entries.length > 0) {
      fail('posted-inconsistent', `${order.entries.length} journal entries`);
    }

    if (outcome.events.some((event) => event.acked) && !judgement.inconsistentRaised) {
      fail('inconsistent-not-raised', describeExceptions(orderExceptions));
    }

    return judgement;
  }

  if (sales.length > 1 || reversals.length > 1) {
    fail('duplicated', `${sales.length} sales, ${reversals.length} reversals`);
  }

  if (!anyStored && order.entries.length > 0) {
    fail('posted-unaccepted', `${order.entries.length} journal entries`);
  }

  judgement.posted = sales.length === 1;
  judgement.reversed = sales.length === 1 && reversals.length === 1;
  checkAmounts(outcome, sales, reversals, fail);

  const cancelAcked = outcome.events.some((event) => event.cancelled && event.acked);
  const cancelPossible = outcome.events.some((event) => event.cancelled && stored(event));
  const net = ledgerNet(sales, reversals);
  if (cancelAcked && net !== 0n) {
    fail('cancellation-not-applied', `ledger net ${formatMinor(net)} ${outcome.currency}`);
  }

  const unreversedPayments = payments.filter(
    (payment) => !order.entries.some((entry) => entry.reversesDocumentId === payment.documentId),
  );
  if (cancelAcked && unreversedPayments.length > 0) {
    fail('cancellation-not-applied', `${unreversedPayments.length} payment entries not reversed`);
  }

  judgement.cancelledBeforePosting = cancelAcked && sales.length === 0;
  if (isAccepted(outcome) && !cancelPossible && sales.length === 0) {
    if (orderExceptions.length > 0) {
      judgement.endedAsException = true;
    } else {
      fail('lost', order.orderId ? `order ${order.orderId} has no entries` : 'no order record');
    }
  }

  judgement.changeRaised = orderExceptions.some((item) => item.errorCode === CHANGED_AFTER_POSTING);
  if (sales.length === 1 && !cancelPossible && !judgement.changeRaised) {
    checkChangeRaised(outcome, sales[0], fail);
  }

  checkFinalVersion(outcome, order, fail);

  return judgement;
}

/**
 * Checks that a posted sale carries the figures of the newest version that got a 2xx, or of a
 * later one that may have been stored. Otherwise erp-posting must have raised the change.
 */
function checkChangeRaised(
  outcome: OrderOutcome,
  sale: JournalEntry,
  fail: (rule: ViolationRule, detail: string) => void,
): void {
  const versions = outcome.events.filter((event) => !event.cancelled);
  const newestAcked = versions.filter((event) => event.acked).at(-1);
  if (newestAcked === undefined) {
    return;
  }

  const candidates = versions.filter(
    (event) => event.updatedAt >= newestAcked.updatedAt && (event.acked || event.uncertain),
  );
  const tender = sumLines(sale, 'debit', TENDER_ACCOUNTS);
  if (!candidates.some((event) => parseMinor(event.tenderTotal) === tender)) {
    fail(
      'change-not-raised',
      `sale tenders ${formatMinor(tender)}, newest version ${newestAcked.tenderTotal}`,
    );
  }
}

/** Whether the order's versions carry more than one order total, as an edited quantity does. */
function hasEditedFigures(outcome: OrderOutcome): boolean {
  return new Set(outcome.events.map((event) => event.tenderTotal)).size > 1;
}

/** Checks that each sale carries the tender total of a version that may have been stored. */
function checkAmounts(
  outcome: OrderOutcome,
  sales: JournalEntry[],
  reversals: JournalEntry[],
  fail: (rule: ViolationRule, detail: string) => void,
): void {
  const allowed = new Set(
    outcome.events
      .filter((event) => !event.cancelled && (event.acked || event.uncertain))
      .map((event) => parseMinor(event.tenderTotal)),
  );
  for (const sale of sales) {
    const tender = sumLines(sale, 'debit', TENDER_ACCOUNTS);
    if (!allowed.has(tender)) {
      fail(
        'wrong-amount',
        `sale tenders ${formatMinor(tender)}, versions ${[...allowed].map(formatMinor).join(', ')}`,
      );
    }
  }

  for (const reversal of reversals) {
    const sale = sales.find((entry) => entry.documentId === reversal.reversesDocumentId);
    const reversed = sumLines(reversal, 'credit', TENDER_ACCOUNTS);
    if (!sale || sumLines(sale, 'debit', TENDER_ACCOUNTS) !== reversed) {
      fail('unbalanced-reversal', `reversal of ${reversal.reversesDocumentId} credits ${reversed}`);
    }
  }
}

/** Checks that the stored version is at least as new as the newest version with a 2xx. */
function checkFinalVersion(
  outcome: OrderOutcome,
  order: StoredOrder,
  fail: (rule: ViolationRule, detail: string) => void,
): void {
  const newestAcked = Math.max(
    ...outcome.events.filter((event) => event.acked).map((event) => Date.parse(event.updatedAt)),
  );
  // An order without a record ended as an exception or was lost, which other rules report.
  if (!Number.isFinite(newestAcked) || order.orderId === undefined) {
    return;
  }

  const storedAt = order.sourceUpdatedAt ? Date.parse(order.sourceUpdatedAt) : -Infinity;
  if (storedAt < newestAcked) {
    fail(
      'stale-version',
      `stored ${order.sourceUpdatedAt ?? 'nothing'}, newest 2xx ${new Date(newestAcked).toISOString()}`,
    );
  }
}

function isPaymentEntry(entry: JournalEntry): boolean {
  return /#payment-v\d+$/.test(entry.sourceDocument);
}

/** Returns the sales' tender debits minus the reversals' tender credits, in minor units. */
function ledgerNet(sales: JournalEntry[], reversals: JournalEntry[]): bigint {
  const debits = sales.reduce((sum, entry) => sum + sumLines(entry, 'debit', TENDER_ACCOUNTS), 0n);
  const credits = reversals.reduce(
    (sum, entry) => sum + sumLines(entry, 'credit', TENDER_ACCOUNTS),
    0n,
  );

  return debits - credits;
}

function isAccepted(outcome: OrderOutcome): boolean {
  return outcome.events.some((event) => !event.cancelled && event.acked);
}

function sumLines(entry: JournalEntry, side: 'debit' | 'credit', account?: RegExp): bigint {
  return entry.lines
    .filter((line) => line.side === side && (!account || account.test(line.account)))
    .reduce((sum, line) => sum + parseMinor(line.amount.amount), 0n);
}

/** Finds the order of each exception by the `externalId` in its envelope. */
function groupExceptionsByOrder(
  exceptions: readonly ExceptionItem[],
): Map<string, ExceptionItem[]> {
  const byOrder = new Map<string, ExceptionItem[]>();
  for (const item of exceptions) {
    const match = /"externalId":"(\d+)"/.exec(JSON.stringify(item.envelope ?? null));
    if (match) {
      byOrder.set(match[1], [...(byOrder.get(match[1]) ?? []), item]);
    }
  }

  return byOrder;
}

function countConflicts(
  verdict: Verdict,
  outcomes: readonly OrderOutcome[],
  exceptions: readonly ExceptionItem[],
): void {
  const sentEvents = new Set<string>();
  for (const outcome of outcomes) {
    for (const event of outcome.events) {
      if (event.conflict?.sent) {
        verdict.conflicting.sent += 1;
        sentEvents.add(`${outcome.shop}:${event.eventId}`);
      }

      if (event.conflict?.acked) {
        verdict.conflicting.acknowledged += 1;
      }
    }
  }

  for (const item of exceptions) {
    if (item.errorCode !== CONFLICTING_DUPLICATE) {
      continue;
    }

    const envelope = item.envelope as { shopId?: string; eventId?: string } | null;
    if (sentEvents.has(`${envelope?.shopId}:${envelope?.eventId}`)) {
      verdict.conflicting.exceptions += 1;
    } else {
      verdict.conflicting.unmatchedExceptions += 1;
    }
  }
}

function describeExceptions(items: ExceptionItem[]): string {
  return items.length === 0
    ? 'no open exception'
    : items.map((item) => `${item.service}:${item.errorCode}`).join(', ');
}

function emptyVerdict(orders: number): Verdict {
  return {
    orders,
    accepted: 0,
    posted: 0,
    reversed: 0,
    cancelledBeforePosting: 0,
    endedAsException: 0,
    changesRaised: 0,
    inconsistentCopies: 0,
    inconsistentRaised: 0,
    lost: 0,
    duplicated: 0,
    violations: Object.fromEntries(FAILING_RULES.map((rule) => [rule, 0])) as Record<
      ViolationRule,
      number
    >,
    examples: [],
    ledgerBalanced: false,
    ledgerMatchesOrders: false,
    balances: [],
    conflicting: { sent: 0, acknowledged: 0, exceptions: 0, unmatchedExceptions: 0 },
    openExceptions: {},
    unexpectedExceptions: {},
  };
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
