import 'reflect-metadata';
import { Money } from '@retail-sync/contracts';
import { describe, expect, it } from 'vitest';
import { computeFxRate } from './fx-rate.js';

describe('computeFxRate', () => {
  it('rounds to ten decimals', () => {
    const rate = computeFxRate(Money.parse('60.33', 'AUD'), Money.parse('45.86', 'USD'));

    expect(rate).toBe('0.7601524946');
  });

  it('drops trailing zeros', () => {
    expect(computeFxRate(Money.parse('50.00', 'EUR'), Money.parse('100.00', 'USD'))).toBe('2');
    expect(computeFxRate(Money.parse('40.00', 'EUR'), Money.parse('50.00', 'USD'))).toBe('1.25');
  });

  it('accounts for currency exponents', () => {
    expect(computeFxRate(Money.parse('10.00', 'USD'), Money.parse('1500', 'JPY'))).toBe('150');
    expect(computeFxRate(Money.parse('1500', 'JPY'), Money.parse('10.00', 'USD'))).toBe(
      '0.0066666667',
    );
    expect(computeFxRate(Money.parse('1.000', 'KWD'), Money.parse('3.25', 'USD'))).toBe('3.25');
  });

  it('returns undefined without a rate', () => {
    expect(computeFxRate(Money.zero('AUD'), Money.parse('1.00', 'USD'))).toBeUndefined();
    expect(computeFxRate(Money.parse('1.00', 'USD'), Money.parse('1.00', 'USD'))).toBeUndefined();
  });
});
