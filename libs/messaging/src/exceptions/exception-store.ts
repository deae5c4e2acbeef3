import type { DataSource, EntityManager } from 'typeorm';
import type {
  ExceptionInput,
  ExceptionRecord,
  ExceptionReplayAudit,
  ExceptionStatus,
} from './exception-record.js';

const RECORD_COLUMNS = `
  id, consumer, subject, message_id AS "messageId", envelope, raw_payload AS "rawPayload",
  trace_context AS "traceContext", error_class AS "errorClass", error_code AS "errorCode",
  error_message AS "errorMessage", attempts, trace_id AS "traceId", status,
  first_seen_at AS "firstSeenAt", last_seen_at AS "lastSeenAt", resolved_at AS "resolvedAt"`;

/** Reads and writes exception records and their replay audit in the service's database. */
export class ExceptionStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records a failed message, or updates the record when the same message failed before
   * (same consumer and message id), keeping the first-seen time and adding the attempts.
   */
  async record(
    input: ExceptionInput,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO exception_record
         (consumer, subject, message_id, envelope, raw_payload, trace_context, error_class,
          error_code, error_message, attempts, trace_id)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6::jsonb, $7, $8, $9, $10, $11)
       ON CONFLICT (consumer, message_id) DO UPDATE SET
         error_class = EXCLUDED.error_class,
         error_code = EXCLUDED.error_code,
         error_message = EXCLUDED.error_message,
         attempts = exception_record.attempts + EXCLUDED.attempts,
         last_seen_at = now(),
         status = 'open',
         resolved_at = NULL
       RETURNING id`,
      [
        input.consumer,
        input.subject,
        input.messageId,
        input.envelope === undefined ? null : JSON.stringify(input.envelope),
        input.rawPayload ?? null,
        JSON.stringify(input.traceContext ?? {}),
        input.errorClass,
        input.errorCode,
        input.errorMessage,
        input.attempts,
        input.traceId ?? null,
      ],
    );

    return rows[0].id;
  }

  async list(filter: {
    status?: ExceptionStatus;
    consumer?: string;
    limit: number;
    offset: number;
  }): Promise<ExceptionRecord[]> {
    return this.dataSource.query(
      `SELECT ${RECORD_COLUMNS} FROM exception_record
        WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR consumer = $2)
        ORDER BY last_seen_at DESC
        LIMIT $3 OFFSET $4`,
      [filter.status ?? null, filter.consumer ?? null, filter.limit, filter.offset],
    );
  }

  async get(id: string): Promise<ExceptionRecord | null> {
    const rows: ExceptionRecord[] = await this.dataSource.query(
      `SELECT ${RECORD_COLUMNS} FROM exception_record WHERE id = $1`,
      [id],
    );

    return rows[0] ?? null;
  }

  async countOpen(): Promise<number> {
    const rows: { count: string }[] = await this.dataSource.query(
      `SELECT count(*) AS count FROM exception_record WHERE status = 'open'`,
    );

    return Number(rows[0].count);
  }

  /** Moves an open record to `replaying`; returns null when it is not open, so replay runs once. */
  async claimForReplay(id: string): Promise<ExceptionRecord | null> {
    const rows: [ExceptionRecord[], number] = await this.dataSource.query(
      `UPDATE exception_record SET status = 'replaying'
        WHERE id = $1 AND status = 'open'
        RETURNING ${RECORD_COLUMNS}`,
      [id],
    );

    return rows[0][0] ?? null;
  }

  /** Stores a replay's outcome on the record and in the audit trail, in one transaction. */
  async completeReplay(
    id: string,
    actor: string,
    outcome: 'succeeded' | 'failed',
    detail: string | null,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (outcome === 'succeeded') {
        await manager.query(
          `UPDATE exception_record SET status = 'resolved', resolved_at = now() WHERE id = $1`,
          [id],
        );
      } else {
        await manager.query(
          `UPDATE exception_record
              SET status = 'open', attempts = attempts + 1, last_seen_at = now(),
                  error_message = coalesce($2, error_message)
            WHERE id = $1`,
          [id, detail],
        );
      }

      await this.audit(manager, id, actor, outcome, detail);
    });
  }

  /**
   * Marks an open record discarded: a person decided the message needs no processing (for
   * example a conflicting duplicate delivery). Returns false when the record was not open.
   */
  async discard(id: string, actor: string, reason: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const updated: [unknown[], number] = await manager.query(
        `UPDATE exception_record SET status = 'discarded', resolved_at = now()
          WHERE id = $1 AND status = 'open'`,
        [id],
      );
      if (updated[1] === 0) {
        return false;
      }

      await this.audit(manager, id, actor, 'discarded', reason);

      return true;
    });
  }

  async auditRejected(id: string, actor: string, detail: string): Promise<void> {
    await this.audit(this.dataSource.manager, id, actor, 'rejected', detail);
  }

  async replays(id: string): Promise<ExceptionReplayAudit[]> {
    return this.dataSource.query(
      `SELECT id, exception_id AS "exceptionId", actor, requested_at AS "requestedAt", outcome, detail
         FROM exception_replay WHERE exception_id = $1 ORDER BY id`,
      [id],
    );
  }

  private async audit(
    manager: EntityManager,
    id: string,
    actor: string,
    outcome: ExceptionReplayAudit['outcome'],
    detail: string | null,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO exception_replay (exception_id, actor, outcome, detail) VALUES ($1, $2, $3, $4)`,
      [id, actor, outcome, detail],
    );
  }
}
