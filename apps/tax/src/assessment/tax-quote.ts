import {
  Money,
  MoneyAmount,
  type QuotedTax,
  type TaxQuoteCalculateReply,
  type TaxQuoteCalculateRequest,
  type TaxQuoteLine,
  type TaxQuoteLineResult,
} from '@retail-sync/contracts';
import { exactTax, rationalOfDecimal, roundToMinor, sumRationals } from './exact-rational.js';
import type { RateTable } from './tax-configuration.js';
import { UnknownTaxRegionError } from './tax-errors.js';

const DEFAULT_CATEGORY = 'standard';

/**
 * Quotes tax for a basket from the region's rate table. Each line gets every rate of its
 * category (default `standard`), rounded half away from zero per line and per tax. With
 * tax-inclusive amounts each tax is amount × rate / (1 + sum of the line's rates) and the net is
 * the amount less those taxes. Throws UnknownTaxRegionError for an unknown region or category.
 */
export function quoteTax(
  request: TaxQuoteCalculateRequest,
  tables: readonly RateTable[],
): TaxQuoteCalculateReply {
  const table = findRateTable(request, tables);
  const lines = request.lines.map((line) => quoteLine(request, table, line));
  const taxes = lines.flatMap((line) => line.taxes.map((tax) => MoneyAmount.parse(tax.amount)));

  return {
    lines,
    totalTax: MoneyAmount.of(Money.sum(taxes, request.currency)),
  };
}

/** Prefers a table for the request's currency over one that names no currency. */
function findRateTable(request: TaxQuoteCalculateRequest, tables: readonly RateTable[]): RateTable {
  const candidates = tables.filter((table) => table.region === request.region);
  const table =
    candidates.find((candidate) => candidate.currency === request.currency) ??
    candidates.find((candidate) => candidate.currency === undefined);
  if (table === undefined) {
    throw new UnknownTaxRegionError(request.region, request.currency);
  }

  return table;
}

function quoteLine(
  request: TaxQuoteCalculateRequest,
  table: RateTable,
  line: TaxQuoteLine,
): TaxQuoteLineResult {
  const category = line.category ?? DEFAULT_CATEGORY;
  const entries = table.rates.filter((entry) => entry.category === category);
  if (entries.length === 0) {
    throw new UnknownTaxRegionError(request.region, request.currency, category);
  }

  const amount = Money.parse(line.amount, request.currency);
  const inclusiveRateSum = request.taxesIncluded
    ? sumRationals(entries.map((entry) => rationalOfDecimal(entry.rate)))
    : undefined;
  const taxAmounts = entries.map((entry) =>
    Money.ofMinor(roundToMinor(exactTax(amount, entry.rate, inclusiveRateSum)), request.currency),
  );
  const taxes: QuotedTax[] = entries.map((entry, index) => ({
    taxCode: entry.taxCode,
    jurisdiction: entry.jurisdiction,
    rate: entry.rate,
    amount: MoneyAmount.of(taxAmounts[index]),
  }));
  const net = request.taxesIncluded
    ? amount.subtract(Money.sum(taxAmounts, request.currency))
    : amount;

  return { ref: line.ref, net: MoneyAmount.of(net), taxes };
}
