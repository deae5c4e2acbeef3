import 'reflect-metadata';
import { CurrencyMismatchError, Money } from '@retail-sync/contracts';
import { describe, expect, it } from 'vitest';
import {
  isBalanced,
  sumBySide,
  sumPresentmentBySide,
  type JournalLineDraft,
} from './journal-entry-draft.js';

function line(
  side: JournalLineDraft['side'],
  amount: string,
  presentment?: string,
): JournalLineDraft {
  const draft: JournalLineDraft = {
    account: side === 'debit' ? '1150-CLEARING' : '4000-SALES',
    side,
    amount: Money.parse(amount, 'AUD'),
    memo: 'test line',
    dimensions: {},
  };
  if (presentment !== undefined) {
    draft.presentmentAmount = Money.parse(presentment, 'USD');
  }

  return draft;
}

describe('sumBySide', () => {
  it('sums debits and credits separately', () => {
    const totals = sumBySide(
      [line('debit', '10.00'), line('credit', '7.50'), line('credit', '2.50')],
      'AUD',
    );

    expect(totals.debit.toString()).toBe('10.00 AUD');
    expect(totals.credit.toString()).toBe('10.00 AUD');
    expect(isBalanced(totals)).toBe(true);
  });

  it('returns zero for no lines', () => {
    const totals = sumBySide([], 'JPY');

    expect(totals.debit.toString()).toBe('0 JPY');
    expect(totals.credit.toString()).toBe('0 JPY');
  });

  it('rejects a line in another currency', () => {
    expect(() => sumBySide([line('debit', '1.00')], 'USD')).toThrow(CurrencyMismatchError);
  });

  it('detects an unbalanced entry', () => {
    const totals = sumBySide([line('debit', '10.00'), line('credit', '9.99')], 'AUD');

    expect(isBalanced(totals)).toBe(false);
  });
});

describe('sumPresentmentBySide', () => {
  it('sums presentment amounts per side', () => {
    const totals = sumPresentmentBySide(
      [line('debit', '10.00', '7.60'), line('credit', '10.00', '7.60')],
      'USD',
    );

    expect(totals?.debit.toString()).toBe('7.60 USD');
    expect(totals?.credit.toString()).toBe('7.60 USD');
  });

  it('returns undefined when a line lacks one', () => {
    const totals = sumPresentmentBySide(
      [line('debit', '10.00', '7.60'), line('credit', '10.00')],
      'USD',
    );

    expect(totals).toBeUndefined();
  });
});
