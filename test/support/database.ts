import pg from 'pg';
import { POSTGRES_BASE_URL } from './test-names.js';

/** Runs one query against a test database and returns its rows. */
export async function queryDatabase<T = Record<string, unknown>>(
  database: string,
  sql: string,
  parameters: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: `${POSTGRES_BASE_URL}/${database}` });
  await client.connect();
  try {
    const result = await client.query(sql, parameters);

    return result.rows as T[];
  } finally {
    await client.end();
  }
}

/** Drops the named databases, ending their connections; missing ones are skipped. */
export async function dropDatabases(names: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: `${POSTGRES_BASE_URL}/postgres` });
  await client.connect();
  try {
    for (const name of names) {
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}
