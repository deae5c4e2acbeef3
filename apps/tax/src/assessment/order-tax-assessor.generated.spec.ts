import 'reflect-metadata';
import {
  Money,
  MoneyAmount,
  TaxAssessment,
  validatePayload,
  type MoneyBag,
} from '@retail-sync/contracts';
import { describe, expect, it } from 'vitest';
import { assessOrderTax } from './order-tax-assessor.js';
import {
  buildRandomOrder,
  RANDOM_ORDER_MAPPINGS,
  seededRandom,
  type RandomOrderOptions,
} from './testing/random-order.js';

const ORDER_COUNT = 400;
const SEED = 20240613;

type Side = 'shop' | 'presentment';

function amountOf(bag: MoneyBag, side: Side): Money | undefined {
  const amount = bag[side];

  return amount === undefined ? undefined : MoneyAmount.parse(amount);
}

function mustAmount(bag: MoneyBag, side: Side): Money {
  const amount = amountOf(bag, side);
  if (amount === undefined) {
    throw new Error(`Expected a ${side} amount, but the assessment has none.`);
  }

  return amount;
}

function assertTotalsTie(assessment: TaxAssessment, side: Side): void {
  for (const jurisdiction of assessment.jurisdictions) {
    const booked = amountOf(jurisdiction.amount, side);
    if (booked === undefined) {
      continue;
    }

    const lineTaxes = assessment.lines.flatMap((line) =>
      line.taxes
        .filter((tax) => tax.taxCode === jurisdiction.taxCode)
        .map((tax) => mustAmount(tax.amount, side)),
    );
    expect(Money.sum(lineTaxes, booked.currency).toDecimal()).toBe(booked.toDecimal());
  }
}

function assertLinesTie(assessment: TaxAssessment, side: Side, taxesIncluded: boolean): void {
  for (const line of assessment.lines) {
    const gross = amountOf(line.gross, side);
    const net = amountOf(line.net, side);
    if (gross === undefined || net === undefined) {
      continue;
    }

    const discount = mustAmount(line.discount, side);
    const tax = Money.sum(
      line.taxes.map((entry) => mustAmount(entry.amount, side)),
      gross.currency,
    );
    const rebuilt = net.add(discount).add(taxesIncluded ? tax : Money.zero(gross.currency));
    expect(rebuilt.toDecimal(), `${side} ${line.ref}`).toBe(gross.toDecimal());
  }
}

describe('assessOrderTax on generated orders', () => {
  const random = seededRandom(SEED);
  const cases = Array.from({ length: ORDER_COUNT }, (_, index) => {
    const options: RandomOrderOptions = {
      taxesIncluded: random() < 0.5,
      roundsPerOrder: random() < 0.5,
      reportsOrderTax: random() < 0.8,
      withPresentment: random() < 0.4,
    };

    return { index, options, order: buildRandomOrder(random, options) };
  });

  it('covers every channel rounding', () => {
    const modes = new Set(
      cases.map(({ order }) => assessOrderTax(order, RANDOM_ORDER_MAPPINGS).roundingMode),
    );

    expect([...modes].sort()).toEqual(['line', 'order']);
  });

  it.each(cases)('ties out order $index', ({ order, options }) => {
    const assessment = assessOrderTax(order, RANDOM_ORDER_MAPPINGS);

    expect(() => validatePayload(TaxAssessment, assessment, 'tax assessment')).not.toThrow();
    assertTotalsTie(assessment, 'shop');
    assertLinesTie(assessment, 'shop', options.taxesIncluded);
    for (const jurisdiction of assessment.jurisdictions) {
      const channel = order.taxLines.find((taxLine) => taxLine.title === jurisdiction.jurisdiction);
      if (channel !== undefined) {
        expect(jurisdiction.amount.shop.amount).toBe(channel.amount.shop.amount);
      }
    }

    if (options.withPresentment) {
      assertTotalsTie(assessment, 'presentment');
      assertLinesTie(assessment, 'presentment', options.taxesIncluded);
      expect(assessment.lines.every((line) => line.net.presentment !== undefined)).toBe(true);
    }
  });
});
