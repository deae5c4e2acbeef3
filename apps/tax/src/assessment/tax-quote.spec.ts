import 'reflect-metadata';
import { TaxQuoteCalculateReply, validatePayload } from '@retail-sync/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTaxConfiguration, type RateTable } from './tax-configuration.js';
import { UnknownTaxRegionError } from './tax-errors.js';
import { quoteTax } from './tax-quote.js';

let tables: RateTable[];

beforeAll(async () => {
  tables = (await readTaxConfiguration()).rateTables;
});

describe('quoteTax', () => {
  it('quotes a US-NY basket', () => {
    const reply = quoteTax(
      {
        region: 'US-NY',
        currency: 'USD',
        taxesIncluded: false,
        lines: [
          { ref: 'line:1', amount: '3.20' },
          { ref: 'line:2', amount: '10.00', category: 'standard' },
          { ref: 'shipping:0', amount: '3.40', category: 'shipping' },
        ],
      },
      tables,
    );

    expect(() => validatePayload(TaxQuoteCalculateReply, reply, 'tax quote reply')).not.toThrow();
    expect(reply.lines.map((line) => line.taxes.map((tax) => tax.amount.amount))).toEqual([
      ['0.28'],
      ['0.89'],
      ['0.30'],
    ]);
    expect(reply.lines.map((line) => line.net.amount)).toEqual(['3.20', '10.00', '3.40']);
    expect(reply.lines[0].taxes[0]).toMatchObject({
      taxCode: 'US-NY',
      rate: '0.08875',
    });
    expect(reply.totalTax).toEqual({ amount: '1.47', currency: 'USD' });
  });

  it('quotes an inclusive DE basket', () => {
    const reply = quoteTax(
      {
        region: 'DE',
        currency: 'EUR',
        taxesIncluded: true,
        lines: [
          { ref: 'line:1', amount: '119.00' },
          { ref: 'line:2', amount: '10.70', category: 'reduced' },
          { ref: 'shipping:0', amount: '4.99', category: 'shipping' },
        ],
      },
      tables,
    );

    expect(() => validatePayload(TaxQuoteCalculateReply, reply, 'tax quote reply')).not.toThrow();
    expect(reply.lines.map((line) => line.taxes[0].amount.amount)).toEqual([
      '19.00',
      '0.70',
      '0.80',
    ]);
    expect(reply.lines.map((line) => line.net.amount)).toEqual(['100.00', '10.00', '4.19']);
    expect(reply.lines[1].taxes[0].taxCode).toBe('DE-VAT-REDUCED');
    expect(reply.totalTax).toEqual({ amount: '20.50', currency: 'EUR' });
  });

  it('applies every rate of a category', () => {
    const compound: RateTable = {
      region: 'XX',
      rates: [
        {
          category: 'standard',
          taxCode: 'XX-REGION',
          jurisdiction: 'XX',
          rate: '0.1',
          liabilityAccount: '2210-XX-REGION',
        },
        {
          category: 'standard',
          taxCode: 'XX-CITY',
          jurisdiction: 'XX-CITY',
          rate: '0.025',
          liabilityAccount: '2210-XX-CITY',
        },
      ],
    };

    const reply = quoteTax(
      {
        region: 'XX',
        currency: 'USD',
        taxesIncluded: true,
        lines: [{ ref: 'a', amount: '11.25' }],
      },
      [compound],
    );

    expect(reply.lines[0].taxes.map((tax) => tax.amount.amount)).toEqual(['1.00', '0.25']);
    expect(reply.lines[0].net.amount).toBe('10.00');
  });

  it('rejects an unknown region', () => {
    const quote = () =>
      quoteTax({ region: 'FR', currency: 'EUR', taxesIncluded: true, lines: [] }, tables);

    expect(quote).toThrow(UnknownTaxRegionError);
    expect(quote).toThrow(/No tax rate table for region "FR" in EUR/);
  });

  it('rejects a table in another currency', () => {
    const quote = () =>
      quoteTax({ region: 'DE', currency: 'USD', taxesIncluded: true, lines: [] }, tables);

    expect(quote).toThrow(UnknownTaxRegionError);
  });

  it('rejects an unknown category', () => {
    const quote = () =>
      quoteTax(
        {
          region: 'AU',
          currency: 'AUD',
          taxesIncluded: false,
          lines: [{ ref: 'line:1', amount: '10.00', category: 'luxury' }],
        },
        tables,
      );

    expect(quote).toThrow(UnknownTaxRegionError);
    expect(quote).toThrow(/no rate for category "luxury"/);
  });
});
