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
      const waiting = await reader.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
      );
      if (waiting.rows[0].n > 0) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(purged).toBe(false);
    await loader.query('COMMIT');
    await purging;
    const left = await reader.query('SELECT count(*)::int AS n FROM raw.plays WHERE account_id = $1', [accountId]);
    expect(left.rows[0].n).toBe(0);
  });

  it("serialises two loads of one account (a poll and an import see each other's plays)", async () => {
    const [first, second, reader] = [await connect(), await connect(), await connect()];
    const { rows } = await reader.query(`INSERT INTO auth.accounts (spotify_user_id) VALUES ('twice') RETURNING id`);
    const accountId = rows[0].id;
    await first.query('BEGIN');
    await lockAccountForLoad(first, accountId);
    await second.query('BEGIN');
    let secondLocked = false;
    const secondLock = lockAccountForLoad(second, accountId).then(() => (secondLocked = true));
    await first.query(
      `INSERT INTO raw.plays (account_id, played_at, track_id, source) VALUES ($1, '2026-11-20T08:00:00.400Z', 't1', 'poll')`,
      [accountId],
    );
    for (;;) {
      const waiting = await reader.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
      );
      if (waiting.rows[0].n > 0) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(secondLocked).toBe(false);
    await first.query('COMMIT');
    await secondLock;
    // Now the second load sees the first one's play when it looks for duplicates.
    const seen = await second.query(`SELECT count(*)::int AS n FROM raw.plays WHERE account_id = $1 AND track_id = 't1'`, [accountId]);
    expect(seen.rows[0].n).toBe(1);
    await second.query('COMMIT');
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
