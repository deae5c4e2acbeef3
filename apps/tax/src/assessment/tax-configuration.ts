import { readFile } from 'node:fs/promises';
import { IsOptional, IsString, MinLength } from 'class-validator';
import {
  IsCurrencyCode,
  IsDecimalAmount,
  NestedArray,
  validatePayload,
} from '@retail-sync/contracts';
import { decimalsEqual, rationalOfDecimal } from './exact-rational.js';
import { TaxError } from './tax-errors.js';

/**
 * Maps a channel tax line to the retailer's tax code and liability account. A channel tax line
 * matches when its title equals `channelTitle` ignoring case and its rate equals `rate` as an
 * exact decimal ("0.1" equals "0.10").
 */
export class TaxCodeMapping {
  @IsString()
  @MinLength(1)
  channelTitle: string;

  @IsDecimalAmount()
  rate: string;

  @IsString()
  taxCode: string;

  @IsString()
  jurisdiction: string;

  @IsString()
  liabilityAccount: string;

  /** Rate-table region of the mapping. Matching ignores it, because orders carry no region. */
  @IsOptional()
  @IsString()
  region?: string;
}

export class RateTableEntry {
  /** Tax category such as `standard`, `reduced` or `shipping`. */
  @IsString()
  category: string;

  @IsString()
  taxCode: string;

  @IsString()
  jurisdiction: string;

  @IsDecimalAmount()
  rate: string;

  @IsString()
  liabilityAccount: string;
}

/** The rates of one region for quotes. A category with several entries gets each of their taxes. */
export class RateTable {
  @IsString()
  region: string;

  /** When set, the table serves only quotes in this currency. */
  @IsOptional()
  @IsCurrencyCode()
  currency?: string;

  @NestedArray(() => RateTableEntry)
  rates: RateTableEntry[];
}

export class TaxConfiguration {
  @NestedArray(() => TaxCodeMapping)
  mappings: TaxCodeMapping[];

  @NestedArray(() => RateTable)
  rateTables: RateTable[];
}

export class InvalidTaxConfigurationError extends TaxError {
  override readonly name = 'InvalidTaxConfigurationError';
  readonly code = 'tax.invalid-configuration';

  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(
      `Invalid tax configuration in ${source}: ${problems.join('; ')}. Fix the file and restart.`,
    );
  }
}

export const DEFAULT_TAX_CONFIGURATION_URL = new URL(
  '../../config/tax-configuration.json',
  import.meta.url,
);

/** Reads and validates a tax configuration file, by default the one shipped with the service. */
export async function readTaxConfiguration(
  location: string | URL = DEFAULT_TAX_CONFIGURATION_URL,
): Promise<TaxConfiguration> {
  const text = await readFile(location, 'utf8');

  return parseTaxConfiguration(JSON.parse(text), String(location));
}

/**
 * Validates a parsed configuration document. Rejects negative rates, two mappings with the same
 * title and rate (the match would be ambiguous) and two rate tables for one region and currency.
 */
export function parseTaxConfiguration(plain: unknown, source: string): TaxConfiguration {
  let configuration: TaxConfiguration;
  try {
    configuration = validatePayload(TaxConfiguration, plain, 'tax configuration');
  } catch (error) {
    throw new InvalidTaxConfigurationError(source, [(error as Error).message]);
  }

  const problems = [
    ...findNegativeRates(configuration),
    ...findDuplicateMappings(configuration.mappings),
    ...findDuplicateRateTables(configuration.rateTables),
  ];
  if (problems.length > 0) {
    throw new InvalidTaxConfigurationError(source, problems);
  }

  return configuration;
}

function findNegativeRates(configuration: TaxConfiguration): string[] {
  const rates = [
    ...configuration.mappings.map((mapping) => ({
      label: mapping.channelTitle,
      rate: mapping.rate,
    })),
    ...configuration.rateTables.flatMap((table) =>
      table.rates.map((entry) => ({
        label: `${table.region} ${entry.category}`,
        rate: entry.rate,
      })),
    ),
  ];

  return rates
    .filter(({ rate }) => rationalOfDecimal(rate).num < 0n)
    .map(({ label, rate }) => `rate ${rate} for "${label}" is negative`);
}

function findDuplicateMappings(mappings: readonly TaxCodeMapping[]): string[] {
  return mappings.flatMap((mapping, index) => {
    const earlier = mappings
      .slice(0, index)
      .some(
        (other) =>
          other.channelTitle.toLowerCase() === mapping.channelTitle.toLowerCase() &&
          decimalsEqual(other.rate, mapping.rate),
      );

    return earlier
      ? [`mapping "${mapping.channelTitle}" at rate ${mapping.rate} is listed twice`]
      : [];
  });
}

function findDuplicateRateTables(tables: readonly RateTable[]): string[] {
  const seen = new Set<string>();

  return tables.flatMap((table) => {
    const key = `${table.region}/${table.currency ?? 'any currency'}`;
    if (seen.has(key)) {
      return [`rate table for ${key} is listed twice`];
    }

    seen.add(key);

    return [];
  });
}
