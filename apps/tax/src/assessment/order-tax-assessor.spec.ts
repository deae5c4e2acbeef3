import 'reflect-metadata';
import { TaxAssessment, validatePayload, type AssessedLine } from '@retail-sync/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { assessOrderTax } from './order-tax-assessor.js';
import { readTaxConfiguration, type TaxCodeMapping } from './tax-configuration.js';
import { ChannelTaxMismatchError, NegativeTaxBaseError, UnmappedTaxError } from './tax-errors.js';
import { buildOrder } from './testing/order-fixture.js';

let mappings: TaxCodeMapping[];

beforeAll(async () => {
  mappings = (await readTaxConfiguration()).mappings;
});

function lineTaxes(line: AssessedLine): string[] {
  return line.taxes.map((tax) => tax.amount.shop.amount);
}

function assertValid(assessment: TaxAssessment): void {
  expect(() => validatePayload(TaxAssessment, assessment, 'tax assessment')).not.toThrow();
}

describe('assessOrderTax', () => {
  it('taxes the discounted price', () => {
    const order = buildOrder({
      lines: [
        {
          price: '100.00',
          discounts: ['20.00'],
          taxes: [['Sales Tax', '0.1', '8.00']],
        },
      ],
      taxes: [['Sales Tax', '0.1', '8.00']],
    });
    expect(order.totals.total.shop.amount).toBe('88.00');

    const assessment = assessOrderTax(order, mappings);

    assertValid(assessment);
    expect(assessment.roundingMode).toBe('line');
    expect(assessment.jurisdictions).toHaveLength(1);
    expect(assessment.jurisdictions[0].taxCode).toBe('US-SALES');
    expect(assessment.jurisdictions[0].liabilityAccount).toBe('2210-US-SALES');
    expect(assessment.jurisdictions[0].amount.shop.amount).toBe('8.00');
    expect(assessment.jurisdictions[0].expected.shop.amount).toBe('8.00');
    const [line] = assessment.lines;
    expect(line.ref).toBe('line:1');
    expect(line.kind).toBe('item');
    expect(line.gross.shop.amount).toBe('100.00');
    expect(line.discount.shop.amount).toBe('20.00');
    expect(line.net.shop.amount).toBe('80.00');
    expect(lineTaxes(line)).toEqual(['8.00']);
  });

  it('rejects tax on the undiscounted price', () => {
    const order = buildOrder({
      lines: [
        {
          price: '100.00',
          discounts: ['20.00'],
          taxes: [['Sales Tax', '0.1', '10.00']],
        },
      ],
      taxes: [['Sales Tax', '0.1', '10.00']],
    });

    const assess = () => assessOrderTax(order, mappings);

    expect(assess).toThrow(ChannelTaxMismatchError);
    expect(assess).toThrow(/10\.00 USD but the recomputed tax is 8\.00 USD/);
    expect(assess).toThrow(/tolerance of 0\.01 USD/);
  });

  it('books shipping tax once', () => {
    const order = buildOrder({
      currency: 'EUR',
      lines: [{ price: '32.10', taxes: [['VAT 7%', '0.07', '2.25']] }],
      shipping: [{ price: '4.99', taxes: [['VAT 7%', '0.07', '0.35']] }],
      taxes: [['VAT 7%', '0.07', '2.60']],
    });
    expect(order.totals.total.shop.amount).toBe('39.69');

    const assessment = assessOrderTax(order, mappings);

    assertValid(assessment);
    expect(assessment.jurisdictions.map((total) => total.amount.shop.amount)).toEqual(['2.60']);
    expect(assessment.jurisdictions[0].taxCode).toBe('DE-VAT-REDUCED');
    expect(assessment.lines.map(lineTaxes)).toEqual([['2.25'], ['0.35']]);
    const shipping = assessment.lines[1];
    expect(shipping.ref).toBe('shipping:0');
    expect(shipping.kind).toBe('shipping');
    expect(shipping.net.shop.amount).toBe('4.99');
  });

  it('spreads per-order rounding to lines', () => {
    const line = {
      price: '3.20',
      taxes: [['NY', '0.08875', '0.28']] as [string, string, string][],
    };
    const order = buildOrder({
      lines: [line, line, line, line, line],
      shipping: [{ price: '3.40', taxes: [['NY', '0.08875', '0.30']] }],
      taxes: [['NY', '0.08875', '1.72']],
    });
    expect(order.totals.total.shop.amount).toBe('21.12');

    const assessment = assessOrderTax(order, mappings);

    assertValid(assessment);
    expect(assessment.roundingMode).toBe('order');
    expect(assessment.jurisdictions[0].amount.shop.amount).toBe('1.72');
    expect(assessment.jurisdictions[0].expected.shop.amount).toBe('1.72');
    expect(assessment.lines.flatMap(lineTaxes)).toEqual([
      '0.29',
      '0.29',
      '0.28',
      '0.28',
      '0.28',
      '0.30',
    ]);
    // Six taxed lines can each round by half a cent.
    expect(assessment.toleranceMinor).toBe(3);
  });

  it('leaves gift cards untaxed', () => {
    const order = buildOrder({
      lines: [
        { title: 'Gift Card', price: '50.00', giftCard: true },
        {
          title: 'T-shirt',
          price: '20.00',
          taxes: [['Sales Tax', '0.08', '1.60']],
        },
      ],
    });

    const assessment = assessOrderTax(order, mappings);

    assertValid(assessment);
    const [giftCard, shirt] = assessment.lines;
    expect(giftCard.kind).toBe('gift_card');
    expect(giftCard.taxes).toEqual([]);
    expect(giftCard.net.shop.amount).toBe('50.00');
    expect(lineTaxes(shirt)).toEqual(['1.60']);
    expect(assessment.jurisdictions.map((total) => total.amount.shop.amount)).toEqual(['1.60']);
  });

  it('rejects tax charged on a gift card', () => {
    const order = buildOrder({
      lines: [
        {
          id: '77',
          price: '50.00',
          giftCard: true,
          taxes: [['Sales Tax', '0.08', '4.00']],
        },
      ],
    });

    const assess = () => assessOrderTax(order, mappings);

    expect(assess).toThrow(ChannelTaxMismatchError);
    expect(assess).toThrow(/Line line:77 is a gift card/);
  });

  it('keeps line figures for two jurisdictions', () => {
    const order = buildOrder({
      lines: [
        {
          price: '129.99',
          taxes: [
            ['State tax', '0.06', '7.81'],
            ['County tax', '0.025', '3.26'],
          ],
        },
        { price: '85.95' },
        {
          price: '19.99',
          quantity: 2,
          taxes: [
            ['State tax', '0.06', '2.39'],
            ['County tax', '0.025', '0.99'],
          ],
        },
      ],
      taxes: [
        ['State tax', '0.06', '10.20'],
        ['County tax', '0.025', '4.25'],
      ],
    });
    expect(order.totals.total.shop.amount).toBe('270.37');

    const assessment = assessOrderTax(order, mappings);

    assertValid(assessment);
    expect(assessment.roundingMode).toBe('line');
    expect(assessment.toleranceMinor).toBe(1);
    const totals = assessment.jurisdictions.map((total) => [
      total.taxCode,
      total.amount.shop.amount,
      total.expected.shop.amount,
    ]);
    expect(totals).toEqual([
      ['US-STATE', '10.20', '10.20'],
      ['US-COUNTY', '4.25', '4.25'],
    ]);
    expect(assessment.lines.map(lineTaxes)).toEqual([['7.81', '3.26'], [], ['2.39', '0.99']]);
    expect(assessment.lines[2].gross.shop.amount).toBe('39.98');
  });

  it('carries presentment amounts', () => {
    const order = buildOrder({
      currency: 'AUD',
      presentmentCurrency: 'USD',
      lines: [
        {
          price: { shop: '45.62', presentment: '34.67' },
          taxes: [['GST', '0.1', { shop: '4.56', presentment: '3.47' }]],
        },
      ],
      shipping: [{ price: { shop: '10.15', presentment: '7.71' } }],
      taxes: [['GST', '0.1', { shop: '4.56', presentment: '3.47' }]],
    });
    expect(order.totals.total.shop.amount).toBe('60.33');
    expect(order.totals.total.presentment?.amount).toBe('45.85');

    const assessment = assessOrderTax(order, mappings);

    assertValid(assessment);
    const [gst] = assessment.jurisdictions;
    expect(gst.amount.shop).toEqual({ amount: '4.56', currency: 'AUD' });
    expect(gst.amount.presentment).toEqual({ amount: '3.47', currency: 'USD' });
    expect(gst.expected.presentment).toEqual({
      amount: '3.47',
      currency: 'USD',
    });
    const [pen, shipping] = assessment.lines;
    expect(pen.taxes[0].amount.presentment).toEqual({
      amount: '3.47',
      currency: 'USD',
    });
    expect(pen.net.presentment).toEqual({ amount: '34.67', currency: 'USD' });
    expect(shipping.taxes).toEqual([]);
    expect(shipping.net.presentment).toEqual({
      amount: '7.71',
      currency: 'USD',
    });
  });

  it('omits presentment the channel did not send', () => {
    const order = buildOrder({
      lines: [{ price: '20.00', taxes: [['Sales Tax', '0.08', '1.60']] }],
    });

    const assessment = assessOrderTax(order, mappings);

    expect(assessment.lines[0].gross.presentment).toBeUndefined();
    expect(assessment.lines[0].taxes[0].amount.presentment).toBeUndefined();
    expect(assessment.jurisdictions[0].amount.presentment).toBeUndefined();
  });

  it('removes included tax from net', () => {
    const vat = {
      channelTitle: 'VAT',
      rate: '0.1',
      taxCode: 'XX-VAT',
      jurisdiction: 'XX',
      liabilityAccount: '2210-XX-VAT',
    };
    const order = buildOrder({
      currency: 'EUR',
      taxesIncluded: true,
      lines: [{ price: '110.00', taxes: [['VAT', '0.1', '10.00']] }],
      taxes: [['VAT', '0.1', '10.00']],
    });

    const assessment = assessOrderTax(order, [...mappings, vat]);

    assertValid(assessment);
    expect(assessment.lines[0].gross.shop.amount).toBe('110.00');
    expect(assessment.lines[0].net.shop.amount).toBe('100.00');
    expect(assessment.jurisdictions[0].expected.shop.amount).toBe('10.00');
  });

  it('divides included tax by all line rates', () => {
    const extra = [
      {
        channelTitle: 'Region',
        rate: '0.10',
        taxCode: 'XX-REGION',
        jurisdiction: 'XX',
        liabilityAccount: '2210-XX-REGION',
      },
      {
        channelTitle: 'City',
        rate: '0.025',
        taxCode: 'XX-CITY',
        jurisdiction: 'XX-CITY',
        liabilityAccount: '2210-XX-CITY',
      },
    ];
    const order = buildOrder({
      taxesIncluded: true,
      lines: [
        {
          price: '11.25',
          taxes: [
            ['Region', '0.1', '1.00'],
            ['CITY', '0.025', '0.25'],
          ],
        },
      ],
    });

    const assessment = assessOrderTax(order, extra);

    assertValid(assessment);
    expect(lineTaxes(assessment.lines[0])).toEqual(['1.00', '0.25']);
    expect(assessment.lines[0].net.shop.amount).toBe('10.00');
  });

  it('uses line taxes without order lines', () => {
    const order = buildOrder({
      lines: [
        { price: '3.20', taxes: [['NY', '0.08875', '0.28']] },
        { price: '3.20', taxes: [['NY', '0.08875', '0.28']] },
      ],
    });

    const assessment = assessOrderTax(order, mappings);

    expect(assessment.roundingMode).toBe('line');
    expect(assessment.jurisdictions[0].amount.shop.amount).toBe('0.56');
    expect(assessment.jurisdictions[0].expected.shop.amount).toBe('0.57');
  });

  it('rejects order tax no line carries', () => {
    const order = buildOrder({
      lines: [{ price: '20.00' }],
      taxes: [['Sales Tax', '0.08', '1.60']],
    });

    expect(() => assessOrderTax(order, mappings)).toThrow(ChannelTaxMismatchError);
  });

  it('lists unmapped taxes once', () => {
    const order = buildOrder({
      lines: [
        { price: '10.00', taxes: [['Luxury Tax', '0.05', '0.50']] },
        { price: '10.00', taxes: [['luxury tax', '0.050', '0.50']] },
      ],
      taxes: [['Luxury Tax', '0.05', '1.00']],
    });

    const assess = () => assessOrderTax(order, mappings);

    expect(assess).toThrow(UnmappedTaxError);
    expect(assess).toThrow(/No tax code mapping for "Luxury Tax" at rate 0\.05\. Add a mapping/);
  });

  it('matches rates by value', () => {
    const order = buildOrder({
      lines: [{ price: '199.00', taxes: [['STATE TAX', '0.060', '11.94']] }],
    });

    const assessment = assessOrderTax(order, mappings);

    expect(assessment.jurisdictions[0].taxCode).toBe('US-STATE');
    expect(assessment.lines[0].taxes[0].title).toBe('STATE TAX');
  });

  it('rejects discounts above the price', () => {
    const order = buildOrder({
      lines: [{ price: '10.00', discounts: ['12.00'] }],
    });

    expect(() => assessOrderTax(order, mappings)).toThrow(NegativeTaxBaseError);
  });

  it('rejects the sample with tax on one unit', () => {
    const taxes: [string, string, string][] = [['State Tax', '0.06', '3.98']];
    const order = buildOrder({
      lines: [
        { price: '199.00', discounts: ['3.34'], taxes },
        { price: '199.00', discounts: ['3.33'], taxes },
        { price: '199.00', discounts: ['3.33'], taxes },
      ],
      shipping: [{ title: 'Free Shipping', price: '0.00' }],
      taxes: [['State Tax', '0.06', '11.94']],
    });

    expect(() => assessOrderTax(order, mappings)).toThrow(/recomputed tax is 35\.22 USD/);
  });

  it('assesses the EUR and AUD samples', () => {
    const boots = buildOrder({
      currency: 'EUR',
      lines: [
        {
          price: '74.99',
          quantity: 3,
          taxes: [['State tax', '0.06', '13.50']],
        },
      ],
      taxes: [['State tax', '0.06', '13.50']],
    });
    const pen = buildOrder({
      currency: 'AUD',
      lines: [{ price: '44.95', taxes: [['GST', '0.1', '4.50']] }],
      shipping: [{ price: '10.00' }],
      taxes: [['GST', '0.1', '4.50']],
    });

    const bootsTax = assessOrderTax(boots, mappings);
    const penTax = assessOrderTax(pen, mappings);

    assertValid(bootsTax);
    assertValid(penTax);
    expect(bootsTax.jurisdictions[0].amount.shop).toEqual({
      amount: '13.50',
      currency: 'EUR',
    });
    expect(penTax.jurisdictions[0].amount.shop).toEqual({
      amount: '4.50',
      currency: 'AUD',
    });
    expect(penTax.lines[1].net.shop.amount).toBe('10.00');
  });

  it('assesses an untaxed order', () => {
    const order = buildOrder({
      lines: [{ price: '199.00', discounts: ['17.91'] }],
    });

    const assessment = assessOrderTax(order, mappings);

    assertValid(assessment);
    expect(assessment.jurisdictions).toEqual([]);
    expect(assessment.toleranceMinor).toBe(0);
    expect(assessment.lines[0].net.shop.amount).toBe('181.09');
  });
});
