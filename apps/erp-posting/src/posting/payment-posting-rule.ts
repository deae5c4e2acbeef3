import { Money } from '@retail-sync/contracts';
import type {
  JournalEntryDraft,
  JournalLineDimensions,
  JournalLineDraft,
} from './journal-entry-draft.js';
import { UnbalancedEntryError } from './posting-errors.js';

export const ORDER_PAYMENT_RULE_VERSION = 'order-payment@1';

/** Returns whether a line settles the sale: a gateway's tender line or the receivable. */
export function isTenderLine(line: JournalLineDraft, receivableAccount: string): boolean {
  return line.dimensions.gateway !== undefined || line.account === receivableAccount;
}

interface TenderBalance {
  account: string;
  /** Debits minus credits in the shop currency. */
  shop: Money;
  /** Debits minus credits in the presentment currency, when the lines carry it. */
  presentment?: Money;
  /** The newest line seen for this account and gateway, for memo and dimensions. */
  line: JournalLineDraft;
}

/**
 * Builds the entry that moves an order's settlement from what the ledger contains to what a
 * later version of the order shows. The usual case is a pending order that is paid after its sale was
 * posted: Dr the gateway's clearing account, Cr receivable. Without it, the same order would
 * end on the receivable or on clearing depending on whether the payment arrived before the sale
 * was posted.
 *
 * `posted` are the order's sale and earlier payment entries, `latest` the sale entry the newer
 * version would have had. Returns undefined when the settlement lines already match. The sold
 * lines must match too (the caller raises the order as changed otherwise), so the entry balances.
 */
export function buildPaymentEntry(options: {
  latest: JournalEntryDraft;
  posted: readonly JournalEntryDraft[];
  orderVersion: number;
  postingDate: string;
  receivableAccount: string;
}): JournalEntryDraft | undefined {
  const { latest, posted, orderVersion, postingDate, receivableAccount } = options;
  const balances = new Map<string, TenderBalance>();
  for (const entry of posted) {
    addLines(balances, entry.lines, receivableAccount, -1);
  }

  addLines(balances, latest.lines, receivableAccount, 1);
  const lines: JournalLineDraft[] = [];
  for (const balance of balances.values()) {
    if (balance.shop.isZero()) {
      continue;
    }

    const side = balance.shop.isNegative() ? 'credit' : 'debit';
    const sign = side === 'credit' ? -1n : 1n;
    lines.push({
      account: balance.account,
      side,
      amount: balance.shop.times(sign),
      ...(balance.presentment ? { presentmentAmount: balance.presentment.times(sign) } : {}),
      memo: `${side === 'debit' ? 'Payment' : 'Settled'}: ${balance.line.memo}`,
      dimensions: { ...balance.line.dimensions },
    });
  }

  if (lines.length === 0) {
    return undefined;
  }

  const sourceDocument = `${latest.sourceDocument}#payment-v${orderVersion}`;
  const net = lines.reduce(
    (sum, line) => (line.side === 'debit' ? sum.add(line.amount) : sum.subtract(line.amount)),
    Money.zero(latest.currency),
  );
  if (!net.isZero()) {
    const debits = lines.filter((line) => line.side === 'debit').map((line) => line.amount);
    const credits = lines.filter((line) => line.side === 'credit').map((line) => line.amount);
    throw new UnbalancedEntryError(
      sourceDocument,
      Money.sum(debits, latest.currency),
      Money.sum(credits, latest.currency),
    );
  }

  return {
    idempotencyKey: `${sourceDocument}#${ORDER_PAYMENT_RULE_VERSION}`,
    sourceDocument,
    ruleVersion: ORDER_PAYMENT_RULE_VERSION,
    orderId: latest.orderId,
    postingDate: postingDate < latest.postingDate ? latest.postingDate : postingDate,
    currency: latest.currency,
    presentmentCurrency: latest.presentmentCurrency,
    ...(latest.fxRate === undefined ? {} : { fxRate: latest.fxRate }),
    lines,
  };
}

/** Adds the tender lines' debits minus credits, times `sign`, per account and gateway. */
function addLines(
  balances: Map<string, TenderBalance>,
  lines: readonly JournalLineDraft[],
  receivableAccount: string,
  sign: 1 | -1,
): void {
  for (const line of lines) {
    if (!isTenderLine(line, receivableAccount)) {
      continue;
    }

    const key = tenderKey(line.account, line.dimensions);
    const direction = BigInt(sign * (line.side === 'debit' ? 1 : -1));
    const shop = line.amount.times(direction);
    const presentment = line.presentmentAmount?.times(direction);
    const current = balances.get(key);
    if (!current) {
      balances.set(key, { account: line.account, shop, presentment, line });
      continue;
    }

    current.shop = current.shop.add(shop);
    current.presentment =
      current.presentment && presentment ? current.presentment.add(presentment) : undefined;
    current.line = sign === 1 ? line : current.line;
  }
}

function tenderKey(account: string, dimensions: JournalLineDimensions): string {
  return `${account}|${dimensions.gateway ?? ''}`;
}
