import { enableServiceRoles, SERVICE_ROLES, ServiceRoleName } from '@rewind/db';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from './database';

/** Runs `sql` as `url`'s user; resolves to the SQLSTATE of the failure, or 'ok'. */
async function attempt(url: string, sql: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  } finally {
    await client.end();
  }
}

const DENIED = '42501';

describe('service roles (least privilege)', () => {
  let db: TestDatabase;
  let urls: Record<ServiceRoleName, string>;
  const account = '11111111-1111-4111-8111-111111111111';

  beforeAll(async () => {
    db = await createTestDatabase();
    const passwords = Object.fromEntries(Object.keys(SERVICE_ROLES).map((s) => [s, randomBytes(12).toString('hex')])) as Record<
      ServiceRoleName,
      string
    >;
    urls = (await enableServiceRoles(db.url, passwords))!;
    expect(urls).not.toBeNull();
    await attempt(db.url, `INSERT INTO auth.accounts (id, spotify_user_id) VALUES ('${account}', 'roles-test')`);
    // as the only role that builds marts would
    expect(await attempt(urls.transform, `CREATE TABLE marts.roles_probe (account_id uuid, n int)`)).toBe('ok');
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('ingest-service writes raw.* but cannot write auth.*', async () => {
    expect(await attempt(urls.ingest, `SELECT id FROM auth.accounts`)).toBe('ok');
    expect(await attempt(urls.ingest, `SELECT auth.lock_account_for_load('${account}')`)).toBe('ok');
    expect(await attempt(urls.ingest, `SELECT 1 FROM auth.accounts FOR KEY SHARE`)).toBe(DENIED);
    expect(await attempt(urls.stats, `SELECT auth.lock_account_for_load('${account}')`)).toBe(DENIED);
    expect(await attempt(urls.ingest, `INSERT INTO raw.plays (account_id, played_at, source) VALUES ('${account}', now(), 'api')`)).toBe(
      'ok',
    );
    expect(await attempt(urls.ingest, `INSERT INTO raw.transform_requests (source) VALUES ('ingest')`)).toBe('ok');
    expect(await attempt(urls.ingest, `INSERT INTO auth.accounts (spotify_user_id) VALUES ('intruder')`)).toBe(DENIED);
    expect(await attempt(urls.ingest, `UPDATE auth.accounts SET label = 'x'`)).toBe(DENIED);
    expect(await attempt(urls.ingest, `DELETE FROM auth.accounts`)).toBe(DENIED);
    expect(await attempt(urls.ingest, `SELECT * FROM auth.account_tokens`)).toBe(DENIED);
    expect(await attempt(urls.ingest, `INSERT INTO transform.runs (status) VALUES ('queued')`)).toBe(DENIED);
  });

  it('stats-api reads what it serves and cannot write anything', async () => {
    for (const table of ['raw.plays', 'auth.accounts', 'transform.runs', 'marts.roles_probe'])
      expect(await attempt(urls.stats, `SELECT * FROM ${table} LIMIT 1`)).toBe('ok');
    expect(await attempt(urls.stats, `SELECT * FROM auth.account_tokens`)).toBe(DENIED);
    for (const sql of [
      `INSERT INTO raw.plays (account_id, played_at, source) VALUES ('${account}', now(), 'api')`,
      `DELETE FROM raw.plays`,
      `UPDATE auth.accounts SET label = 'x'`,
      `INSERT INTO transform.runs (status) VALUES ('queued')`,
      `INSERT INTO marts.roles_probe VALUES ('${account}', 1)`,
      `CREATE TABLE marts.intruder (x int)`,
      `CREATE TABLE raw.intruder (x int)`,
      `CREATE TABLE public.intruder (x int)`,
    ])
      expect([sql, await attempt(urls.stats, sql)]).toEqual([sql, DENIED]);
  });

  it('transform-service builds marts and writes transform.*, reads raw.* without writing it', async () => {
    expect(await attempt(urls.transform, `CREATE TABLE marts.roles_built AS SELECT 1 AS n`)).toBe('ok');
    expect(await attempt(urls.transform, `DROP TABLE marts.roles_probe`)).toBe('ok');
    expect(await attempt(urls.transform, `INSERT INTO transform.runs (status) VALUES ('queued')`)).toBe('ok');
    expect(await attempt(urls.transform, `INSERT INTO raw.plays (account_id, played_at, source) VALUES ('${account}', now(), 'api')`)).toBe(
      DENIED,
    );
    expect(await attempt(urls.transform, `UPDATE auth.accounts SET label = 'x'`)).toBe(DENIED);
    // what it builds stays readable by stats-api and purgeable by auth-service
    expect(await attempt(urls.stats, `SELECT n FROM marts.roles_built`)).toBe('ok');
    expect(await attempt(urls.auth, `DELETE FROM marts.roles_built WHERE n = 0`)).toBe('ok');
  });

  it('auth-service writes auth.* and may only delete listening data (purge), never add to it', async () => {
    expect(await attempt(urls.auth, `UPDATE auth.accounts SET label = 'renamed' WHERE id = '${account}'`)).toBe('ok');
    expect(await attempt(urls.auth, `DELETE FROM raw.plays WHERE account_id = '${account}'`)).toBe('ok');
    expect(await attempt(urls.auth, `INSERT INTO raw.transform_requests (source, account_id) VALUES ('time_zone', '${account}')`)).toBe(
      'ok',
    );
    expect(await attempt(urls.auth, `INSERT INTO raw.plays (account_id, played_at, source) VALUES ('${account}', now(), 'api')`)).toBe(
      DENIED,
    );
    expect(await attempt(urls.auth, `INSERT INTO transform.runs (status) VALUES ('queued')`)).toBe(DENIED);
  });
});
