import { createTestDatabase, TestDatabase } from '@rewind/testing';
import { Client } from 'pg';
import { AccountGoneError, lockAccountForLoad } from './account-lock';

/** A load racing a delete-with-purge never leaves orphaned plays behind. */
describe('lockAccountForLoad', () => {
  let database: TestDatabase;
  const clients: Client[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    for (const c of clients) await c.end().catch(() => undefined);
    await database?.drop();
  });

  async function connect(): Promise<Client> {
    const c = new Client({ connectionString: database.url });
    await c.connect();
    clients.push(c);
    return c;
  }

  /** What auth-service's delete with purge does: lock the account, delete its data, then it. */
  async function purge(c: Client, accountId: string): Promise<void> {
    await c.query('BEGIN');
    await c.query('SELECT id FROM auth.accounts WHERE id = $1 FOR UPDATE', [accountId]);
    await c.query('DELETE FROM raw.plays WHERE account_id = $1', [accountId]);
    await c.query('DELETE FROM auth.accounts WHERE id = $1', [accountId]);
    await c.query('COMMIT');
  }

  it('makes a purge that starts during a load wait for it, then remove what it stored', async () => {
    const [loader, purger, reader] = [await connect(), await connect(), await connect()];
    const { rows } = await reader.query(`INSERT INTO auth.accounts (spotify_user_id) VALUES ('racer') RETURNING id`);
    const accountId = rows[0].id;

    await loader.query('BEGIN');
    await lockAccountForLoad(loader, accountId);
    let purged = false;
    const purging = purge(purger, accountId).then(() => (purged = true));
    await loader.query(`INSERT INTO raw.plays (account_id, played_at, source) VALUES ($1, now(), 'poll')`, [accountId]);
    // The purge is queued behind the load's lock (visible in pg_locks), not done.
    for (;;) {
      const waiting = await reader.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`);
      if (waiting.rows[0].n > 0) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(purged).toBe(false);
    await loader.query('COMMIT');
    await purging;
    const left = await reader.query('SELECT count(*)::int AS n FROM raw.plays WHERE account_id = $1', [accountId]);
    expect(left.rows[0].n).toBe(0);
  });

  it('refuses to load for an account deleted before the load', async () => {
    const [loader, reader] = [await connect(), await connect()];
    const { rows } = await reader.query(`INSERT INTO auth.accounts (spotify_user_id) VALUES ('gone') RETURNING id`);
    await purge(reader, rows[0].id);
    await loader.query('BEGIN');
    await expect(lockAccountForLoad(loader, rows[0].id)).rejects.toBeInstanceOf(AccountGoneError);
    await loader.query('ROLLBACK');
  });
});
