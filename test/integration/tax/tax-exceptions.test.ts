import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCanonicalOrder, orderVersionPayload } from './canonical-order-builder.js';
import { TaxServiceHarness } from './tax-service-harness.js';

describe('tax exceptions', () => {
  const tax = new TaxServiceHarness();

  beforeAll(async () => {
    await tax.start();
  });

  afterAll(async () => {
    await tax.cleanUp();
  });

  it('replays an unmapped tax once after mapping', async () => {
    const order = buildCanonicalOrder({
      lines: [{ price: '40.00', taxes: [['Luxury Tax', '0.05', '2.00']] }],
    });
    const payload = orderVersionPayload(order);
    const envelope = tax.envelope('orders.order.captured.v1', payload);
    await tax.publish(envelope);

    const record = await tax.waitForOpenException(envelope.id);

    expect(record.errorClass).toBe('permanent');
    expect(record.errorCode).toBe('tax.unmapped');
    expect(record.errorMessage).toContain('"Luxury Tax" at rate 0.05');
    expect(tax.assessedFor(payload.orderId)).toHaveLength(0);

    const mapped = await tax.post('/tax-mappings', {
      channelTitle: 'Luxury Tax',
      rate: '0.05',
      taxCode: 'US-LUXURY',
      jurisdiction: 'US-LUXURY',
      liabilityAccount: '2210-US-LUXURY',
    });
    const replayed = await tax.replay(record.id);
    const event = await tax.waitForAssessed(payload.orderId);
    const again = await tax.replay(record.id);
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(mapped.status).toBe(201);
    expect(replayed.status).toBe(200);
    expect(event.assessment.jurisdictions[0].taxCode).toBe('US-LUXURY');
    expect(event.assessment.jurisdictions[0].amount.shop.amount).toBe('2.00');
    expect(again.status).toBe(409);
    expect(tax.assessedFor(payload.orderId)).toHaveLength(1);
    expect(await tax.assessmentRows(payload.orderId)).toHaveLength(1);
  });

  it('records a channel tax mismatch', async () => {
    const order = buildCanonicalOrder({
      lines: [{ price: '100.00', discount: '20.00', taxes: [['Sales Tax', '0.1', '10.00']] }],
      orderTaxes: [['Sales Tax', '0.1', '10.00']],
    });
    const payload = orderVersionPayload(order);
    const envelope = tax.envelope('orders.order.captured.v1', payload);
    await tax.publish(envelope);

    const record = await tax.waitForOpenException(envelope.id);

    expect(record.errorClass).toBe('permanent');
    expect(record.errorCode).toBe('tax.channel-mismatch');
    expect(record.errorMessage).toContain('10.00 USD');
    expect(record.errorMessage).toContain('8.00 USD');
    expect(tax.assessedFor(payload.orderId)).toHaveLength(0);
  });

  it('records discounts above the price', async () => {
    const order = buildCanonicalOrder({
      lines: [{ price: '10.00', discount: '12.00', taxes: [['Sales Tax', '0.1', '0.00']] }],
    });
    const payload = orderVersionPayload(order);
    const envelope = tax.envelope('orders.order.captured.v1', payload);
    await tax.publish(envelope);

    const record = await tax.waitForOpenException(envelope.id);

    expect(record.errorCode).toBe('tax.negative-base');
    expect(record.errorMessage).toContain('12.00 USD');
  });
});
