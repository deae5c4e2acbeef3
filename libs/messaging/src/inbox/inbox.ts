import { valuesList } from '@retail-sync/persistence';
import type { EntityManager } from 'typeorm';

/**
 * Records message ids as processed by `consumer` inside the caller's transaction and returns the
 * ids that were new. A redelivered message finds its id already there and is skipped, so it has
 * no second effect. A rolled-back transaction takes its inbox rows with it.
 */
export async function claimInboxIds(
  manager: EntityManager,
  consumer: string,
  messageIds: string[],
): Promise<Set<string>> {
  if (messageIds.length === 0) {
    return new Set();
  }

  // Sorted, so two transactions claiming overlapping ids take the index entries in one order.
  const unique = [...new Set(messageIds)].sort();
  const rows: { message_id: string }[] = await manager.query(
    `INSERT INTO inbox_message (consumer, message_id)
     VALUES ${valuesList(unique.length, 2)}
     ON CONFLICT DO NOTHING
     RETURNING message_id`,
    unique.flatMap((id) => [consumer, id]),
  );

  return new Set(rows.map((row) => row.message_id));
}
