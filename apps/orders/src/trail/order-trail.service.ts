import { Inject, Injectable } from '@nestjs/common';
import {
  ContractViolationError,
  orderKey,
  type DeliveryGetReply,
  type ReplyPayload,
  type RequestPayload,
  type RequestSubject,
} from '@retail-sync/contracts';
import { MessagingRuntime } from '@retail-sync/messaging';
import { ROOT_LOGGER } from '@retail-sync/observability';
import type { Logger } from 'pino';
import { OrdersConfig } from '../orders-config.js';
import { OrderQueryRepository } from '../queries/order-query.repository.js';
import {
  collectTraceIds,
  type OrderTrail,
  type TrailPart,
  type TrailPartError,
  type TrailVersion,
} from './order-trail.js';

/**
 * Assembles an order's trail from this service's tables and from request-reply calls to the
 * channel gateway, the tax service and the ERP posting service. A call that fails or times out
 * turns into an error part, so the rest of the trail is still returned.
 */
@Injectable()
export class OrderTrailService {
  private readonly logger: Logger;

  constructor(
    private readonly orders: OrderQueryRepository,
    private readonly messaging: MessagingRuntime,
    private readonly config: OrdersConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'order-trail' });
  }

  /** Returns the order's trail, or undefined when the order does not exist. */
  async trail(orderId: string): Promise<OrderTrail | undefined> {
    const order = await this.orders.findById(orderId);
    if (order === undefined) {
      return undefined;
    }

    const versions = await this.orders.versionSummaries(orderId);
    // Versions that arrived in the same delivery share one request.
    const deliveryRequests = new Map<string, Promise<TrailPart<DeliveryGetReply>>>();
    const deliveryOf = (deliveryId: string): Promise<TrailPart<DeliveryGetReply>> => {
      let request = deliveryRequests.get(deliveryId);
      if (request === undefined) {
        request = this.ask('channel.delivery.get.v1', { deliveryId }, orderId);
        deliveryRequests.set(deliveryId, request);
      }

      return request;
    };
    const [trailVersions, taxAssessment, journalEntries] = await Promise.all([
      Promise.all(
        versions.map(async (version): Promise<TrailVersion> => ({
          version: version.version,
          topic: version.topic,
          deliveryId: version.deliveryId,
          sourceUpdatedAt: version.sourceUpdatedAt,
          traceId: version.traceId,
          delivery: await deliveryOf(version.deliveryId),
        })),
      ),
      this.ask('tax.assessment.get.v1', { orderId }, orderId),
      this.ask('erp.journal-entries.list.v1', { orderId }, orderId),
    ]);
    const trail: Omit<OrderTrail, 'traceIds'> = {
      order: {
        id: order.id,
        key: orderKey(order),
        status: order.status,
        version: order.version,
        traceId: order.traceId,
      },
      versions: trailVersions,
      taxAssessment,
      journalEntries,
    };

    return { ...trail, traceIds: collectTraceIds(trail) };
  }

  private async ask<S extends RequestSubject>(
    subject: S,
    payload: RequestPayload<S>,
    orderId: string,
  ): Promise<TrailPart<ReplyPayload<S>>> {
    try {
      return await this.messaging.requests.request(subject, payload, {
        timeoutMs: this.config.TRAIL_REQUEST_TIMEOUT_MS,
      });
    } catch (error) {
      const part = trailPartError(error);
      this.logger.warn(
        { orderId, subject, code: part.error.code, err: error },
        'Trail request failed',
      );

      return part;
    }
  }
}

/** Turns a request failure into a trail part, keeping the dotted `code` of the typed RPC errors. */
function trailPartError(error: unknown): TrailPartError {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ContractViolationError) {
    return { error: { code: 'contract.violation', message } };
  }

  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    return { error: { code, message } };
  }

  return { error: { code: 'trail.request-failed', message } };
}
