import { randomBytes } from 'node:crypto';

/**
 * A short random name for one test run's databases, subjects and streams, so runs never see
 * each other's data on the shared PostgreSQL and NATS servers.
 */
export function uniqueRunName(prefix = 't'): string {
  return `${prefix}${randomBytes(4).toString('hex')}`;
}

export const POSTGRES_BASE_URL =
  process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

/** Returns a database URL for `name`; the service creates the database on start. */
export function testDatabaseUrl(name: string): string {
  return `${POSTGRES_BASE_URL}/${name}`;
}
