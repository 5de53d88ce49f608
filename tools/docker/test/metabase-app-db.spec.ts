import { testServerUrl, withDatabase } from '@rewind/testing';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { root } from './compose-config';

// tools/docker/metabase-app-db.sh against a real PostgreSQL, as docker compose runs it: PG* name
// the superuser, the script makes Metabase's own login and database.
const server = new URL(testServerUrl());
const suffix = randomBytes(4).toString('hex');
const role = `metabase_app_${suffix}`;
const database = `metabase_${suffix}`;
const password = "app/pw@x#y%z'q";

function runScript(): string {
  return execFileSync('sh', [path.join(root, 'tools/docker/metabase-app-db.sh')], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      PGHOST: server.hostname,
      PGPORT: server.port,
      PGUSER: decodeURIComponent(server.username),
      PGPASSWORD: decodeURIComponent(server.password),
      PGDATABASE: 'postgres',
      METABASE_APP_DB_USER: role,
      METABASE_APP_DB_NAME: database,
      METABASE_APP_DB_PASSWORD: password,
    },
  });
}

async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

const admin = withDatabase(testServerUrl(), 'postgres');

describe('tools/docker/metabase-app-db.sh', () => {
  afterAll(async () => {
    await query(admin, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await query(admin, `DROP ROLE IF EXISTS "${role}"`);
  });

  it('hands a database the superuser created (older stacks) over to a login that is nothing more', async () => {
    await query(admin, `CREATE DATABASE "${database}"`);
    await query(
      withDatabase(testServerUrl(), database),
      'CREATE TABLE setting (id serial PRIMARY KEY, value text); CREATE VIEW v AS SELECT 1',
    );
    expect(runScript()).toContain(`role ${role} owns database ${database}`);
    expect(runScript()).toContain(`role ${role} owns database ${database}`); // every `up` runs it again

    const [login] = await query<Record<string, boolean>>(
      admin,
      'SELECT rolcanlogin, rolsuper, rolcreatedb, rolcreaterole, rolbypassrls FROM pg_roles WHERE rolname = $1',
      [role],
    );
    expect(login).toEqual({ rolcanlogin: true, rolsuper: false, rolcreatedb: false, rolcreaterole: false, rolbypassrls: false });
    const owners = await query<{ relname: string; owner: string }>(
      withDatabase(testServerUrl(), database),
      `SELECT relname, pg_get_userbyid(relowner) AS owner FROM pg_class WHERE relnamespace = 'public'::regnamespace ORDER BY relname`,
    );
    expect(owners.map((o) => o.owner)).toEqual(owners.map(() => role));
    expect(owners.map((o) => o.relname)).toEqual(['setting', 'setting_id_seq', 'setting_pkey', 'v']);

    // Metabase logs in with the password as given (no URL encoding anywhere) and can migrate its schema.
    const asMetabase = new Client({ host: server.hostname, port: Number(server.port), user: role, password, database });
    await asMetabase.connect();
    try {
      await asMetabase.query('ALTER TABLE setting ADD COLUMN updated_at timestamptz');
      await expect(asMetabase.query('CREATE DATABASE not_allowed')).rejects.toThrow(/permission denied/);
    } finally {
      await asMetabase.end();
    }
  });
});
