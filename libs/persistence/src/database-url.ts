/** Splits a PostgreSQL URL into the database name and a URL for the server's maintenance database. */
export function parseDatabaseUrl(url: string): { database: string; maintenanceUrl: string } {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database)) {
    throw new RangeError(
      `Invalid database name "${database}" in the PostgreSQL URL: use lower-case letters, digits and _.`,
    );
  }

  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';

  return { database, maintenanceUrl: maintenance.toString() };
}
