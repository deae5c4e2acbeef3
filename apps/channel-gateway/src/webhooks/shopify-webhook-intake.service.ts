import { Inject, Injectable } from '@nestjs/common';
import { orderKey, type OrderWebhookTopic } from '@retail-sync/contracts';
import { MessagingRuntime, type UnitOfWork } from '@retail-sync/messaging';
import { ROOT_LOGGER } from '@retail-sync/observability';
import type { Logger } from 'pino';
import type { DeliveryStatus, WebhookDelivery } from '../deliveries/webhook-delivery.js';
import { WebhookDeliveryRepository } from '../deliveries/webhook-delivery.repository.js';
import {
  toRow,
  translate,
  type AuthenticatedDelivery,
  type Translation,
} from './webhook-delivery-row.js';
import {
  SHOPIFY_WEBHOOK_CONSUMER,
  recordConflictingDuplicate,
  unusableOrderException,
} from './webhook-exceptions.js';
import { countWebhookOutcome } from './webhook-outcome.js';

/** The response body sent to Shopify, which reads only the status code. */
export type WebhookReceipt =
  | { deliveryId: string; status: DeliveryStatus }
  | { deliveryId: string; duplicate: true; conflicting?: true };

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
    const receipt = await this.messaging.transactions.run((unitOfWork) =>
      this.write(unitOfWork, row, translation),
    );
    this.logStored(row, translation, receipt);

    return receipt;
  }

  /** Inserts the row with its event or exception record, or settles it as a duplicate. */
  private async write(
    unitOfWork: UnitOfWork,
    row: WebhookDelivery,
    translation: Translation,
  ): Promise<WebhookReceipt> {
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
        // The delivery id as event id lets the outbox and every inbox reject a second copy. The
        // order key as subject makes the orders service lock a batch's orders in sorted order.
        { id: row.id, subject: orderKey(translation.order) },
      );
    } else if (translation.status === 'exception') {
      await this.messaging.exceptions.record(
        unusableOrderException(row, translation.error),
        unitOfWork.manager,
      );
    }

    return { deliveryId: row.id, status: row.status };
  }

  /** Settles a repeated delivery. A repeat with a different body is recorded, never published. */
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

  private logStored(row: WebhookDelivery, translation: Translation, receipt: WebhookReceipt): void {
    const fields = {
      deliveryId: receipt.deliveryId,
      shop: row.shopId,
      topic: row.topic,
      webhookId: row.webhookId,
      eventId: row.eventId,
      orderExternalId: row.orderExternalId,
    };
    if ('duplicate' in receipt && receipt.conflicting) {
      countWebhookOutcome('conflicting-duplicate');
      this.logger.warn(
        { ...fields, consumer: SHOPIFY_WEBHOOK_CONSUMER },
        'Webhook delivery repeats a stored id with a different body; recorded as an exception',
      );
    } else if ('duplicate' in receipt) {
      countWebhookOutcome('duplicate');
      this.logger.info(fields, 'Duplicate webhook delivery acknowledged without effect');
    } else if (translation.status === 'exception') {
      countWebhookOutcome('exception');
      // The problems quote payload values, so they stay in the exception record.
      this.logger.warn(
        {
          ...fields,
          errorCode: translation.error.code,
          problemCount: translation.error.problems.length,
        },
        'Webhook order is unusable; stored and recorded as an exception',
      );
    } else {
      countWebhookOutcome(receipt.status);
      this.logger.info({ ...fields, status: receipt.status }, 'Webhook delivery stored');
    }
  }
}
