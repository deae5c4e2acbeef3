import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { WebhookDelivery, WebhookDeliveryMetadata } from './webhook-delivery.js';

const METADATA_COLUMNS = `
  id, channel, shop_id AS "shopId", topic, webhook_id AS "webhookId", event_id AS "eventId",
  body_sha256 AS "bodySha256", headers, received_at AS "receivedAt",
  triggered_at AS "triggeredAt", status, order_external_id AS "orderExternalId",
  trace_id AS "traceId"`;

/** Reads and writes `webhook_delivery` rows with plain SQL. */
@Injectable()
export class WebhookDeliveryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts the delivery unless one with the same shop and webhook id, or the same shop and event
   * id, exists. Returns false for such a duplicate. A concurrent insert of the same keys waits
   * for the other transaction and then inserts nothing, so two racing copies store one row.
   */
  async insertIfNew(manager: EntityManager, delivery: WebhookDelivery): Promise<boolean> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO webhook_delivery
         (id, channel, shop_id, topic, webhook_id, event_id, body_sha256, raw_body, headers,
          received_at, triggered_at, status, order_external_id, trace_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $13, $14)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [
        delivery.id,
        delivery.channel,
        delivery.shopId,
        delivery.topic,
        delivery.webhookId,
        delivery.eventId,
        delivery.bodySha256,
        delivery.rawBody,
        JSON.stringify(delivery.headers),
        delivery.receivedAt,
        delivery.triggeredAt,
        delivery.status,
        delivery.orderExternalId,
        delivery.traceId,
      ],
    );

    return rows.length === 1;
  }

  /** Finds the stored delivery that a new one duplicates, preferring a webhook id match. */
  async findDuplicateOf(
    manager: EntityManager,
    shopId: string,
    webhookId: string,
    eventId: string | null,
  ): Promise<WebhookDeliveryMetadata | null> {
    const rows: WebhookDeliveryMetadata[] = await manager.query(
      `SELECT ${METADATA_COLUMNS} FROM webhook_delivery
        WHERE shop_id = $1 AND (webhook_id = $2 OR ($3::text IS NOT NULL AND event_id = $3))
        ORDER BY (webhook_id = $2) DESC
        LIMIT 1`,
      [shopId, webhookId, eventId],
    );

    return rows[0] ?? null;
  }

  async findMetadata(id: string): Promise<WebhookDeliveryMetadata | null> {
    const rows: WebhookDeliveryMetadata[] = await this.dataSource.query(
      `SELECT ${METADATA_COLUMNS} FROM webhook_delivery WHERE id = $1`,
      [id],
    );

    return rows[0] ?? null;
  }

  async findWithBody(id: string): Promise<WebhookDelivery | null> {
    const rows: WebhookDelivery[] = await this.dataSource.query(
      `SELECT ${METADATA_COLUMNS}, raw_body AS "rawBody" FROM webhook_delivery WHERE id = $1`,
      [id],
    );

    return rows[0] ?? null;
  }

  /**
   * Moves a delivery from `exception` to `accepted`. Returns false when it was not in
   * `exception`, so that concurrent or repeated replays publish its order once.
   */
  async markAccepted(
    manager: EntityManager,
    id: string,
    orderExternalId: string,
  ): Promise<boolean> {
    const [rows]: [{ id: string }[], number] = await manager.query(
      `UPDATE webhook_delivery SET status = 'accepted', order_external_id = $2
        WHERE id = $1 AND status = 'exception'
        RETURNING id`,
      [id, orderExternalId],
    );

    return rows.length === 1;
  }
}
