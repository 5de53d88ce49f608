import { INestApplication } from '@nestjs/common';
import { Pool } from 'pg';
import request from 'supertest';
import { baseTestEnv, createServiceTestApp, createTestDatabase, TestDatabase } from '@rewind/testing';
import { AppModule } from '../../app.module';
import { SERVICE } from '../../service';
import { LookupCache } from '../lookup-cache';
import { buildMarts } from '../../testing/build-marts';
import { SeedAccount, seedRandomHistory } from '../../testing/seed';
import { loadDayIndex } from './day-index.loader';

/** How the day indexes follow the marts: built in the background, replaced after a run, kept within the row budget. */
describe('stats-api day index store', () => {
  let db: TestDatabase;
  let pool: Pool;
  let accounts: SeedAccount[];
  const apps: INestApplication[] = [];

  const start = async (env: Record<string, unknown>) => {
    const app = await createServiceTestApp(
      AppModule.forRoot({ ...baseTestEnv(db.url), PORT: 0, STATS_CACHE_ENTRIES: 0, LOG_LEVEL: 'error', ...env }),
      SERVICE,
    );
    apps.push(app);
    return app;
  };
  const sourceOf = async (app: INestApplication, account: SeedAccount, route = 'summary') => {
    const res = await request(app.getHttpServer()).get(`/api/stats/${route}`).query({ accountId: account.id, from: '2024-02-03T10:00:00' });
    expect(res.status).toBe(200);
    return { source: res.headers['x-rewind-stats-source'] as string, body: res.body };
  };
  const eventuallyMemory = async (app: INestApplication, account: SeedAccount) => {
    for (let i = 0; i < 100; i++) {
      const { source } = await sourceOf(app, account);
      if (source === 'memory') return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the day index was never used');
  };
  const rowsOf = async (account: SeedAccount) => {
    const client = await pool.connect();
    try {
      return (await loadDayIndex(client, account.id, Number.MAX_SAFE_INTEGER)).rows;
    } finally {
      client.release();
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new Pool({ connectionString: db.url, max: 2 });
    accounts = await seedRandomHistory(pool, 7, ['Europe/Berlin', 'UTC'], 300);
    await buildMarts(pool);
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await pool?.end();
    await db?.drop();
  });

  it('answers from SQL while the index builds in the background, then from memory with the same answer', async () => {
    const app = await start({ STATS_MEMORY_INDEX: 'background' });
    const first = await sourceOf(app, accounts[0]);
    expect(first.source).toBe('sql');
    await eventuallyMemory(app, accounts[0]);
    expect((await sourceOf(app, accounts[0])).body).toEqual(first.body);
  });

  it('stops using an index once another transform run has finished, and rebuilds it', async () => {
    const app = await start({ STATS_MEMORY_INDEX: 'background' });
    await eventuallyMemory(app, accounts[0]);
    await pool.query(
      `insert into transform.runs (status, trigger, requested_at, started_at, finished_at) values ('succeeded', 'manual', now(), now(), now())`,
    );
    await app.get(LookupCache).sync();
    expect((await sourceOf(app, accounts[0])).source).toBe('sql');
    await eventuallyMemory(app, accounts[0]);
  });

  it('keeps accounts past the row budget on SQL, and drops the least recently used index when another needs the room', async () => {
    const [a, b] = await Promise.all([rowsOf(accounts[0]), rowsOf(accounts[1])]);
    const tooSmall = await start({ STATS_MEMORY_INDEX: 'blocking', STATS_MEMORY_INDEX_MAX_ROWS: Math.min(a, b) - 1 });
    expect((await sourceOf(tooSmall, accounts[0])).source).toBe('sql');
    expect((await sourceOf(tooSmall, accounts[0])).source).toBe('sql');

    const oneFits = await start({ STATS_MEMORY_INDEX: 'blocking', STATS_MEMORY_INDEX_MAX_ROWS: Math.max(a, b) });
    expect((await sourceOf(oneFits, accounts[0])).source).toBe('memory');
    expect((await sourceOf(oneFits, accounts[1])).source).toBe('memory');
    expect((await sourceOf(oneFits, accounts[1], 'top-tracks')).source).toBe('memory');
    // accounts[0] was evicted for accounts[1]: it is rebuilt on demand (and evicts accounts[1] in turn).
    expect((await sourceOf(oneFits, accounts[0])).source).toBe('memory');
  });

  it('never builds an index when it is off', async () => {
    const app = await start({ STATS_MEMORY_INDEX: 'off' });
    for (let i = 0; i < 3; i++) expect((await sourceOf(app, accounts[0])).source).toBe('sql');
  });
});
