import { Injectable } from '@nestjs/common';
import type { CanonicalOrder, SalesChannel } from '@retail-sync/contracts';
import { DataSource } from 'typeorm';
import type { OrderStatus } from '../capture/capture-decision.js';
import type { OrderKeyParts } from '../capture/sales-order.repository.js';

/** An order's current version as the API returns it. */
export interface OrderView {
  id: string;
  channel: SalesChannel;
  shopId: string;
  externalId: string;
  version: number;
  status: OrderStatus;
  sourceUpdatedAt: Date;
  lastDeliveryId: string;
  traceId: string | null;
  createdAt: Date;
  updatedAt: Date;
  document: CanonicalOrder;
}

/** One stored version of an order, without its document. */
export interface OrderVersionSummary {
  version: number;
  sourceUpdatedAt: Date;
  deliveryId: string;
  topic: string;
  traceId: string | null;
  recordedAt: Date;
}

/** One stored version of an order. */
export interface OrderVersionView extends OrderVersionSummary {
  document: CanonicalOrder;
}

const VERSION_SUMMARY_COLUMNS = `version, source_updated_at AS "sourceUpdatedAt",
  delivery_id AS "deliveryId", topic, trace_id AS "traceId", recorded_at AS "recordedAt"`;

const ORDER_COLUMNS = `id, channel, shop_id AS "shopId", external_id AS "externalId", version,
  status, source_updated_at AS "sourceUpdatedAt", last_delivery_id AS "lastDeliveryId",
  trace_id AS "traceId", created_at AS "createdAt", updated_at AS "updatedAt", document`;

/** Reads orders and their versions for the query and trail endpoints. */
@Injectable()
export class OrderQueryRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findById(id: string): Promise<OrderView | undefined> {
    const rows: OrderView[] = await this.dataSource.query(
      `SELECT ${ORDER_COLUMNS} FROM sales_order WHERE id = $1`,
      [id],
    );

    return rows.at(0);
  }

  async findByKey(key: OrderKeyParts): Promise<OrderView | undefined> {
    const rows: OrderView[] = await this.dataSource.query(
      `SELECT ${ORDER_COLUMNS} FROM sales_order
        WHERE channel = $1 AND shop_id = $2 AND external_id = $3`,
      [key.channel, key.shopId, key.externalId],
    );

    return rows.at(0);
  }

  /** Returns the order's versions, oldest first. */
  async versions(orderId: string): Promise<OrderVersionView[]> {
    return this.dataSource.query(
      `SELECT ${VERSION_SUMMARY_COLUMNS}, document FROM sales_order_version
        WHERE order_id = $1
        ORDER BY version`,
      [orderId],
    );
  }

  /** Returns the order's versions without their documents, oldest first. */
  async versionSummaries(orderId: string): Promise<OrderVersionSummary[]> {
    return this.dataSource.query(
      `SELECT ${VERSION_SUMMARY_COLUMNS} FROM sales_order_version
        WHERE order_id = $1
        ORDER BY version`,
      [orderId],
    );
  }
}
