import type { EntityManager } from 'typeorm';

/**
 * Takes a transaction-scoped advisory lock for each distinct CloudEvents `subject` of a batch
 * (the aggregate id, such as an order id), in ascending code-point order. Two batches of one
 * service that share orders then wait on the first shared order instead of deadlocking on the
 * locks their handlers take in message order. Handler locks on the same orders follow without
 * waiting, because no other batch of the service with those subjects can hold them. Messages
 * without a subject take no lock here, so their handlers' locks can still meet in any order.
 */
export async function lockSubjects(
  manager: EntityManager,
  serviceName: string,
  subjects: (string | undefined)[],
): Promise<void> {
  const sorted = [...new Set(subjects.filter((subject) => subject !== undefined))].sort(
    compareCodePoints,
  );
  if (sorted.length === 0) {
    return;
  }

  // The ordinality keeps the lock order the one sorted here, whatever the database collation.
  await manager.query(
    `SELECT count(pg_advisory_xact_lock(hashtextextended($1 || ':' || locked.subject, 0)))
       FROM (SELECT subject, position
               FROM unnest($2::text[]) WITH ORDINALITY AS item(subject, position)
              ORDER BY position) AS locked`,
    [`batch:${serviceName}`, sorted],
  );
}

function compareCodePoints(left: string, right: string): number {
  if (left === right) {
    return 0;
  }

  return left < right ? -1 : 1;
}
