export const CONSISTENCY_PROBLEM_CODES = [
  'order.subtotal-mismatch',
  'order.line-items-total-mismatch',
  'order.shipping-total-mismatch',
  'order.tax-total-mismatch',
  'order.total-mismatch',
  'order.discount-total-mismatch',
  'order.presentment-total-mismatch',
  'order.negative-amount',
  'order.currency-mismatch',
  'order.invalid-amount',
] as const;

/**
 * One way in which the channel's figures for an order disagree. `actual` is the channel's figure
 * and `expected` the figure it should equal, both as decimal strings: the sum of the lines for a
 * total and zero for a negative amount. A currency mismatch gives currency codes instead, and an
 * invalid amount gives the allowed number of decimals.
 */
export interface ConsistencyProblem {
  code: (typeof CONSISTENCY_PROBLEM_CODES)[number];
  message: string;
  expected: string;
  actual: string;
}

export class OrderInconsistentError extends Error {
  override readonly name = 'OrderInconsistentError';
  readonly code = 'order.inconsistent';

  constructor(
    readonly orderName: string,
    readonly problems: readonly ConsistencyProblem[],
  ) {
    super(
      `Order ${orderName} is inconsistent: ${problems.map((problem) => problem.message).join(' ')} ` +
        "Compare the order with the channel's admin view. Once the channel sends a corrected version (an edit in Shopify sends orders/updated), it is captured; then discard this record with a reason.",
    );
  }
}
