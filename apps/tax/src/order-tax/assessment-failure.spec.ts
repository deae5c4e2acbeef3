import 'reflect-metadata';
import { CurrencyMismatchError, Money, type OrderVersionPayload } from '@retail-sync/contracts';
import { PermanentError } from '@retail-sync/messaging';
import { describe, expect, it } from 'vitest';
import {
  ChannelTaxMismatchError,
  NegativeTaxBaseError,
  UnmappedTaxError,
} from '../assessment/tax-errors.js';
import { buildOrder } from '../assessment/testing/order-fixture.js';
import { toAssessmentFailure } from './assessment-failure.js';

const event: OrderVersionPayload = {
  orderId: '6f1c1f0e-3b0a-4d3e-9a51-0d6f3c0e2a10',
  version: 3,
  deliveryId: 'delivery-1',
  order: buildOrder({ lines: [{ price: '10.00' }] }),
};

function failureOf(error: unknown): PermanentError {
  const failure = toAssessmentFailure(error, event);
  expect(failure).toBeInstanceOf(PermanentError);

  return failure as PermanentError;
}

describe('toAssessmentFailure', () => {
  it('names the unmapped title and rate', () => {
    const failure = failureOf(new UnmappedTaxError([{ title: 'Luxury Tax', rate: '0.05' }]));

    expect(failure.code).toBe('tax.unmapped');
    expect(failure.message).toContain(`Order ${event.orderId} version 3 (#1001)`);
    expect(failure.message).toContain('"Luxury Tax" at rate 0.05');
    expect(failure.message).toContain('POST /tax-mappings');
  });

  it('keeps the mismatch amounts', () => {
    const failure = failureOf(
      new ChannelTaxMismatchError({
        jurisdiction: 'US-SALES',
        taxCode: 'US-SALES',
        channel: Money.parse('10.00', 'USD'),
        expected: Money.parse('8.00', 'USD'),
        toleranceMinor: 1n,
      }),
    );

    expect(failure.code).toBe('tax.channel-mismatch');
    expect(failure.message).toContain('10.00 USD');
    expect(failure.message).toContain('8.00 USD');
  });

  it('keeps the negative base code', () => {
    const failure = failureOf(
      new NegativeTaxBaseError('line:1', Money.parse('10.00', 'USD'), Money.parse('12.00', 'USD')),
    );

    expect(failure.code).toBe('tax.negative-base');
  });

  it('makes amount errors permanent', () => {
    expect(failureOf(new RangeError('Invalid amount')).code).toBe('tax.invalid-order');
    expect(failureOf(new CurrencyMismatchError('USD', 'EUR')).code).toBe('tax.invalid-order');
  });

  it('passes other errors through', () => {
    const error = new Error('connection reset');

    expect(toAssessmentFailure(error, event)).toBe(error);
  });
});
