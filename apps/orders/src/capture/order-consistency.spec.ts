import 'reflect-metadata';
import type { CanonicalOrder, MoneyBag, OrderTotals } from '@retail-sync/contracts';
import { describe, expect, it } from 'vitest';
import { checkOrderConsistency, OrderInconsistentError } from './order-consistency.js';

/** A shop amount, or a shop amount with its presentment amount. */
type Amount = string | [shop: string, presentment: string];

interface LineFigures {
  price: Amount;
  quantity?: number;
  discounts?: Amount[];
  taxes?: Amount[];
}

interface OrderFigures {
  currency?: string;
  presentmentCurrency?: string;
  taxesIncluded?: boolean;
  lines: LineFigures[];
  shipping?: LineFigures[];
  taxes?: Amount[];
  /** The channel's totals. Line items, discounts and shipping default to zero when left out. */
  totals: Partial<Record<keyof OrderTotals, Amount>> &
    Pick<Record<keyof OrderTotals, Amount>, 'subtotal' | 'tax' | 'total'>;
}

/** Builds a CanonicalOrder from a sample's figures, as the Shopify translator would. */
function orderOf(figures: OrderFigures): CanonicalOrder {
  const currency = figures.currency ?? 'USD';
  const presentmentCurrency = figures.presentmentCurrency ?? currency;
  const bag = (amount: Amount): MoneyBag =>
    typeof amount === 'string'
      ? { shop: { amount, currency } }
      : {
          shop: { amount: amount[0], currency },
          presentment: { amount: amount[1], currency: presentmentCurrency },
        };
  const taxLine = (amount: Amount) => ({
    title: 'Tax',
    rate: '0.1',
    amount: bag(amount),
  });
  const parts = (line: LineFigures) => ({
    discountAllocations: (line.discounts ?? []).map((amount) => ({
      amount: bag(amount),
    })),
    taxLines: (line.taxes ?? []).map(taxLine),
  });
  const totals = figures.totals;

  return {
    channel: 'shopify',
    shopId: 'example-shop.myshopify.com',
    externalId: '450789469',
    name: '#1001',
    sourceUpdatedAt: '2024-06-13T14:00:00Z',
    placedAt: '2024-06-13T14:00:00Z',
    currency,
    presentmentCurrency,
    taxesIncluded: figures.taxesIncluded ?? false,
    lines: figures.lines.map((line, index) => ({
      externalLineId: String(index + 1),
      title: `Item ${index + 1}`,
      quantity: line.quantity ?? 1,
      unitPrice: bag(line.price),
      taxable: true,
      giftCard: false,
      ...parts(line),
    })),
    shippingLines: (figures.shipping ?? []).map((line) => ({
      title: 'Standard',
      price: bag(line.price),
      ...parts(line),
    })),
    taxLines: (figures.taxes ?? []).map(taxLine),
    discountApplications: [],
    transactions: [],
    totals: {
      lineItems: bag(totals.lineItems ?? '0.00'),
      discounts: bag(totals.discounts ?? '0.00'),
      subtotal: bag(totals.subtotal),
      shipping: bag(totals.shipping ?? '0.00'),
      tax: bag(totals.tax),
      total: bag(totals.total),
    },
  };
}

const partiallyRefunded: OrderFigures = {
  lines: [
    { price: '199.00', discounts: ['3.34'], taxes: ['3.98'] },
    { price: '199.00', discounts: ['3.33'], taxes: ['3.98'] },
    { price: '199.00', discounts: ['3.33'], taxes: ['3.98'] },
  ],
  shipping: [{ price: '0.00' }],
  taxes: ['11.94'],
  totals: {
    lineItems: '597.00',
    discounts: '10.00',
    subtotal: '597.00',
    shipping: '0.00',
    tax: '11.94',
    total: '598.94',
  },
};

const discountBeforeTax: OrderFigures = {
  lines: [{ price: '100.00', discounts: ['20.00'], taxes: ['8.00'] }],
  taxes: ['8.00'],
  totals: {
    lineItems: '100.00',
    discounts: '20.00',
    subtotal: '80.00',
    tax: '8.00',
    total: '88.00',
  },
};

const multiCurrency: OrderFigures = {
  currency: 'AUD',
  presentmentCurrency: 'USD',
  lines: [{ price: ['45.62', '34.67'], taxes: [['4.56', '3.47']] }],
  shipping: [{ price: ['10.15', '7.71'] }],
  taxes: [['4.56', '3.47']],
  totals: {
    lineItems: ['45.62', '34.67'],
    discounts: ['0.00', '0.00'],
    subtotal: ['45.62', '34.67'],
    shipping: ['10.15', '7.71'],
    tax: ['4.56', '3.47'],
    total: ['60.33', '45.85'],
  },
};

const consistentSamples: [string, OrderFigures][] = [
  [
    'state and county tax',
    {
      lines: [
        { price: '129.99', taxes: ['7.81', '3.26'] },
        { price: '85.95' },
        { price: '19.99', quantity: 2, taxes: ['2.39', '0.99'] },
      ],
      taxes: ['10.20', '4.25'],
      totals: {
        lineItems: '255.92',
        subtotal: '255.92',
        tax: '14.45',
        total: '270.37',
      },
    },
  ],
  [
    'EUR boots',
    {
      currency: 'EUR',
      lines: [{ price: '74.99', quantity: 3, taxes: ['13.50'] }],
      taxes: ['13.50'],
      totals: {
        lineItems: '224.97',
        subtotal: '224.97',
        tax: '13.50',
        total: '238.47',
      },
    },
  ],
  [
    'line discount',
    {
      lines: [{ price: '199.00', discounts: ['17.91'] }],
      totals: {
        lineItems: '199.00',
        discounts: '17.91',
        subtotal: '181.09',
        tax: '0.00',
        total: '181.09',
      },
    },
  ],
  [
    'AUD with shipping',
    {
      currency: 'AUD',
      lines: [{ price: '44.95', taxes: ['4.50'] }],
      shipping: [{ price: '10.00' }],
      taxes: ['4.50'],
      totals: {
        lineItems: '44.95',
        subtotal: '44.95',
        shipping: '10.00',
        tax: '4.50',
        total: '59.45',
      },
    },
  ],
  ['AUD shop with USD presentment', multiCurrency],
  ['discount before tax', discountBeforeTax],
  [
    'shipping tax',
    {
      currency: 'EUR',
      lines: [{ price: '32.10', taxes: ['2.25'] }],
      shipping: [{ price: '4.99', taxes: ['0.35'] }],
      taxes: ['2.60'],
      totals: {
        lineItems: '32.10',
        subtotal: '32.10',
        shipping: '4.99',
        tax: '2.60',
        total: '39.69',
      },
    },
  ],
  [
    'order tax rounded once',
    {
      lines: Array.from({ length: 5 }, () => ({
        price: '3.20',
        taxes: ['0.28'],
      })),
      shipping: [{ price: '3.40', taxes: ['0.30'] }],
      taxes: ['1.72'],
      totals: { subtotal: '16.00', tax: '1.72', total: '21.12' },
    },
  ],
  [
    'gift card without order tax lines',
    {
      lines: [{ price: '50.00' }, { price: '20.00', taxes: ['1.60'] }],
      totals: { subtotal: '70.00', tax: '1.60', total: '71.60' },
    },
  ],
  [
    'tax included in prices',
    {
      taxesIncluded: true,
      lines: [{ price: '110.00', taxes: ['10.00'] }],
      taxes: ['10.00'],
      totals: {
        lineItems: '110.00',
        subtotal: '110.00',
        tax: '10.00',
        total: '110.00',
      },
    },
  ],
  [
    'discounted shipping',
    {
      lines: [{ price: '40.00' }],
      shipping: [{ price: '10.00', discounts: ['10.00'] }],
      totals: {
        lineItems: '40.00',
        discounts: '10.00',
        subtotal: '40.00',
        shipping: '10.00',
        tax: '0.00',
        total: '40.00',
      },
    },
  ],
];

describe('checkOrderConsistency', () => {
  it('flags only the wrong subtotal', () => {
    const problems = checkOrderConsistency(orderOf(partiallyRefunded));

    expect(problems).toEqual([
      {
        code: 'order.subtotal-mismatch',
        message: 'totals.subtotal 597.00 USD does not equal line items minus discounts 587.00 USD.',
        expected: '587.00',
        actual: '597.00',
      },
    ]);
  });

  it.each(consistentSamples)('accepts %s', (_, figures) => {
    expect(checkOrderConsistency(orderOf(figures))).toEqual([]);
  });

  it('flags a total one cent off', () => {
    const figures = {
      ...discountBeforeTax,
      totals: { ...discountBeforeTax.totals, total: '88.01' },
    };

    const problems = checkOrderConsistency(orderOf(figures));

    expect(problems.map((problem) => problem.code)).toEqual(['order.total-mismatch']);
    expect(problems[0].expected).toBe('88.00');
    expect(problems[0].actual).toBe('88.01');
    expect(problems[0].message).toBe(
      'totals.total 88.01 USD does not equal line items − discounts + shipping + tax 88.00 USD.',
    );
  });

  it('flags wrong tax and discount totals', () => {
    const figures = {
      ...discountBeforeTax,
      totals: { ...discountBeforeTax.totals, tax: '10.00', discounts: '0.00' },
    };

    const problems = checkOrderConsistency(orderOf(figures));

    expect(problems.map((problem) => [problem.code, problem.expected, problem.actual])).toEqual([
      ['order.tax-total-mismatch', '8.00', '10.00'],
      ['order.discount-total-mismatch', '20.00', '0.00'],
    ]);
  });

  it('flags wrong line items and shipping totals', () => {
    const figures = {
      ...multiCurrency,
      totals: {
        ...multiCurrency.totals,
        lineItems: ['45.00', '34.67'],
        shipping: ['10.00', '7.71'],
      },
    } satisfies OrderFigures;

    const problems = checkOrderConsistency(orderOf(figures));

    expect(problems.map((problem) => [problem.code, problem.expected, problem.actual])).toEqual([
      ['order.line-items-total-mismatch', '45.62', '45.00'],
      ['order.shipping-total-mismatch', '10.15', '10.00'],
    ]);
  });

  it('flags the presentment total', () => {
    const figures = {
      ...multiCurrency,
      totals: { ...multiCurrency.totals, total: ['60.33', '45.86'] },
    } satisfies OrderFigures;

    const problems = checkOrderConsistency(orderOf(figures));

    expect(problems).toEqual([
      {
        code: 'order.presentment-total-mismatch',
        message:
          'totals.total.presentment 45.86 USD does not equal the presentment amounts of the lines 45.85 USD.',
        expected: '45.85',
        actual: '45.86',
      },
    ]);
  });

  it('skips presentment when any is missing', () => {
    const figures = {
      ...multiCurrency,
      shipping: [{ price: '10.15' }],
      totals: { ...multiCurrency.totals, total: ['60.33', '99.99'] },
    } satisfies OrderFigures;

    expect(checkOrderConsistency(orderOf(figures))).toEqual([]);
  });

  it('flags negative amounts', () => {
    const figures: OrderFigures = {
      lines: [{ price: '20.00' }, { price: '-5.00' }],
      totals: {
        lineItems: '15.00',
        subtotal: '15.00',
        tax: '0.00',
        total: '15.00',
      },
    };

    const problems = checkOrderConsistency(orderOf(figures));

    expect(problems).toEqual([
      {
        code: 'order.negative-amount',
        message: 'lines[1].unitPrice.shop is -5.00 USD, but order amounts must not be negative.',
        expected: '0.00',
        actual: '-5.00',
      },
    ]);
  });

  it('stops at amounts in another currency', () => {
    const order = orderOf(discountBeforeTax);
    order.lines[0].unitPrice.shop.currency = 'EUR';

    const problems = checkOrderConsistency(order);

    expect(problems.map((problem) => [problem.code, problem.expected, problem.actual])).toEqual([
      ['order.currency-mismatch', 'USD', 'EUR'],
    ]);
    expect(problems[0].message).toMatch(/^lines\[0\]\.unitPrice\.shop is in EUR/);
  });

  it('stops at sub-cent amounts', () => {
    const order = orderOf(discountBeforeTax);
    order.totals.tax.shop.amount = '8.001';

    const problems = checkOrderConsistency(order);

    expect(problems.map((problem) => problem.code)).toEqual(['order.invalid-amount']);
    expect(problems[0].message).toMatch(/^totals\.tax\.shop: Invalid amount "8\.001" USD/);
  });
});

describe('OrderInconsistentError', () => {
  it('joins the problems', () => {
    const problems = checkOrderConsistency(orderOf(partiallyRefunded));

    const error = new OrderInconsistentError('#1001', problems);

    expect(error.code).toBe('order.inconsistent');
    expect(error.problems).toBe(problems);
    expect(error.message).toMatch(
      /^Order #1001 is inconsistent: totals\.subtotal 597\.00 USD does not equal/,
    );
  });
});
