import type { CanonicalOrder, PaymentTransaction } from '@retail-sync/contracts';
import type { ChartOfAccounts } from './chart-of-accounts.js';
import type { JournalLineBuilder } from './journal-line-builder.js';
import {
  fromMoneyBag,
  subtractPostingAmounts,
  sumPostingAmounts,
  type PostingAmount,
} from './posting-amount.js';
import { OverpaidOrderError } from './posting-errors.js';

/** The gateway name channels use for payment with a store-issued gift card. */
export const GIFT_CARD_GATEWAY = 'gift_card';

/**
 * Returns the transactions that settle a sale: successful sales and captures. Authorizations move
 * no money, voids cancel an authorization, and refunds are posted as their own document.
 */
export function settlingTransactions(order: CanonicalOrder): PaymentTransaction[] {
  return order.transactions.filter(
    (transaction) =>
      transaction.status === 'success' &&
      (transaction.kind === 'sale' || transaction.kind === 'capture'),
  );
}

/**
 * Posts a debit per settling transaction and a receivable debit for whatever part of `total` they
 * leave unpaid, so the settlement debits always equal the order total. Throws OverpaidOrderError
 * when the tenders exceed the total.
 */
export function postTenders(
  builder: JournalLineBuilder,
  order: CanonicalOrder,
  chart: ChartOfAccounts,
  total: PostingAmount,
  sourceDocument: string,
): void {
  const tenders = settlingTransactions(order).map((transaction) => ({
    transaction,
    ref: transactionRef(order, transaction),
    amount: fromMoneyBag(transaction.amount, order.presentmentCurrency),
  }));
  const tendered = sumPostingAmounts(
    tenders.map((tender) => tender.amount),
    order.currency,
    order.presentmentCurrency,
  );
  const unpaid = subtractPostingAmounts(total, tendered);
  if (unpaid.shop.isNegative()) {
    throw new OverpaidOrderError(sourceDocument, tendered.shop, total.shop);
  }

  for (const { transaction, ref, amount } of tenders) {
    const dimensions = {
      channel: order.channel,
      gateway: transaction.gateway,
      sourceLineRef: ref,
    };
    if (transaction.gateway === GIFT_CARD_GATEWAY) {
      // Redeeming a gift card settles the liability booked when it was sold, and no cash comes in.
      builder.debit(
        chart.giftCardLiability,
        amount,
        `${order.name} gift card redemption (${ref})`,
        dimensions,
      );
    } else {
      builder.debit(
        chart.clearing[transaction.gateway] ?? chart.clearing.default,
        amount,
        `${order.name} ${transaction.gateway} ${transaction.kind} (${ref})`,
        dimensions,
      );
    }
  }

  builder.debit(chart.receivable, unpaid, `${order.name} amount due`, { channel: order.channel });
}

/** Returns `transaction:<channel id>`, or `transaction#<position>` when the channel sent no id. */
function transactionRef(order: CanonicalOrder, transaction: PaymentTransaction): string {
  if (transaction.externalId) {
    return `transaction:${transaction.externalId}`;
  }

  return `transaction#${order.transactions.indexOf(transaction)}`;
}
