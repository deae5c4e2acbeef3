import type { AssessedLine, AssessedTax, CanonicalOrder } from '@retail-sync/contracts';
import type { ChartOfAccounts } from './chart-of-accounts.js';
import type { JournalLineBuilder } from './journal-line-builder.js';
import { addPostingAmounts, fromMoneyBag, type PostingAmount } from './posting-amount.js';

interface LineAccounts {
  credit: string;
  contra: string;
  creditLabel: string;
  contraLabel: string;
}

/**
 * Posts one credit per assessed line at its price before discount and excluding tax (net +
 * discount), and a contra-revenue debit for its discount. A person can then follow each order line
 * to the ledger, and revenue − discounts is what the customer paid net of tax.
 */
export function postAssessedLines(
  builder: JournalLineBuilder,
  order: CanonicalOrder,
  lines: readonly AssessedLine[],
  chart: ChartOfAccounts,
): void {
  for (const line of lines) {
    const accounts = accountsFor(line, order, chart);
    const net = fromMoneyBag(line.net, order.presentmentCurrency);
    const discount = fromMoneyBag(line.discount, order.presentmentCurrency);
    const source = describeSourceLine(order, line.ref);
    const dimensions = { channel: order.channel, sourceLineRef: line.ref };

    builder.credit(
      accounts.credit,
      addPostingAmounts(net, discount),
      `${order.name} ${accounts.creditLabel}${source}`,
      dimensions,
    );
    builder.debit(
      accounts.contra,
      discount,
      `${order.name} ${accounts.contraLabel}${source}`,
      dimensions,
    );
  }
}

/**
 * Posts one tax credit per liability account, jurisdiction and tax code, summed over all lines,
 * so tax on items and tax on shipping in one jurisdiction land on a single line.
 */
export function postTaxCredits(
  builder: JournalLineBuilder,
  order: CanonicalOrder,
  lines: readonly AssessedLine[],
): void {
  const groups = new Map<string, { tax: AssessedTax; amount: PostingAmount }>();
  for (const tax of lines.flatMap((line) => line.taxes)) {
    const key = JSON.stringify([tax.liabilityAccount, tax.jurisdiction, tax.taxCode]);
    const amount = fromMoneyBag(tax.amount, order.presentmentCurrency);
    const group = groups.get(key);
    if (group) {
      group.amount = addPostingAmounts(group.amount, amount);
    } else {
      groups.set(key, { tax, amount });
    }
  }

  for (const { tax, amount } of groups.values()) {
    builder.credit(tax.liabilityAccount, amount, `${order.name} ${tax.title} ${tax.jurisdiction}`, {
      channel: order.channel,
      jurisdiction: tax.jurisdiction,
      taxCode: tax.taxCode,
    });
  }
}

function accountsFor(
  line: AssessedLine,
  order: CanonicalOrder,
  chart: ChartOfAccounts,
): LineAccounts {
  switch (line.kind) {
    case 'shipping':
      return {
        credit: chart.shippingRevenue,
        contra: chart.shippingDiscounts,
        creditLabel: 'shipping',
        contraLabel: 'shipping discount',
      };
    case 'gift_card':
      // Selling a gift card creates an obligation to deliver goods later, so it is a liability.
      return {
        credit: chart.giftCardLiability,
        contra: chart.discounts,
        creditLabel: 'gift card sold',
        contraLabel: 'gift card discount',
      };
    case 'item':
      return {
        credit: chart.revenue[order.channel] ?? chart.revenue.default,
        contra: chart.discounts,
        creditLabel: 'sale',
        contraLabel: 'discount',
      };
  }
}

/** Formats the memo suffix ": Coffee (line:123)", or " (shipping:0)" when no title is found. */
function describeSourceLine(order: CanonicalOrder, ref: string): string {
  const lineId = ref.startsWith('line:') ? ref.slice('line:'.length) : undefined;
  const orderLine = order.lines.find((candidate) => candidate.externalLineId === lineId);

  return orderLine ? `: ${orderLine.title} (${ref})` : ` (${ref})`;
}
