import { INestApplication } from '@nestjs/common';
import { Pool } from 'pg';
import { baseTestEnv, createServiceTestApp, createTestDatabase, TestDatabase } from '@rewind/testing';
import { AppModule } from '../app.module';
import { SERVICE } from '../service';
import { buildMarts } from '../testing/build-marts';
import { LookupCache } from './lookup-cache';
import { MARTS_VERSION_SQL, StatsRepository } from './stats.repository';

/** The remembered account lookups against a real PostgreSQL: kept until a trigger's NOTIFY is heard, never without LISTEN. */
describe('stats-api lookup cache', () => {
  let db: TestDatabase;
  let pool: Pool;
  let app: INestApplication;
  let cache: LookupCache;
  let queries: jest.SpyInstance;
  let account: string;

  const finishRun = () =>
    pool.query(
      `insert into transform.runs (status, trigger, requested_at, started_at, finished_at) values ('succeeded', 'manual', now(), now(), clock_timestamp())`,
    );
  const version = async () => (await pool.query<{ v: string }>(`select (${MARTS_VERSION_SQL}) as v`)).rows[0].v;
  const queried = async (fn: () => Promise<unknown>) => {
    const before = queries.mock.calls.length;
    await fn();
    return queries.mock.calls.length - before;
  };
  const listenerDown = async () => {
    await pool.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'stats-api-listen' and datname = current_database()`,
    );
    for (let i = 0; i < 100 && cache.listening; i++) await new Promise((r) => setTimeout(r, 20));
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new Pool({ connectionString: db.url, max: 2 });
    account = (await pool.query(`insert into auth.accounts (spotify_user_id, time_zone) values ('one', 'Europe/Berlin') returning id`))
      .rows[0].id;
    await buildMarts(pool);
    app = await createServiceTestApp(AppModule.forRoot({ ...baseTestEnv(db.url), PORT: 0, LOG_LEVEL: 'error' }), SERVICE);
    cache = app.get(LookupCache);
    queries = jest.spyOn(app.get(StatsRepository), 'lookup');
  });

  afterAll(async () => {
    await app?.close();
    await pool?.end();
    await db?.drop();
  });

  it('asks the database once per account, then answers from memory', async () => {
    expect(cache.listening).toBe(true);
    expect(await queried(() => cache.lookup(account))).toBe(1);
    expect(await queried(() => cache.lookup(account))).toBe(0);
    expect(await queried(() => cache.lookup(null))).toBe(1);
    expect(await queried(() => cache.lookup(null))).toBe(0);
    expect((await cache.lookup(null)).accounts.map((a) => a.id)).toEqual([account]);
  });

  it('forgets on a finished transform run, a new account and a changed time zone', async () => {
    await cache.lookup(account);
    await finishRun();
    await cache.sync();
    expect((await cache.lookup(account)).version).toBe(await version());

    const other = (await pool.query(`insert into auth.accounts (spotify_user_id) values ('two') returning id`)).rows[0].id;
    await cache.sync();
    expect((await cache.lookup(null)).accounts.map((a) => a.id).sort()).toEqual([account, other].sort());

    await pool.query(`update auth.accounts set time_zone = 'Asia/Tokyo' where id = $1`, [account]);
    await cache.sync();
    expect((await cache.lookup(account)).accounts[0].timeZone).toBe('Asia/Tokyo');

    await pool.query(`delete from auth.accounts where id = $1`, [other]);
    await cache.sync();
    expect((await cache.lookup(null)).accounts.map((a) => a.id)).toEqual([account]);
  });

  it('keeps remembering through writes that do not change a lookup (tokens, plays)', async () => {
    await cache.lookup(account);
    await pool.query(`update auth.accounts set updated_at = now() where id = $1`, [account]);
    await pool.query(
      `insert into raw.plays (account_id, played_at, track_name, artist_name, ms_played, source) values ($1, now(), 'T', 'A', 1000, 'account_data')`,
      [account],
    );
    await cache.sync();
    expect(await queried(() => cache.lookup(account))).toBe(0);
  });

  it('does not remember unknown accounts', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await cache.lookup(unknown)).accounts).toEqual([]);
    expect(await queried(() => cache.lookup(unknown))).toBe(1);
  });

  it('does not keep an answer read before a change it heard of while reading', async () => {
    await finishRun();
    await cache.sync();
    const original = queries.getMockImplementation() ?? StatsRepository.prototype.lookup;
    const repo = app.get(StatsRepository);
    queries.mockImplementationOnce(async (id: string | null) => {
      const read = await original.call(repo, id);
      await finishRun();
      await cache.sync();
      return read;
    });
    const stale = await cache.lookup(account);
    expect(stale.version).not.toBe(await version());
    expect((await cache.lookup(account)).version).toBe(await version());
  });

  it('asks the database on every lookup while the LISTEN connection is down, and remembers again once it is back', async () => {
    await listenerDown();
    expect(cache.listening).toBe(false);
    expect(await queried(() => cache.lookup(account))).toBe(1);
    await finishRun();
    // Unheard (nobody listens), and still seen at once.
    expect((await cache.lookup(account)).version).toBe(await version());
    expect(await queried(() => cache.lookup(account))).toBe(1);

    for (let i = 0; i < 150 && !cache.listening; i++) await new Promise((r) => setTimeout(r, 20));
    expect(cache.listening).toBe(true);
    expect(await queried(() => cache.lookup(account))).toBe(1);
    expect(await queried(() => cache.lookup(account))).toBe(0);
  });
});
