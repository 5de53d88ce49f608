import { Client } from 'pg';

/** The role created (NOLOGIN) by migration 1764700000000-metabase-readonly-role. */
export const DEFAULT_METABASE_ROLE = 'rewind_metabase';

/**
 * Gives the read-only role its password and LOGIN (a migration cannot hold secrets). Runs as the
 * admin connection of DATABASE_URL. The password is sent as a literal of one ALTER ROLE
 * statement (utility statements take no bind parameters) and never logged.
 */
export async function enableRoleLogin(databaseUrl: string, password: string, role = DEFAULT_METABASE_ROLE): Promise<void> {
  if (!password) throw new Error('METABASE_DB_PASSWORD is empty: set a password for the read-only role');
  const client = new Client({ connectionString: databaseUrl, application_name: 'rewind-metabase-role' });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    if (!exists.rowCount) {
      throw new Error(`role "${role}" does not exist: run the migrations first (npm run db:migrate), which create it`);
    }
    await client.query(`ALTER ROLE ${client.escapeIdentifier(role)} LOGIN PASSWORD ${client.escapeLiteral(password)}`);
  } finally {
    await client.end();
  }
}
