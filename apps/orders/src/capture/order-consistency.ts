import { Money, MoneyAmount, type CanonicalOrder, type MoneyBag } from '@retail-sync/contracts';
import type { ConsistencyProblem } from './consistency-problem.js';
import { scanOrderAmounts } from './order-amount-scan.js';

export {
  CONSISTENCY_PROBLEM_CODES,
  OrderInconsistentError,
  type ConsistencyProblem,
} from './consistency-problem.js';

/**
 * Checks the channel's order totals against the order's lines in the shop currency, and the
 * total in the presentment currency when every amount it depends on has a presentment figure.
 * Returns every problem found, or an empty list when the order is consistent.
 */
export function checkOrderConsistency(order: CanonicalOrder): ConsistencyProblem[] {
  const scan = scanOrderAmounts(order);
  if (!scan.summable) {
    // Sums over amounts in the wrong currency or with invalid decimals would be meaningless.
    return scan.problems;
  }

  const presentment = checkPresentmentTotal(order);

  return [...scan.problems, ...checkShopTotals(order), ...(presentment ? [presentment] : [])];
}

/** The figures an order's totals should equal, summed from its lines on one side of the bags. */
interface LineSums {
  lineItems: Money;
  lineDiscounts: Money;
  shipping: Money;
  shippingDiscounts: Money;
  tax: Money;
  total: Money;
}

function sumLines(
  order: CanonicalOrder,
  pick: (bag: MoneyBag) => Money,
  currency: string,
): LineSums {
  const sum = (bags: MoneyBag[]): Money => Money.sum(bags.map(pick), currency);
  const lineItems = Money.sum(
    order.lines.map((line) => pick(line.unitPrice).times(line.quantity)),
    currency,
  );
  const lineDiscounts = sum(
    order.lines.flatMap((line) => line.discountAllocations.map((a) => a.amount)),
  );
  const shipping = sum(order.shippingLines.map((line) => line.price));
  const shippingDiscounts = sum(
    order.shippingLines.flatMap((line) => line.discountAllocations.map((a) => a.amount)),
  );
  const tax = sum(channelTaxBags(order));
  // Built from the lines rather than the channel's subtotal, so a wrong subtotal cannot hide a
  // wrong total.
  const total = lineItems
    .subtract(lineDiscounts)
    .add(shipping)
    .subtract(shippingDiscounts)
    .add(order.taxesIncluded ? Money.zero(currency) : tax);

  return { lineItems, lineDiscounts, shipping, shippingDiscounts, tax, total };
}

/** Returns the order-level tax lines, which include shipping tax, else every line's tax lines. */
function channelTaxBags(order: CanonicalOrder): MoneyBag[] {
  if (order.taxLines.length > 0) {
    return order.taxLines.map((taxLine) => taxLine.amount);
  }

  return [...order.lines, ...order.shippingLines].flatMap((line) =>
    line.taxLines.map((taxLine) => taxLine.amount),
  );
}

interface TotalCheck {
  code: ConsistencyProblem['code'];
  field: string;
  source: string;
  actual: Money;
  expected: Money;
  applies: boolean;
}

function checkShopTotals(order: CanonicalOrder): ConsistencyProblem[] {
  const sums = sumLines(order, (bag) => MoneyAmount.parse(bag.shop), order.currency);
  const reported = (bag: MoneyBag): Money => MoneyAmount.parse(bag.shop);
  const totals = order.totals;
  const checks: TotalCheck[] = [
    {
      code: 'order.subtotal-mismatch',
      field: 'totals.subtotal',
      source: 'line items minus discounts',
      actual: reported(totals.subtotal),
      expected: sums.lineItems.subtract(sums.lineDiscounts),
      applies: true,
    },
    // Some channel payloads omit the line items and shipping totals, and the translator then
    // sets zero, so a zero there is not compared.
    {
      code: 'order.line-items-total-mismatch',
      field: 'totals.lineItems',
      source: 'the sum of unit price × quantity',
      actual: reported(totals.lineItems),
      expected: sums.lineItems,
      applies: !reported(totals.lineItems).isZero(),
    },
    {
      code: 'order.shipping-total-mismatch',
      field: 'totals.shipping',
      source: 'the sum of the shipping line prices',
      actual: reported(totals.shipping),
      expected: sums.shipping,
      applies: !reported(totals.shipping).isZero(),
    },
    {
      code: 'order.tax-total-mismatch',
      field: 'totals.tax',
      source:
        order.taxLines.length > 0 ? "the order's tax lines" : 'the line and shipping tax lines',
      actual: reported(totals.tax),
      expected: sums.tax,
      applies: true,
    },
    {
      code: 'order.total-mismatch',
      field: 'totals.total',
      source: order.taxesIncluded
        ? 'line items − discounts + shipping, with tax included in prices,'
        : 'line items − discounts + shipping + tax',
      actual: reported(totals.total),
      expected: sums.total,
      applies: true,
    },
    {
      code: 'order.discount-total-mismatch',
      field: 'totals.discounts',
      source: 'the line and shipping discount allocations',
      actual: reported(totals.discounts),
      expected: sums.lineDiscounts.add(sums.shippingDiscounts),
      applies: true,
    },
  ];

  return checks
    .filter((check) => check.applies && !check.actual.equals(check.expected))
    .map((check) => ({
      code: check.code,
      message:
        `${check.field} ${check.actual.toString()} does not equal ${check.source} ` +
        `${check.expected.toString()}.`,
      expected: check.expected.toDecimal(),
      actual: check.actual.toDecimal(),
    }));
}

function checkPresentmentTotal(order: CanonicalOrder): ConsistencyProblem | undefined {
  const needed = [
    order.totals.total,
    ...order.lines.flatMap((line) => [
      line.unitPrice,
      ...line.discountAllocations.map((a) => a.amount),
    ]),
    ...order.shippingLines.flatMap((line) => [
      line.price,
      ...line.discountAllocations.map((a) => a.amount),
    ]),
    ...(order.taxesIncluded ? [] : channelTaxBags(order)),
  ];
  if (needed.some((bag) => bag.presentment === undefined)) {
    return undefined;
  }

  const parse = (bag: MoneyBag): Money => MoneyAmount.parse(bag.presentment as MoneyAmount);
  const expected = sumLines(order, parse, order.presentmentCurrency).total;
  const actual = parse(order.totals.total);
  if (actual.equals(expected)) {
    return undefined;
  }

  return {
    code: 'order.presentment-total-mismatch',
    message:
      `totals.total.presentment ${actual.toString()} does not equal the presentment amounts of ` +
      `the lines ${expected.toString()}.`,
    expected: expected.toDecimal(),
    actual: actual.toDecimal(),
  };
}
