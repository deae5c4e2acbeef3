import { Injectable } from '@nestjs/common';
import type { TaxAssessment } from '@retail-sync/contracts';
import type { EntityManager } from 'typeorm';

/** One order version's assessment as stored, with the trace that produced it. */
export interface StoredAssessment {
  orderId: string;
  orderVersion: number;
  assessedAt: string;
  traceId?: string;
  assessment: TaxAssessment;
}

interface AssessmentRow {
  orderId: string;
  orderVersion: number;
  assessedAt: Date;
  traceId: string | null;
  assessment: TaxAssessment;
}

/** Reads and writes `order_tax_assessment`, one row per assessed order version. */
@Injectable()
export class OrderTaxAssessmentRepository {
  /**
   * Serialises the work on one order until the transaction ends, so that two versions of the
   * order handled at the same time (by the captured and updated consumers, or by two
   * instances) cannot both pass the version check.
   */
  async lockOrder(manager: EntityManager, orderId: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `tax.order:${orderId}`,
    ]);
  }

  async latestVersion(manager: EntityManager, orderId: string): Promise<number | undefined> {
    const rows: { version: number | null }[] = await manager.query(
      'SELECT max(order_version) AS version FROM order_tax_assessment WHERE order_id = $1',
      [orderId],
    );

    return rows[0].version ?? undefined;
  }

  async insert(
    manager: EntityManager,
    record: Omit<StoredAssessment, 'assessedAt'>,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO order_tax_assessment
         (order_id, order_version, assessment, rounding_mode, tolerance_minor, trace_id)
       VALUES ($1, $2, $3::jsonb, $4, $5, $6)`,
      [
        record.orderId,
        record.orderVersion,
        JSON.stringify(record.assessment),
        record.assessment.roundingMode,
        record.assessment.toleranceMinor,
        record.traceId ?? null,
      ],
    );
  }

  /** Returns the assessment of the order's highest assessed version, if any. */
  async findLatest(manager: EntityManager, orderId: string): Promise<StoredAssessment | undefined> {
    const rows: AssessmentRow[] = await manager.query(
      `SELECT order_id AS "orderId", order_version AS "orderVersion", assessed_at AS "assessedAt",
              trace_id AS "traceId", assessment
         FROM order_tax_assessment
        WHERE order_id = $1
        ORDER BY order_version DESC
        LIMIT 1`,
      [orderId],
    );
    if (rows.length === 0) {
      return undefined;
    }

    const row = rows[0];

    return {
      orderId: row.orderId,
      orderVersion: row.orderVersion,
      assessedAt: row.assessedAt.toISOString(),
      traceId: row.traceId ?? undefined,
      assessment: row.assessment,
    };
  }
}
