import {
  Money,
  type AssessedLine,
  type AssessedTax,
  type CanonicalOrder,
  type JurisdictionTotal,
  type TaxAssessment,
} from '@retail-sync/contracts';
import { assessJurisdictions, type JurisdictionAssessment } from './jurisdiction-tax.js';
import { sumOptional, toMoneyBag } from './money-bag.js';
import { assertEveryTaxLineMapped } from './tax-code-mapping.js';
import type { TaxCodeMapping } from './tax-configuration.js';
import { collectTaxableLines, type TaxableLine } from './taxable-line.js';

/**
 * Assesses an order's tax from the channel's tax lines. Discounts reduce the taxable base, the
 * channel's tax is checked against base × mapped rate within a rounding tolerance, and each
 * jurisdiction's booked tax is spread to lines so that the line taxes sum to it exactly.
 *
 * Throws UnmappedTaxError, ChannelTaxMismatchError or NegativeTaxBaseError; never replaces the
 * channel's tax with the recomputed figure.
 */
export function assessOrderTax(
  order: CanonicalOrder,
  mappings: readonly TaxCodeMapping[],
): TaxAssessment {
  assertEveryTaxLineMapped(order, mappings);
  const lines = collectTaxableLines(order, mappings);
  const jurisdictions = assessJurisdictions(order, lines, mappings);
  const toleranceMinor = jurisdictions.reduce(
    (max, jurisdiction) => (jurisdiction.toleranceMinor > max ? jurisdiction.toleranceMinor : max),
    0n,
  );

  return {
    roundingMode: jurisdictions.some((jurisdiction) => jurisdiction.roundingMode === 'order')
      ? 'order'
      : 'line',
    lines: lines.map((line, lineIndex) =>
      assembleLine(line, lineIndex, jurisdictions, order.taxesIncluded),
    ),
    jurisdictions: jurisdictions.map(assembleJurisdictionTotal),
    toleranceMinor: Number(toleranceMinor),
  };
}

function assembleLine(
  line: TaxableLine,
  lineIndex: number,
  jurisdictions: readonly JurisdictionAssessment[],
  taxesIncluded: boolean,
): AssessedLine {
  const taxes = jurisdictions.flatMap((jurisdiction) =>
    jurisdiction.shares
      .filter((share) => share.lineIndex === lineIndex)
      .map((share) => ({ jurisdiction, share })),
  );
  const assessedTaxes: AssessedTax[] = taxes.map(({ jurisdiction, share }) => ({
    taxCode: jurisdiction.mapping.taxCode,
    jurisdiction: jurisdiction.mapping.jurisdiction,
    title: share.title,
    rate: share.rate,
    liabilityAccount: jurisdiction.mapping.liabilityAccount,
    amount: toMoneyBag(share.amount, share.presentment),
  }));
  const presentment = line.presentment;
  let net = line.base;
  let netPresentment = presentment?.base;
  if (taxesIncluded) {
    net = net.subtract(
      Money.sum(
        taxes.map(({ share }) => share.amount),
        line.base.currency,
      ),
    );
    const taxPresentment =
      presentment === undefined
        ? undefined
        : sumOptional(
            taxes.map(({ share }) => share.presentment),
            presentment.base.currency,
          );
    netPresentment =
      presentment === undefined || taxPresentment === undefined
        ? undefined
        : presentment.base.subtract(taxPresentment);
  }

  return {
    ref: line.ref,
    kind: line.kind,
    gross: toMoneyBag(line.gross, presentment?.gross),
    discount: toMoneyBag(line.discount, presentment?.discount),
    net: toMoneyBag(net, netPresentment),
    taxes: assessedTaxes,
  };
}

function assembleJurisdictionTotal(jurisdiction: JurisdictionAssessment): JurisdictionTotal {
  return {
    taxCode: jurisdiction.mapping.taxCode,
    jurisdiction: jurisdiction.mapping.jurisdiction,
    liabilityAccount: jurisdiction.mapping.liabilityAccount,
    rate: jurisdiction.mapping.rate,
    amount: toMoneyBag(jurisdiction.amount, jurisdiction.presentment),
    expected: toMoneyBag(jurisdiction.expected, jurisdiction.expectedPresentment),
  };
}
