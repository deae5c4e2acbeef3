import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { orderKey, type CanonicalOrder } from '@retail-sync/contracts';
import { MessagingRuntime, PermanentError, type ExceptionRecord } from '@retail-sync/messaging';
import { ROOT_LOGGER } from '@retail-sync/observability';
import type { Logger } from 'pino';
import { WebhookDeliveryRepository } from '../deliveries/webhook-delivery.repository.js';
import { translateShopifyOrder } from '../shopify/shopify-order-translator.js';
import { toOrderWebhookTopic } from '../shopify/shopify-topic.js';
import { UnusableOrderError } from '../shopify/unusable-order.error.js';
import { parseWebhookBody } from './webhook-body.js';
import {
  CONFLICTING_DUPLICATE_CODE,
  SHOPIFY_WEBHOOK_CONSUMER,
  type UnusableOrderEnvelope,
} from './webhook-exceptions.js';

/**
 * Replays the gateway's exception records: translates a stored delivery's body again and, when
 * that succeeds, publishes its order and marks it accepted in one transaction. A replay after a
 * translator fix therefore needs no new delivery from Shopify.
 */
@Injectable()
export class WebhookReplayService implements OnModuleInit {
  private readonly logger: Logger;

  constructor(
    private readonly messaging: MessagingRuntime,
    private readonly deliveries: WebhookDeliveryRepository,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'webhook-replay' });
  }

  onModuleInit(): void {
    this.messaging.replayRegistry.register(SHOPIFY_WEBHOOK_CONSUMER, (record) =>
      this.replay(record),
    );
  }

  /** Replays one record; throws PermanentError when the order is still unusable. */
  async replay(record: ExceptionRecord): Promise<void> {
    if (record.errorCode === CONFLICTING_DUPLICATE_CODE) {
      throw new PermanentError(
        'A conflicting duplicate cannot be replayed, because the gateway publishes one body per ' +
          'webhook. Have Shopify send a new event for the order, such as orders/updated.',
        CONFLICTING_DUPLICATE_CODE,
      );
    }

    const deliveryId = deliveryIdOf(record);
    const delivery = await this.deliveries.findWithBody(deliveryId);
    if (!delivery?.rawBody) {
      throw new PermanentError(
        `Delivery ${deliveryId} of exception record ${record.id} has no stored body`,
        'channel.delivery-not-found',
      );
    }

    if (delivery.status === 'accepted') {
      this.logger.info({ deliveryId, exceptionId: record.id }, 'Delivery already accepted');

      return;
    }

    const topic = toOrderWebhookTopic(delivery.topic);
    if (topic === null) {
      throw new PermanentError(
        `Delivery ${deliveryId} has topic ${delivery.topic}, which carries no order`,
        'channel.order.unusable',
      );
    }

    const body = parseWebhookBody(delivery.rawBody);
    if (!body.ok) {
      throw new PermanentError(`Delivery ${deliveryId}: ${body.message}`, 'channel.order.unusable');
    }

    const receivedAt = (delivery.triggeredAt ?? delivery.receivedAt).toISOString();
    const order = translateOrThrow(delivery.shopId, body.value, receivedAt);
    const accepted = await this.messaging.transactions.run(async (unitOfWork) => {
      if (!(await this.deliveries.markAccepted(unitOfWork.manager, deliveryId, order.externalId))) {
        return false;
      }

      unitOfWork.publish(
        'channel.order.received.v1',
        { deliveryId, topic, receivedAt, order },
        { id: deliveryId, subject: orderKey(order) },
      );

      return true;
    });
    this.logger.info(
      { deliveryId, exceptionId: record.id, orderExternalId: order.externalId, accepted },
      accepted ? 'Replayed delivery accepted' : 'Delivery was accepted by a concurrent replay',
    );
  }
}

function deliveryIdOf(record: ExceptionRecord): string {
  const envelope = record.envelope as Partial<UnusableOrderEnvelope> | null;
  if (typeof envelope?.deliveryId !== 'string') {
    throw new PermanentError(
      `Exception record ${record.id} names no delivery id in its envelope`,
      'channel.delivery-not-found',
    );
  }

  return envelope.deliveryId;
}

function translateOrThrow(shopDomain: string, order: unknown, receivedAt: string): CanonicalOrder {
  try {
    return translateShopifyOrder({ shopDomain, order, receivedAt });
  } catch (error) {
    if (error instanceof UnusableOrderError) {
      throw new PermanentError(error.message, error.code);
    }

    throw error;
  }
}
