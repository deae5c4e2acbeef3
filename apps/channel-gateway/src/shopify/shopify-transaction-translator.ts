import { TRANSACTION_KINDS, type MoneyBag, type PaymentTransaction } from '@retail-sync/contracts';
import { describeValue, fieldPath, isAbsent, type PayloadProblems } from './payload-problems.js';
import { readId, readObjectArray, readRequiredString } from './shopify-field-reader.js';
import { readRequiredMoneyBag, type TranslationContext } from './shopify-money-reader.js';
import type { ShopifyOrder, ShopifyTransaction, Unchecked } from './shopify-order.types.js';

const TRANSACTION_STATUSES = ['success', 'pending', 'failure', 'error'] as const;

/** The gateway Shopify names for gift card redemptions, which settle no cash. */
const GIFT_CARD_GATEWAY = 'gift_card';

/**
 * Translates the order's payment transactions: the `transactions` the caller fetched, else the
 * order's own `transactions`. An empty list means the order has none. When both are absent, the
 * transactions are derived from the order as {@link deriveTransactions} describes.
 */
export function translateTransactions(
  context: TranslationContext,
  order: Unchecked<ShopifyOrder>,
  transactions: unknown,
  orderTotal: MoneyBag,
): PaymentTransaction[] {
  const source = { transactions: transactions ?? order.transactions };
  if (isAbsent(source.transactions)) {
    return deriveTransactions(context.problems, order, orderTotal);
  }

  const elements = readObjectArray<typeof source, ShopifyTransaction>(
    context.problems,
    source,
    'transactions',
    '',
    true,
  );

  return elements.map(({ value, path }) => translateTransaction(context, value, path));
}

function translateTransaction(
  context: TranslationContext,
  transaction: Unchecked<ShopifyTransaction>,
  path: string,
): PaymentTransaction {
  const { problems } = context;
  const translated: PaymentTransaction = {
    kind: readOneOf(problems, transaction, 'kind', path, TRANSACTION_KINDS),
    status: readOneOf(problems, transaction, 'status', path, TRANSACTION_STATUSES),
    gateway: readRequiredString(problems, transaction, 'gateway', path),
    amount: readTransactionAmount(context, transaction, path),
  };
  const externalId = readId(problems, transaction, 'id', path, false);
  if (externalId !== undefined) {
    translated.externalId = externalId;
  }

  return translated;
}

/**
 * Reads a transaction amount. A plain `amount` is in `currency`, so it is usable only when that
 * currency is the shop currency; otherwise the transaction must carry `amount_set`.
 */
function readTransactionAmount(
  context: TranslationContext,
  transaction: Unchecked<ShopifyTransaction>,
  path: string,
): MoneyBag {
  const { problems, currencies } = context;
  const currency = transaction.currency;
  const isShopCurrency = isAbsent(currency) || currency === currencies.shop;
  if (isAbsent(transaction.amount_set) && !isShopCurrency) {
    problems.report(
      fieldPath(path, 'currency'),
      `must be the shop currency ${currencies.shop} when amount_set is absent, got ${describeValue(currency)}`,
    );
  }

  return readRequiredMoneyBag(context, transaction, 'amount', path);
}

function readOneOf<T, V extends string>(
  problems: PayloadProblems,
  source: Unchecked<T>,
  key: keyof T & string,
  parent: string,
  allowed: readonly V[],
): V {
  const value = source[key];
  const match = allowed.find((candidate) => candidate === value);
  if (match === undefined) {
    problems.report(
      fieldPath(parent, key),
      `must be one of ${allowed.join(', ')}, got ${describeValue(value)}`,
    );

    return allowed[0];
  }

  return match;
}

/**
 * Order webhooks carry no transactions. A `paid` order whose `payment_gateway_names` lists exactly
 * one gateway, other than gift cards, was paid in full through it, so one successful sale of the
 * order total is derived. Otherwise no transaction is derived, and the posting side books the
 * unpaid balance to accounts receivable.
 */
function deriveTransactions(
  problems: PayloadProblems,
  order: Unchecked<ShopifyOrder>,
  orderTotal: MoneyBag,
): PaymentTransaction[] {
  const gatewayNames = order.payment_gateway_names;
  if (!isAbsent(gatewayNames) && !isStringArray(gatewayNames)) {
    problems.report(
      'payment_gateway_names',
      `must be an array of strings, got ${describeValue(gatewayNames)}`,
    );

    return [];
  }

  const gateways = (gatewayNames ?? []).filter((name) => name !== '');
  const [gateway] = gateways;
  const isSingleGateway = gateways.length === 1 && gateway !== GIFT_CARD_GATEWAY;
  if (order.financial_status !== 'paid' || !isSingleGateway || gateway === undefined) {
    return [];
  }

  return [{ kind: 'sale', status: 'success', gateway, amount: orderTotal }];
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((element) => typeof element === 'string');
}
