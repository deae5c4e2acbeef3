import { decimalFromJsonNumber, isDecimalString, type TaxLine } from '@retail-sync/contracts';
import { describeValue, fieldPath, type PayloadProblems } from './payload-problems.js';
import { readObjectArray, readOptionalString, readRequiredString } from './shopify-field-reader.js';
import { readRequiredMoneyBag, type TranslationContext } from './shopify-money-reader.js';
import type { ShopifyTaxLine, Unchecked } from './shopify-order.types.js';

/** Translates the optional tax line array `key` of an order, line item or shipping line. */
export function translateTaxLines<T>(
  context: TranslationContext,
  source: Unchecked<T>,
  key: keyof T & string,
  parent: string,
): TaxLine[] {
  const taxLines = readObjectArray<T, ShopifyTaxLine>(context.problems, source, key, parent, false);

  return taxLines.map(({ value, path }) => translateTaxLine(context, value, path));
}

function translateTaxLine(
  context: TranslationContext,
  taxLine: Unchecked<ShopifyTaxLine>,
  path: string,
): TaxLine {
  const { problems } = context;
  const translated: TaxLine = {
    title: readRequiredString(problems, taxLine, 'title', path),
    rate: readRate(problems, taxLine, path),
    amount: readRequiredMoneyBag(context, taxLine, 'price', path),
  };

  // Shopify's REST and webhook tax lines name no jurisdiction. A `jurisdiction` or `source` field
  // added by another source is kept, and otherwise the jurisdiction stays undefined.
  const jurisdiction =
    readOptionalString(problems, taxLine, 'jurisdiction', path, { emptyIsAbsent: true }) ??
    readOptionalString(problems, taxLine, 'source', path, { emptyIsAbsent: true });
  if (jurisdiction !== undefined) {
    translated.jurisdiction = jurisdiction;
  }

  return translated;
}

/**
 * Reads a tax rate as an exact decimal string. Shopify sends a JSON number (0.08875), which
 * `decimalFromJsonNumber` turns back into the digits sent. A decimal string is accepted as is.
 */
function readRate(
  problems: PayloadProblems,
  taxLine: Unchecked<ShopifyTaxLine>,
  parent: string,
): string {
  const value = taxLine.rate;
  const path = fieldPath(parent, 'rate');
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) {
    return decimalFromJsonNumber(value);
  }

  if (isDecimalString(value) && !value.startsWith('-')) {
    return value;
  }

  problems.report(
    path,
    `must be a non-negative number such as 0.08875, got ${describeValue(value)}`,
  );

  return '0';
}
