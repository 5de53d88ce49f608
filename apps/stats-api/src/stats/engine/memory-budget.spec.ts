import { INestApplication } from '@nestjs/common';
import { Pool } from 'pg';
import request from 'supertest';
import { baseTestEnv, createServiceTestApp, createTestDatabase, TestDatabase } from '@rewind/testing';
import { AppModule } from '../../app.module';
import { SERVICE } from '../../service';
import { behaviourFromSql } from '../../testing/behaviour-oracle';
import { buildMarts } from '../../testing/build-marts';
import { loadWorld, Oracle } from '../../testing/oracle';
import { SeedAccount, seedRandomHistory } from '../../testing/seed';

/** STATS_MEMORY_INDEX_MAX_ROWS: past it, accounts are dropped (least recently used) or read per answer, never answered wrongly. */
describe('stats engine memory budget', () => {
  let db: TestDatabase;
  let pool: Pool;
  let accounts: SeedAccount[];
  let oracle: Oracle;
  const apps: INestApplication[] = [];

  const start = async (maxPlays: number) => {
    const app = await createServiceTestApp(
      AppModule.forRoot({
        ...baseTestEnv(db.url),
        PORT: 0,
        STATS_CACHE_ENTRIES: 0,
        LOG_LEVEL: 'error',
        STATS_MEMORY_INDEX_MAX_ROWS: maxPlays,
      }),
      SERVICE,
    );
    apps.push(app);
    return app;
  };

  /** Every route of each account, in its zone and another, equals the oracle; returns the sources that answered. */
  const expectOracleAnswers = async (app: INestApplication) => {
    const sources = new Set<string>();
    for (const account of accounts) {
      for (const tz of [account.timeZone ?? 'UTC', 'Asia/Kathmandu']) {
        const range = { from: Date.parse('2024-03-05T00:00:00Z'), to: null, tz };
        const query = { accountId: account.id, tz, from: '2024-03-05T00:00:00Z', limit: '20' };
        const get = async (route: string, extra: Record<string, string> = {}) => {
          const res = await request(app.getHttpServer())
            .get(`/api/stats/${route}`)
            .query({ ...query, ...extra });
          expect(res.status).toBe(200);
          sources.add(res.headers['x-rewind-stats-source']);
          return res.body;
        };
        expect(await get('summary')).toEqual(oracle.summary(account.id, range));
        expect(await get('top-artists')).toEqual(oracle.topArtists(account.id, range, 'plays', 20));
        expect(await get('top-tracks', { by: 'minutes' })).toEqual(oracle.topTracks(account.id, range, 'minutes', 20));
        expect(await get('activity', { bucket: 'week' })).toEqual(oracle.activity(account.id, range, 'week'));
        expect(await get('heatmap')).toEqual(oracle.heatmap(account.id, range));
        expect(await get('sessions')).toEqual(oracle.sessions(account.id, range, 20));
        expect(await get('recent')).toEqual(oracle.recent(account.id, range, 20));
        // behaviour takes no limit; all time, so the oracle's bounds need no parsing.
        const behaviour = await request(app.getHttpServer()).get('/api/stats/behaviour').query({ accountId: account.id, tz }).expect(200);
        sources.add(behaviour.headers['x-rewind-stats-source']);
        expect(behaviour.body).toEqual(await behaviourFromSql(pool, { accountId: account.id, from: null, to: null, tz, entity: null }));
      }
    }
    return sources;
  };
  const readiness = async (app: INestApplication) => (await request(app.getHttpServer()).get('/health/ready').expect(200)).body;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new Pool({ connectionString: db.url, max: 2 });
    accounts = await seedRandomHistory(pool, 5, ['Europe/Berlin', 'America/New_York'], 300);
    await buildMarts(pool);
    oracle = new Oracle(await loadWorld(pool));
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await pool?.end();
    await db?.drop();
  });

  it('holds what fits and drops the least recently used account for another: answers stay exact, health is not degraded', async () => {
    const app = await start(450);
    expect(await expectOracleAnswers(app)).toEqual(new Set(['memory']));
    expect((await readiness(app)).details.statsMemory).toEqual({ status: 'up', heldPlays: expect.any(Number), budgetPlays: 450 });
    expect((await readiness(app)).details.statsMemory.heldPlays).toBeLessThanOrEqual(450);
  });

  it('reads an account over the budget for each answer (exact, slower) and says so in /health/ready', async () => {
    const app = await start(100);
    expect(await expectOracleAnswers(app)).toEqual(new Set(['transient']));
    const detail = (await readiness(app)).details.statsMemory;
    expect(detail).toMatchObject({ status: 'up', degraded: true, heldPlays: 0, budgetPlays: 100 });
    expect(detail.accounts.map((a: { accountId: string }) => a.accountId).sort()).toEqual(accounts.map((a) => a.id).sort());
    expect(detail.reason).toMatch(/STATS_MEMORY_INDEX_MAX_ROWS \(100\)/);
  });
});
