import { describe, expect, it } from 'vitest';
import { loadChartOfAccounts } from '../posting/chart-of-accounts.js';
import { buildOrderSaleEntry } from '../posting/order-sale-posting-rule.js';
import {
  buildAssessedOrderEvent,
  CHART_OF_ACCOUNTS_FILE,
} from '../posting/testing/assessed-order-fixture.js';
import {
  decodeDraft,
  encodeDraft,
  type StoredJournalEntryDraft,
} from './journal-entry-draft-codec.js';

describe('journal entry draft codec', () => {
  it('round-trips a draft with presentment amounts', async () => {
    const chart = await loadChartOfAccounts(CHART_OF_ACCOUNTS_FILE);
    const draft = buildOrderSaleEntry(
      buildAssessedOrderEvent({
        currency: 'USD',
        presentmentCurrency: 'EUR',
        lines: [{ gross: { shop: '100.00', presentment: '90.00' } }],
        transactions: [{ amount: { shop: '100.00', presentment: '90.00' } }],
      }),
      chart,
    );

    const stored = JSON.parse(encodeDraft(draft)) as StoredJournalEntryDraft;
    const decoded = decodeDraft(stored);

    expect(stored.lines[0].amount).toEqual({ amount: '100.00', currency: 'USD' });
    expect(decoded).toEqual(draft);
    expect(decoded.lines.every((line) => line.presentmentAmount?.currency === 'EUR')).toBe(true);
  });

  it('leaves presentmentAmount out when the draft has none', async () => {
    const chart = await loadChartOfAccounts(CHART_OF_ACCOUNTS_FILE);
    const draft = buildOrderSaleEntry(
      buildAssessedOrderEvent({ lines: [{ gross: '10.00' }], transactions: [{ amount: '10.00' }] }),
      chart,
    );

    const decoded = decodeDraft(JSON.parse(encodeDraft(draft)) as StoredJournalEntryDraft);

    expect(decoded).toEqual(draft);
    expect(decoded.lines.some((line) => 'presentmentAmount' in line)).toBe(false);
  });
});
