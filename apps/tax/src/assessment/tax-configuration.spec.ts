import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { findMappingIndex } from './tax-code-mapping.js';
import {
  InvalidTaxConfigurationError,
  parseTaxConfiguration,
  readTaxConfiguration,
} from './tax-configuration.js';

const mapping = {
  channelTitle: 'GST',
  rate: '0.1',
  taxCode: 'AU-GST',
  jurisdiction: 'AU',
  liabilityAccount: '2210-AU-GST',
};

describe('tax configuration', () => {
  it('maps every sample tax line', async () => {
    const { mappings } = await readTaxConfiguration();
    const sampleTaxes = [
      ['State Tax', '0.06', 'US-STATE'],
      ['State tax', '0.06', 'US-STATE'],
      ['County tax', '0.025', 'US-COUNTY'],
      ['GST', '0.1', 'AU-GST'],
      ['Sales Tax', '0.1', 'US-SALES'],
      ['Sales Tax', '0.08', 'US-SALES'],
      ['VAT 7%', '0.07', 'DE-VAT-REDUCED'],
      ['NY', '0.08875', 'US-NY'],
    ];

    for (const [title, rate, taxCode] of sampleTaxes) {
      const taxLine = {
        title,
        rate,
        amount: { shop: { amount: '1.00', currency: 'USD' } },
      };
      const index = findMappingIndex(mappings, taxLine);
      expect(index, `${title} ${rate}`).toBeGreaterThanOrEqual(0);
      expect(mappings[index].taxCode).toBe(taxCode);
    }
  });

  it('has the rate tables for quotes', async () => {
    const { rateTables } = await readTaxConfiguration();

    expect(rateTables.map((table) => table.region)).toEqual(['US-NY', 'DE', 'AU']);
  });

  it('rejects duplicate mappings', () => {
    const parse = () =>
      parseTaxConfiguration(
        {
          mappings: [mapping, { ...mapping, channelTitle: 'gst', rate: '0.10' }],
          rateTables: [],
        },
        'test.json',
      );

    expect(parse).toThrow(InvalidTaxConfigurationError);
    expect(parse).toThrow(/mapping "gst" at rate 0\.10 is listed twice/);
  });

  it('rejects negative rates', () => {
    const parse = () =>
      parseTaxConfiguration(
        { mappings: [{ ...mapping, rate: '-0.1' }], rateTables: [] },
        'test.json',
      );

    expect(parse).toThrow(/rate -0\.1 for "GST" is negative/);
  });

  it('rejects numeric rates', () => {
    const parse = () =>
      parseTaxConfiguration({ mappings: [{ ...mapping, rate: 0.1 }], rateTables: [] }, 'test.json');

    expect(parse).toThrow(InvalidTaxConfigurationError);
    expect(parse).toThrow(/must be a decimal string/);
  });
});
