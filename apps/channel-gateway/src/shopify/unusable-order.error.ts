/**
 * A channel order that cannot become a canonical order. The payload itself is wrong, so retrying
 * the same payload fails again; `problems` lists every field at fault with its path.
 */
export class UnusableOrderError extends Error {
  override readonly name = 'UnusableOrderError';
  readonly code = 'channel.order.unusable';

  constructor(
    readonly shopDomain: string,
    readonly externalId: string | undefined,
    readonly problems: readonly string[],
    options?: ErrorOptions,
  ) {
    super(
      `Shopify order ${externalId ?? '(without id)'} from ${shopDomain} is unusable: ` +
        `${problems.join('; ')}. If the order is wrong in Shopify, edit it there so Shopify sends orders/updated; then discard this record with a reason.`,
      options,
    );
  }
}
