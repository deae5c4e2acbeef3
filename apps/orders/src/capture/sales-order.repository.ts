import { Injectable } from '@nestjs/common';
import type { CanonicalOrder } from '@retail-sync/contracts';
import type { EntityManager } from 'typeorm';
import type { OrderStatus, StoredOrderState } from './capture-decision.js';

export interface OrderKeyParts {
  channel: string;
  shopId: string;
  externalId: string;
}

export interface LockedOrder extends StoredOrderState {
  id: string;
}

/** One accepted version of an order, as both tables store it. */
export interface OrderVersionRow {
  version: number;
  sourceUpdatedAt: string;
  status: OrderStatus;
  document: CanonicalOrder;
  deliveryId: string;
  topic: string;
  traceId: string | undefined;
}

/** Writes orders and their versions inside the caller's transaction. */
@Injectable()
export class SalesOrderRepository {
  /** Reads the order and locks its row until the transaction ends. Returns undefined when absent. */
  async lockByKey(manager: EntityManager, key: OrderKeyParts): Promise<LockedOrder | undefined> {
    const rows: { id: string; version: number; sourceUpdatedAt: Date; status: OrderStatus }[] =
      await manager.query(
        `SELECT id, version, source_updated_at AS "sourceUpdatedAt", status
           FROM sales_order
          WHERE channel = $1 AND shop_id = $2 AND external_id = $3
          FOR UPDATE`,
        [key.channel, key.shopId, key.externalId],
      );
    const row = rows.at(0);
    if (row === undefined) {
      return undefined;
    }

    return { ...row, sourceUpdatedAt: row.sourceUpdatedAt.toISOString() };
  }

  /** Returns the current canonical document of an order, inside the caller's transaction. */
  async findDocument(manager: EntityManager, orderId: string): Promise<CanonicalOrder | undefined> {
    const rows: { document: CanonicalOrder }[] = await manager.query(
      'SELECT document FROM sales_order WHERE id = $1',
      [orderId],
    );

    return rows.at(0)?.document;
  }

  /**
   * Inserts the first version of an order and returns its id, or undefined when another
   * transaction has inserted the same order. PostgreSQL waits for that transaction to end first.
   */
  async insertIfAbsent(
    manager: EntityManager,
    key: OrderKeyParts,
    row: OrderVersionRow,
  ): Promise<string | undefined> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO sales_order
         (channel, shop_id, external_id, version, source_updated_at, status, document,
          last_delivery_id, trace_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9)
       ON CONFLICT ON CONSTRAINT sales_order_key DO NOTHING
       RETURNING id`,
      [
        key.channel,
        key.shopId,
        key.externalId,
        row.version,
        row.sourceUpdatedAt,
        row.status,
        JSON.stringify(row.document),
        row.deliveryId,
        row.traceId ?? null,
      ],
    );

    return rows.at(0)?.id;
  }

  /** Makes `row` the current version of a locked order. */
  async updateCurrent(
    manager: EntityManager,
    orderId: string,
    row: OrderVersionRow,
  ): Promise<void> {
    await manager.query(
      `UPDATE sales_order
          SET version = $2, source_updated_at = $3, status = $4, document = $5::jsonb,
              last_delivery_id = $6, trace_id = $7, updated_at = now()
        WHERE id = $1`,
      [
        orderId,
        row.version,
        row.sourceUpdatedAt,
        row.status,
        JSON.stringify(row.document),
        row.deliveryId,
        row.traceId ?? null,
      ],
    );
  }

  async insertVersion(
    manager: EntityManager,
    orderId: string,
    row: OrderVersionRow,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO sales_order_version
         (order_id, version, source_updated_at, delivery_id, topic, document, trace_id)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)`,
      [
        orderId,
        row.version,
        row.sourceUpdatedAt,
        row.deliveryId,
        row.topic,
        JSON.stringify(row.document),
        row.traceId ?? null,
      ],
    );
  }
}
