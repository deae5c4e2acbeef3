import { Inject, Injectable } from '@nestjs/common';
import {
  orderKey,
  type CanonicalOrder,
  type ChannelOrderReceivedEvent,
} from '@retail-sync/contracts';
import { PermanentError, TransientError, type UnitOfWork } from '@retail-sync/messaging';
import { activeTraceId, ROOT_LOGGER } from '@retail-sync/observability';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { OrdersConfig } from '../orders-config.js';
import { mapOrderSkus, mappingLookupKeys, unmappedSkuError } from '../sku-mapping/sku-mapper.js';
import { SkuMappingRepository } from '../sku-mapping/sku-mapping.repository.js';
import {
  decideCapture,
  isIgnored,
  type AcceptedVersion,
  type CaptureDecision,
  type IgnoredVersion,
  type StoredOrderState,
} from './capture-decision.js';
import { orderVersionsCounter } from './capture-metrics.js';
import { versionContent } from './version-content.js';
import { checkOrderConsistency, OrderInconsistentError } from './order-consistency.js';
import { SalesOrderRepository, type OrderVersionRow } from './sales-order.repository.js';

/**
 * Stores incoming order versions and publishes what changed. Runs inside the consumer's unit of
 * work, so the order, its version row, the event and the inbox entry commit together.
 */
@Injectable()
export class OrderCaptureService {
  private readonly logger: Logger;

  constructor(
    private readonly config: OrdersConfig,
    private readonly orders: SalesOrderRepository,
    private readonly skuMappings: SkuMappingRepository,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'order-capture' });
  }

  async capture(
    event: ChannelOrderReceivedEvent,
    unitOfWork: UnitOfWork,
  ): Promise<CaptureDecision> {
    const { manager } = unitOfWork;
    const incoming = event.order;
    this.rejectFutureVersion(incoming);
    let document: CanonicalOrder | undefined;
    // A second round is needed only when a concurrent transaction inserted the same new order.
    for (let round = 1; round <= 2; round += 1) {
      const stored = await this.orders.lockByKey(manager, incoming);
      const decision = decideCapture(stored, incoming);
      if (isIgnored(decision)) {
        if (decision.outcome === 'duplicate' && stored !== undefined) {
          await this.rejectConflictingDuplicate(manager, stored.id, incoming);
        }

        this.logIgnored(decision, event, stored);
        orderVersionsCounter.inc({ outcome: decision.outcome });

        return decision;
      }

      document ??= await this.canonicalDocument(manager, incoming);
      const row = versionRow(decision, event, document);
      const orderId =
        stored === undefined ? await this.orders.insertIfAbsent(manager, incoming, row) : stored.id;
      if (orderId === undefined) {
        continue;
      }

      if (stored !== undefined) {
        await this.orders.updateCurrent(manager, orderId, row);
      }

      await this.orders.insertVersion(manager, orderId, row);
      unitOfWork.publish(
        decision.event,
        { orderId, version: row.version, deliveryId: event.deliveryId, order: document },
        { subject: orderId },
      );
      orderVersionsCounter.inc({ outcome: decision.outcome });
      this.logger.info(
        {
          orderId,
          orderKey: orderKey(incoming),
          version: row.version,
          outcome: decision.outcome,
          deliveryId: event.deliveryId,
          topic: event.topic,
        },
        `Order version ${decision.outcome}`,
      );

      return decision;
    }

    throw new TransientError(
      `Order ${orderKey(incoming)} was inserted concurrently twice in a row. Retrying later.`,
      'order.capture-conflict',
    );
  }

  /** Maps the order's SKUs and checks its totals. Throws PermanentError when either fails. */
  private rejectFutureVersion(order: CanonicalOrder): void {
    const limit = Date.now() + this.config.ORDER_MAX_FUTURE_SKEW_SECONDS * 1_000;
    if (Date.parse(order.sourceUpdatedAt) > limit) {
      throw new PermanentError(
        `Order ${order.name} (${orderKey(order)}) has updated_at ${order.sourceUpdatedAt}, more ` +
          `than ${this.config.ORDER_MAX_FUTURE_SKEW_SECONDS} s in the future. It was not stored, ` +
          'because it would hide every later update. Check the sending system clock, then ' +
          'discard this record; the next real update from the channel is applied normally.',
        'order.version-in-future',
      );
    }
  }

  /**
   * Raises a version whose time equals the stored one but whose content differs: Shopify's
   * `updated_at` has whole seconds, so two edits in one second would otherwise lose the second.
   */
  private async rejectConflictingDuplicate(
    manager: EntityManager,
    orderId: string,
    incoming: CanonicalOrder,
  ): Promise<void> {
    const stored = await this.orders.findDocument(manager, orderId);
    if (stored === undefined || versionContent(stored) === versionContent(incoming)) {
      return;
    }

    throw new PermanentError(
      `Order ${incoming.name} (${orderKey(incoming)}) arrived again with updated_at ` +
        `${incoming.sourceUpdatedAt} but different content. The stored version is kept. Edit ` +
        'the order in the channel so it sends a newer update, or discard this record.',
      'order.conflicting-version',
    );
  }

  private async canonicalDocument(
    manager: EntityManager,
    order: CanonicalOrder,
  ): Promise<CanonicalOrder> {
    const keys = mappingLookupKeys(order);
    const mappings = await this.skuMappings.findForLines(
      manager,
      order,
      keys.variantIds,
      keys.channelSkus,
    );
    const mapped = mapOrderSkus(order, mappings, {
      customItemSku: this.config.CUSTOM_ITEM_SKU,
      giftCardSku: this.config.GIFT_CARD_SKU,
    });
    if (mapped.unmapped.length > 0) {
      throw unmappedSkuError(order, mapped.unmapped);
    }

    // An inconsistent order is flagged for a person and never adjusted to make its totals agree.
    const problems = checkOrderConsistency(mapped.order);
    if (problems.length > 0) {
      const inconsistency = new OrderInconsistentError(
        `${order.name} (${orderKey(order)})`,
        problems,
      );
      throw new PermanentError(inconsistency.message, inconsistency.code);
    }

    return mapped.order;
  }

  private logIgnored(
    decision: IgnoredVersion,
    event: ChannelOrderReceivedEvent,
    stored: (StoredOrderState & { id: string }) | undefined,
  ): void {
    const details = {
      orderId: stored?.id,
      orderKey: orderKey(event.order),
      storedVersion: stored?.version,
      storedSourceUpdatedAt: stored?.sourceUpdatedAt,
      incomingSourceUpdatedAt: event.order.sourceUpdatedAt,
      deliveryId: event.deliveryId,
      topic: event.topic,
    };
    if (decision.outcome === 'stale') {
      this.logger.info(details, 'stale order version ignored');
    } else {
      this.logger.info(details, 'order version already stored, delivery ignored');
    }
  }
}

function versionRow(
  decision: AcceptedVersion,
  event: ChannelOrderReceivedEvent,
  document: CanonicalOrder,
): OrderVersionRow {
  return {
    version: decision.version,
    sourceUpdatedAt: event.order.sourceUpdatedAt,
    status: decision.status,
    document,
    deliveryId: event.deliveryId,
    topic: event.topic,
    traceId: activeTraceId(),
  };
}
