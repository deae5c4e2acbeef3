import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { CanonicalOrder, OrderWebhookTopic } from '@retail-sync/contracts';
import { MessagingRuntime, type UnitOfWork } from '@retail-sync/messaging';
import { ROOT_LOGGER, activeTraceId } from '@retail-sync/observability';
import type { Logger } from 'pino';
import type { DeliveryStatus, WebhookDelivery } from '../deliveries/webhook-delivery.js';
import { WebhookDeliveryRepository } from '../deliveries/webhook-delivery.repository.js';
import { translateShopifyOrder } from '../shopify/shopify-order-translator.js';
import { UnusableOrderError } from '../shopify/unusable-order.error.js';
import { bodySha256 } from './webhook-body.js';
import type { ShopifyDeliveryHeaders } from './webhook-headers.js';
import { webhookReceivedCounter } from './webhook-rejection.js';
import {
  SHOPIFY_WEBHOOK_CONSUMER,
  recordConflictingDuplicate,
  unusableOrderException,
} from './webhook-exceptions.js';

/** A delivery whose signature, headers and age have been checked. */
export interface AuthenticatedDelivery {
  shopDomain: string;
  headers: ShopifyDeliveryHeaders;
  storedHeaders: Record<string, string>;
  rawBody: Buffer;
  receivedAt: Date;
}

/** What the gateway answers Shopify; Shopify only reads the status code. */
export type WebhookReceipt =
  | { deliveryId: string; status: DeliveryStatus }
  | { deliveryId: string; duplicate: true; conflicting?: true };

type Translation =
  | { status: 'accepted'; topic: OrderWebhookTopic; order: CanonicalOrder }
  | { status: 'exception'; error: UnusableOrderError }
  | { status: 'ignored' };

/**
 * Stores each authenticated Shopify delivery once and publishes its order in the same database
 * transaction. Unusable orders and conflicting duplicates become exception records instead, so
 * nothing is dropped and Shopify is never asked to retry a payload that cannot succeed.
 */
@Injectable()
export class ShopifyWebhookIntakeService {
  private readonly logger: Logger;

  constructor(
    private readonly messaging: MessagingRuntime,
    private readonly deliveries: WebhookDeliveryRepository,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'shopify-webhook-intake' });
  }

  /** Translates and stores an order delivery; `order` is the parsed JSON body. */
  async receiveOrder(
    delivery: AuthenticatedDelivery,
    topic: OrderWebhookTopic,
    order: unknown,
  ): Promise<WebhookReceipt> {
    return this.store(delivery, translate(delivery, topic, order));
  }

  /**
   * Stores a delivery of a topic the gateway does not handle, without its body, which may carry
   * personal data the gateway has no use for. Acknowledging it stops Shopify's retries.
   */
  async receiveIgnored(delivery: AuthenticatedDelivery): Promise<WebhookReceipt> {
    return this.store(delivery, { status: 'ignored' });
  }

  private async store(
    delivery: AuthenticatedDelivery,
    translation: Translation,
  ): Promise<WebhookReceipt> {
    const row = toRow(delivery, translation);
    const receipt = await this.messaging.transactions.run(async (unitOfWork): Promise<WebhookReceipt> => {
      const inserted = await this.deliveries.insertIfNew(unitOfWork.manager, row);
      if (!inserted) {
        return this.settleDuplicate(unitOfWork, row);
      }

      if (translation.status === 'accepted') {
        unitOfWork.publish(
          'channel.order.received.v1',
          {
            deliveryId: row.id,
            topic: translation.topic,
            receivedAt: (row.triggeredAt ?? row.receivedAt).toISOString(),
            order: translation.order,
          },
          // The delivery id as event id lets the outbox and every inbox reject a second copy.
          { id: row.id },
        );
      } else if (translation.status === 'exception') {
        await this.messaging.exceptions.record(
          unusableOrderException(row, translation.error),
          unitOfWork.manager,
        );
      }

      return { deliveryId: row.id, status: row.status };
    });
    this.logStored(row, receipt);

    return receipt;
  }

  /** Answers a repeated delivery; a repeat with a different body is recorded, never published. */
  private async settleDuplicate(
    unitOfWork: UnitOfWork,
    row: WebhookDelivery,
  ): Promise<WebhookReceipt> {
    const existing = await this.deliveries.findDuplicateOf(
      unitOfWork.manager,
      row.shopId,
      row.webhookId,
      row.eventId,
    );
    if (!existing) {
      // The conflicting row was deleted between the insert and this read; Shopify retries.
      throw new Error(`Delivery ${row.webhookId} of ${row.shopId} conflicted with no stored row`);
    }

    if (existing.bodySha256 === row.bodySha256) {
      return { deliveryId: existing.id, duplicate: true };
    }

    await recordConflictingDuplicate(this.messaging.exceptions, unitOfWork.manager, row, existing);

    return { deliveryId: existing.id, duplicate: true, conflicting: true };
  }

  private logStored(row: WebhookDelivery, receipt: WebhookReceipt): void {
    const fields = {
      deliveryId: receipt.deliveryId,
      shop: row.shopId,
      topic: row.topic,
      webhookId: row.webhookId,
      eventId: row.eventId,
      orderExternalId: row.orderExternalId,
    };
    if (!('duplicate' in receipt)) {
      webhookReceivedCounter.inc({ outcome: receipt.status });
      this.logger.info({ ...fields, status: receipt.status }, 'Webhook delivery stored');
    } else if (receipt.conflicting) {
      webhookReceivedCounter.inc({ outcome: 'conflicting-duplicate' });
      this.logger.warn(
        { ...fields, consumer: SHOPIFY_WEBHOOK_CONSUMER },
        'Webhook delivery repeats a stored id with a different body; recorded as an exception',
      );
    } else {
      webhookReceivedCounter.inc({ outcome: 'duplicate' });
      this.logger.info(fields, 'Duplicate webhook delivery acknowledged without effect');
    }
  }
}

function translate(
  delivery: AuthenticatedDelivery,
  topic: OrderWebhookTopic,
  order: unknown,
): Translation {
  try {
    const canonical = translateShopifyOrder({
      shopDomain: delivery.shopDomain,
      order,
      receivedAt: (delivery.headers.triggeredAt ?? delivery.receivedAt).toISOString(),
    });

    return { status: 'accepted', topic, order: canonical };
  } catch (error) {
    if (error instanceof UnusableOrderError) {
      return { status: 'exception', error };
    }

    throw error;
  }
}

function toRow(delivery: AuthenticatedDelivery, translation: Translation): WebhookDelivery {
  const ignored = translation.status === 'ignored';

  return {
    id: randomUUID(),
    channel: 'shopify',
    shopId: delivery.shopDomain,
    topic: delivery.headers.topic,
    webhookId: delivery.headers.webhookId,
    eventId: delivery.headers.eventId ?? null,
    bodySha256: bodySha256(delivery.rawBody),
    rawBody: ignored ? null : delivery.rawBody,
    headers: delivery.storedHeaders,
    receivedAt: delivery.receivedAt,
    triggeredAt: delivery.headers.triggeredAt ?? null,
    status: translation.status,
    orderExternalId: orderExternalIdOf(translation),
    traceId: activeTraceId() ?? null,
  };
}

function orderExternalIdOf(translation: Translation): string | null {
  switch (translation.status) {
    case 'accepted':
      return translation.order.externalId;
    case 'exception':
      return translation.error.externalId ?? null;
    case 'ignored':
      return null;
  }
}
