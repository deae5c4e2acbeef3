import pg from 'pg';
import { parseDatabaseUrl } from './database-url.js';

/**
 * Creates the service's database when it does not exist yet, so a fresh machine needs no manual
 * step. Two services racing to create the same database is harmless: the loser gets 42P04.
 */
export async function ensureDatabase(url: string): Promise<void> {
  const { database, maintenanceUrl } = parseDatabaseUrl(url);
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${database}"`).catch((error: { code?: string }) => {
        if (error.code !== '42P04' && error.code !== '23505') {
          throw error;
        }
      });
    }
  } finally {
    await client.end();
  }
}

/** Drops a database, ending its open connections first; for test and benchmark clean-up. */
export async function dropDatabase(url: string): Promise<void> {
  const { database, maintenanceUrl } = parseDatabaseUrl(url);
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
