import { describe, expect, it } from 'vitest';
import { Money } from './money.js';

describe('Money', () => {
  it('parses by currency exponent', () => {
    expect(Money.parse('1000', 'JPY').minor).toBe(1000n);
    expect(Money.parse('12.30', 'USD').minor).toBe(1230n);
    expect(Money.parse('1.234', 'KWD').minor).toBe(1234n);
    expect(Money.parse('12.500', 'USD').minor).toBe(1250n);
  });

  it('rejects sub-minor amounts', () => {
    expect(() => Money.parse('1.5', 'JPY')).toThrow(/JPY has 0 decimal places/);
    expect(() => Money.parse('0.001', 'USD')).toThrow(/USD has 2 decimal places/);
  });

  it('rejects unknown currency', () => {
    expect(() => Money.parse('1.00', 'XXY')).toThrow(/Unknown currency code "XXY"/);
  });

  it('rejects amounts beyond 15 integer digits', () => {
    expect(Money.parse('999999999999999.99', 'USD').toDecimal()).toBe('999999999999999.99');
    expect(() => Money.parse('9999999999999999.99', 'USD')).toThrow(/at most 15 integer digits/);
  });

  it('rejects floats and exponent strings', () => {
    expect(() => Money.parse('1e3', 'USD')).toThrow(/Invalid decimal/);
    expect(() => Money.parse(' 1.00', 'USD')).toThrow(/Invalid decimal/);
  });

  it('formats with the currency decimals', () => {
    expect(Money.parse('5', 'USD').toDecimal()).toBe('5.00');
    expect(Money.parse('5', 'KWD').toDecimal()).toBe('5.000');
    expect(Money.parse('5', 'JPY').toDecimal()).toBe('5');
    expect(Money.parse('-0.05', 'USD').toDecimal()).toBe('-0.05');
  });

  it('refuses to mix currencies', () => {
    expect(() => Money.parse('1', 'USD').add(Money.parse('1', 'EUR'))).toThrow(/USD and EUR/);
  });

  it('rounds rate products half away from zero', () => {
    expect(Money.parse('32.10', 'EUR').timesRate('0.07').toDecimal()).toBe('2.25');
    expect(Money.parse('4.99', 'EUR').timesRate('0.07').toDecimal()).toBe('0.35');
    expect(Money.parse('0.50', 'USD').timesRate('0.05').toDecimal()).toBe('0.03');
  });

  it('allocates by largest remainder', () => {
    const tax = Money.parse('1.72', 'USD');
    const exact = [...Array(5).fill('3.20'), '3.40'].map((base: string) =>
      Money.parse(base, 'USD').timesRateExact('0.08875'),
    );
    const parts = tax.allocate(exact).map((part) => part.toDecimal());

    expect(parts).toEqual(['0.29', '0.29', '0.28', '0.28', '0.28', '0.30']);
    expect(Money.sum(tax.allocate(exact), 'USD').equals(tax)).toBe(true);
  });

  it('allocates JPY and negative totals exactly', () => {
    const parts = Money.parse('-100', 'JPY').allocate([
      { num: 1n, den: 3n },
      { num: 1n, den: 3n },
      { num: 1n, den: 3n },
    ]);

    expect(parts.map((part) => part.minor)).toEqual([-34n, -33n, -33n]);
  });
});
