import { Money, MoneyAmount } from '@retail-sync/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCanonicalOrder, orderVersionPayload } from './canonical-order-builder.js';
import { TaxServiceHarness } from './tax-service-harness.js';

describe('order tax assessment', () => {
  const tax = new TaxServiceHarness();

  beforeAll(async () => {
    await tax.start();
  });

  afterAll(async () => {
    await tax.cleanUp();
  });

  it('taxes the discounted price', async () => {
    const order = buildCanonicalOrder({
      lines: [{ price: '100.00', discount: '20.00', taxes: [['Sales Tax', '0.1', '8.00']] }],
      orderTaxes: [['Sales Tax', '0.1', '8.00']],
    });
    const payload = orderVersionPayload(order);
    await tax.publish(tax.envelope('orders.order.captured.v1', payload));

    const event = await tax.waitForAssessed(payload.orderId);
    const [line] = event.assessment.lines;
    const [jurisdiction] = event.assessment.jurisdictions;

    expect(event.orderVersion).toBe(1);
    expect(event.order.externalId).toBe(order.externalId);
    expect(jurisdiction.amount.shop.amount).toBe('8.00');
    expect(jurisdiction.taxCode).toBe('US-SALES');
    expect(jurisdiction.liabilityAccount).toBe('2210-US-SALES');
    expect(line.net.shop.amount).toBe('80.00');
    expect(line.discount.shop.amount).toBe('20.00');
    expect(line.taxes[0].amount.shop.amount).toBe('8.00');
  });

  it('stores the trace id with the assessment', async () => {
    const order = buildCanonicalOrder({
      lines: [{ price: '50.00', taxes: [['Sales Tax', '0.08', '4.00']] }],
    });
    const payload = orderVersionPayload(order);
    await tax.publish(tax.envelope('orders.order.captured.v1', payload));
    await tax.waitForAssessed(payload.orderId);

    const rows = await tax.assessmentRows(payload.orderId);

    expect(rows).toHaveLength(1);
    expect(rows[0].trace_id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('spreads per-order rounding to lines', async () => {
    const nyTax = (amount: string): ['NY', '0.08875', string] => ['NY', '0.08875', amount];
    const item = { price: '3.20', taxes: [nyTax('0.28')] };
    const order = buildCanonicalOrder({
      lines: [item, item, item, item, item],
      shipping: [{ price: '3.40', taxes: [nyTax('0.30')] }],
      orderTaxes: [nyTax('1.72')],
    });
    const payload = orderVersionPayload(order);
    await tax.publish(tax.envelope('orders.order.captured.v1', payload));

    const event = await tax.waitForAssessed(payload.orderId);
    const lineTaxes = event.assessment.lines.flatMap((line) =>
      line.taxes.map((lineTax) => MoneyAmount.parse(lineTax.amount.shop)),
    );

    expect(event.assessment.roundingMode).toBe('order');
    expect(event.assessment.jurisdictions[0].amount.shop.amount).toBe('1.72');
    expect(lineTaxes).toHaveLength(6);
    expect(Money.sum(lineTaxes, 'USD').toDecimal()).toBe('1.72');
  });

  it('assesses a duplicate delivery once', async () => {
    const order = buildCanonicalOrder({
      lines: [{ price: '10.00', taxes: [['Sales Tax', '0.1', '1.00']] }],
    });
    const payload = orderVersionPayload(order);
    const envelope = tax.envelope('orders.order.captured.v1', payload);
    await tax.publish(envelope, 1);
    await tax.publish(envelope, 2);
    await tax.waitForAssessed(payload.orderId);
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    expect(await tax.assessmentRows(payload.orderId)).toHaveLength(1);
    expect(tax.assessedFor(payload.orderId)).toHaveLength(1);
  });

  it('skips a version older than the assessed one', async () => {
    const order = buildCanonicalOrder({
      lines: [{ price: '20.00', taxes: [['Sales Tax', '0.1', '2.00']] }],
    });
    const second = orderVersionPayload(order, 2);
    const first = orderVersionPayload(order, 1, second.orderId);
    await tax.publish(tax.envelope('orders.order.updated.v1', second));
    await tax.waitForAssessed(second.orderId);
    const late = tax.envelope('orders.order.captured.v1', first);
    await tax.publish(late);
    await tax.waitForProcessed(late.id);
    await new Promise((resolve) => setTimeout(resolve, 500));

    const rows = await tax.assessmentRows(second.orderId);
    const events = tax.assessedFor(second.orderId);

    expect(rows.map((row) => row.order_version)).toEqual([2]);
    expect(events.map((event) => event.orderVersion)).toEqual([2]);
  });

  it('assesses a newer version after an older one', async () => {
    const order = buildCanonicalOrder({
      lines: [{ price: '30.00', taxes: [['Sales Tax', '0.1', '3.00']] }],
    });
    const first = orderVersionPayload(order, 1);
    const second = orderVersionPayload(order, 2, first.orderId);
    await tax.publish(tax.envelope('orders.order.captured.v1', first));
    await tax.waitForAssessed(first.orderId);
    await tax.publish(tax.envelope('orders.order.updated.v1', second));

    const events = await tax.waitForAssessedCount(first.orderId, 2);

    expect(events.map((event) => event.orderVersion)).toEqual([1, 2]);
  });
});
