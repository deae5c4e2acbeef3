import { randomBytes, randomUUID } from 'node:crypto';
import {
  createEnvelope,
  type CanonicalOrder,
  type ChannelOrderReceivedEvent,
  type CloudEventEnvelope,
  type MoneyBag,
  type OrderLine,
  type OrderWebhookTopic,
} from '@retail-sync/contracts';

/** The shop that the bundled SKU mappings cover for the Shopify samples. */
export const DEMO_SHOP = 'demo-shop.myshopify.com';

function usd(amount: string): MoneyBag {
  return { shop: { amount, currency: 'USD' } };
}

function line(id: string, price: string, fields: Partial<OrderLine>): OrderLine {
  return {
    externalLineId: id,
    title: `Line ${id}`,
    quantity: 1,
    unitPrice: usd(price),
    discountAllocations: [],
    taxLines: [],
    taxable: true,
    giftCard: false,
    ...fields,
  };
}

function baseOrder(externalId: string): Omit<CanonicalOrder, 'lines' | 'taxLines' | 'totals'> {
  return {
    channel: 'shopify',
    shopId: DEMO_SHOP,
    externalId,
    name: `#${externalId}`,
    sourceUpdatedAt: '2024-06-13T14:00:00Z',
    placedAt: '2024-06-13T13:55:00Z',
    currency: 'USD',
    presentmentCurrency: 'USD',
    taxesIncluded: false,
    financialStatus: 'paid',
    shippingLines: [],
    discountApplications: [],
    transactions: [],
  };
}

/**
 * Builds a consistent order whose lines need each kind of SKU mapping: by variant id, by channel SKU
 * alone, a custom item and a gift card.
 */
export function demoOrder(
  externalId: string,
  fields: Partial<CanonicalOrder> = {},
): CanonicalOrder {
  return {
    ...baseOrder(externalId),
    lines: [
      line('1', '199.00', { variantId: '447654529', channelSku: 'IPOD2009BLACK' }),
      line('2', '199.00', { channelSku: 'IPOD2008GREEN' }),
      line('3', '10.00', {}),
      line('4', '25.00', { giftCard: true, taxable: false }),
    ],
    taxLines: [],
    totals: {
      lineItems: usd('433.00'),
      discounts: usd('0.00'),
      subtotal: usd('433.00'),
      shipping: usd('0.00'),
      tax: usd('0.00'),
      total: usd('433.00'),
    },
    ...fields,
  };
}

/** Builds a one-line order whose variant and channel SKU have no mapping yet. */
export function unmappedOrder(
  externalId: string,
  variantId: string,
  channelSku: string,
): CanonicalOrder {
  return {
    ...baseOrder(externalId),
    lines: [line('1', '50.00', { variantId, channelSku })],
    taxLines: [],
    totals: {
      lineItems: usd('50.00'),
      discounts: usd('0.00'),
      subtotal: usd('50.00'),
      shipping: usd('0.00'),
      tax: usd('0.00'),
      total: usd('50.00'),
    },
  };
}

/**
 * Builds an order with the figures of Shopify's order 450789469: three lines of 199.00 with 10.00 of discounts, and a
 * subtotal of 597.00 where the lines minus discounts make 587.00.
 */
export function inconsistentOrder(externalId: string): CanonicalOrder {
  const tax = (amount: string) => ({ title: 'State Tax', rate: '0.02', amount: usd(amount) });
  const discounted = (id: string, variantId: string, discount: string): OrderLine =>
    line(id, '199.00', {
      variantId,
      discountAllocations: [{ amount: usd(discount), applicationIndex: 0 }],
      taxLines: [tax('3.98')],
    });

  return {
    ...baseOrder(externalId),
    lines: [
      discounted('466157049', '39072856', '3.34'),
      discounted('518995019', '49148385', '3.33'),
      discounted('703073504', '457924702', '3.33'),
    ],
    shippingLines: [
      { title: 'Generic Shipping', price: usd('0.00'), discountAllocations: [], taxLines: [] },
    ],
    taxLines: [tax('11.94')],
    totals: {
      lineItems: usd('597.00'),
      discounts: usd('10.00'),
      subtotal: usd('597.00'),
      shipping: usd('0.00'),
      tax: usd('11.94'),
      total: usd('598.94'),
    },
  };
}

export interface ReceivedOptions {
  deliveryId?: string;
  topic?: OrderWebhookTopic;
  /** A W3C trace id to start the delivery's trace with. */
  traceId?: string;
}

/** Wraps an order in the envelope the channel gateway publishes. */
export function receivedEnvelope(
  order: CanonicalOrder,
  options: ReceivedOptions = {},
): CloudEventEnvelope<ChannelOrderReceivedEvent> {
  const envelope = createEnvelope<ChannelOrderReceivedEvent>({
    type: 'channel.order.received.v1',
    source: '/channel-gateway',
    data: {
      deliveryId: options.deliveryId ?? randomUUID(),
      topic: options.topic ?? 'created',
      receivedAt: new Date().toISOString(),
      order,
    },
  });
  if (options.traceId !== undefined) {
    envelope.traceparent = `00-${options.traceId}-${randomBytes(8).toString('hex')}-01`;
  }

  return envelope;
}

export function newTraceId(): string {
  return randomBytes(16).toString('hex');
}

/** Returns an order id unique to one test, so tests in a file never share an order. */
export function newExternalId(): string {
  return String(Date.now() * 1_000 + Math.floor(Math.random() * 1_000));
}
