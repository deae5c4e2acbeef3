import { Money } from '@retail-sync/contracts';

/** A tax service failure with a stable dotted `code` that callers and logs can match on. */
export abstract class TaxError extends Error {
  abstract readonly code: string;
}

/** A channel tax line whose title and rate match no configured tax code mapping. */
export interface UnmappedTax {
  title: string;
  rate: string;
}

export class UnmappedTaxError extends TaxError {
  override readonly name = 'UnmappedTaxError';
  readonly code = 'tax.unmapped';

  constructor(readonly unmapped: readonly UnmappedTax[]) {
    const listed = unmapped.map((tax) => `"${tax.title}" at rate ${tax.rate}`).join(', ');
    super(
      `No tax code mapping for ${listed}. Add a mapping with this title and rate to the tax ` +
        'configuration, then assess the order again.',
    );
  }
}

export interface ChannelTaxMismatch {
  jurisdiction: string;
  taxCode: string;
  channel: Money;
  expected: Money;
  toleranceMinor: bigint;
  /** Set when the tax sits on a line that must carry none, such as a gift card. */
  untaxableLineRef?: string;
}

/**
 * The channel's tax differs from the recomputed tax by more than the rounding tolerance. The
 * channel's figure is what the customer paid, so it is never replaced silently.
 */
export class ChannelTaxMismatchError extends TaxError {
  override readonly name = 'ChannelTaxMismatchError';
  readonly code = 'tax.channel-mismatch';

  constructor(readonly mismatch: ChannelTaxMismatch) {
    super(describeMismatch(mismatch));
  }
}

/** No rate table, or no rate in the table, for a quote's region and category. */
export class UnknownTaxRegionError extends TaxError {
  override readonly name = 'UnknownTaxRegionError';
  readonly code = 'tax.unknown-region';

  constructor(
    readonly region: string,
    readonly currency: string,
    readonly category?: string,
  ) {
    super(
      category === undefined
        ? `No tax rate table for region "${region}" in ${currency}. Add a rate table for this ` +
            'region and currency to the tax configuration.'
        : `The tax rate table for region "${region}" has no rate for category "${category}". ` +
            'Add the category to the rate table or quote the line with a configured category.',
    );
  }
}

/** A line whose discounts exceed its price, so its taxable base would be negative. */
export class NegativeTaxBaseError extends TaxError {
  override readonly name = 'NegativeTaxBaseError';
  readonly code = 'tax.negative-base';

  constructor(
    readonly ref: string,
    readonly gross: Money,
    readonly discount: Money,
  ) {
    super(
      `Line ${ref} has discounts of ${discount.toString()} against a price of ` +
        `${gross.toString()}, so its taxable base is negative. Check the channel's discount ` +
        'allocations for this order.',
    );
  }
}

function describeMismatch(mismatch: ChannelTaxMismatch): string {
  const tolerance = Money.ofMinor(mismatch.toleranceMinor, mismatch.channel.currency);
  const subject = `${mismatch.taxCode} (${mismatch.jurisdiction})`;
  if (mismatch.untaxableLineRef !== undefined) {
    return (
      `Line ${mismatch.untaxableLineRef} is a gift card but the channel charged ` +
      `${mismatch.channel.toString()} of ${subject} on it, expected ${mismatch.expected.toString()}. ` +
      'Gift cards are outside sales tax: correct the gift card product tax setting in the channel.'
    );
  }

  return (
    `Channel tax for ${subject} is ${mismatch.channel.toString()} but the recomputed tax is ` +
    `${mismatch.expected.toString()}, more than the tolerance of ${tolerance.toString()} apart. ` +
    'Check the mapped rate and whether the channel taxed the price before discounts.'
  );
}
