import {
  Money,
  type CanonicalOrder,
  type MoneyAmount,
  type MoneyBag,
} from '@retail-sync/contracts';
import type { ConsistencyProblem } from './consistency-problem.js';

/** An amount of the order with its path, such as `lines[0].unitPrice`. */
export interface LabeledBag {
  path: string;
  bag: MoneyBag;
}

/** Lists every amount of the order, labeled with its path in the CanonicalOrder. */
export function listOrderAmounts(order: CanonicalOrder): LabeledBag[] {
  const amounts: LabeledBag[] = [];
  const add = (path: string, bag: MoneyBag): void => {
    amounts.push({ path, bag });
  };
  const addParts = (
    path: string,
    line: {
      discountAllocations: { amount: MoneyBag }[];
      taxLines: { amount: MoneyBag }[];
    },
  ): void => {
    line.discountAllocations.forEach((allocation, index) =>
      add(`${path}.discountAllocations[${index}].amount`, allocation.amount),
    );
    line.taxLines.forEach((taxLine, index) =>
      add(`${path}.taxLines[${index}].amount`, taxLine.amount),
    );
  };
  order.lines.forEach((line, index) => {
    add(`lines[${index}].unitPrice`, line.unitPrice);
    addParts(`lines[${index}]`, line);
  });
  order.shippingLines.forEach((line, index) => {
    add(`shippingLines[${index}].price`, line.price);
    addParts(`shippingLines[${index}]`, line);
  });
  order.taxLines.forEach((taxLine, index) => add(`taxLines[${index}].amount`, taxLine.amount));
  order.transactions.forEach((transaction, index) =>
    add(`transactions[${index}].amount`, transaction.amount),
  );
  for (const [key, bag] of Object.entries(order.totals)) {
    add(`totals.${key}`, bag);
  }

  return amounts;
}

/**
 * Checks each amount on its own: shop amounts must be in the order's currency and presentment
 * amounts in its presentment currency, each must have no more decimals than the currency has,
 * and none may be negative. Returns the problems and whether the amounts can be summed.
 */
export function scanOrderAmounts(order: CanonicalOrder): {
  problems: ConsistencyProblem[];
  summable: boolean;
} {
  const problems: ConsistencyProblem[] = [];
  let summable = true;
  for (const { path, bag } of listOrderAmounts(order)) {
    const sides: [string, MoneyAmount | undefined, string][] = [
      [`${path}.shop`, bag.shop, order.currency],
      [`${path}.presentment`, bag.presentment, order.presentmentCurrency],
    ];
    for (const [sidePath, amount, currency] of sides) {
      if (amount === undefined) {
        continue;
      }

      const problem = checkAmount(sidePath, amount, currency);
      if (problem !== undefined) {
        problems.push(problem);
        summable &&= problem.code === 'order.negative-amount';
      }
    }
  }

  return { problems, summable };
}

function checkAmount(
  path: string,
  amount: MoneyAmount,
  currency: string,
): ConsistencyProblem | undefined {
  if (amount.currency !== currency) {
    return {
      code: 'order.currency-mismatch',
      message: `${path} is in ${amount.currency}, but the order's amounts on this side are in ${currency}.`,
      expected: currency,
      actual: amount.currency,
    };
  }

  let money: Money;
  try {
    money = Money.parse(amount.amount, amount.currency);
  } catch (error) {
    return {
      code: 'order.invalid-amount',
      message: `${path}: ${(error as Error).message}`,
      expected: `an amount with at most ${Money.zero(currency).exponent} decimals`,
      actual: amount.amount,
    };
  }

  if (!money.isNegative()) {
    return undefined;
  }

  return {
    code: 'order.negative-amount',
    message: `${path} is ${money.toString()}, but order amounts must not be negative.`,
    expected: Money.zero(currency).toDecimal(),
    actual: money.toDecimal(),
  };
}
