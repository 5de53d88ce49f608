import { INestApplication } from '@nestjs/common';
import { Pool } from 'pg';
import request from 'supertest';
import { TransformRunner } from '@rewind/models';
import { baseTestEnv, createServiceTestApp, createTestDatabase, TestDatabase } from '@rewind/testing';
import { AppModule } from '../app.module';
import { SERVICE } from '../service';
import { BehaviourAsk, behaviourFromSql } from '../testing/behaviour-oracle';
import { buildMarts } from '../testing/build-marts';
import { SeedAccount, seedRandomHistory } from '../testing/seed';
import { StatsEngineStore } from './engine/engine-store';
import { LookupCache } from './lookup-cache';

/**
 * GET /api/stats/behaviour (issue #25) against the SQL oracle (src/testing/behaviour-oracle.ts) in
 * several zones, over ranges and per artist, track and album, on a history where polled plays and
 * account-data imports record no behaviour and extended-history imports record it (some fields null).
 */
const SEED = Number(process.env.STATS_ORACLE_SEED) || 25;
const ZONES = ['UTC', 'America/New_York', 'Asia/Kolkata', 'Asia/Kathmandu'];
const KINDS = ['artist', 'track', 'album'] as const;
/** [from, to] in the request zone (local times that exist in every zone above). */
const RANGES: Array<[string | null, string | null]> = [
  [null, null],
  ['2024-03-01', '2024-04-15T12:00:00'],
  ['2024-10-26T18:00:00', '2024-11-04'],
  ['2024-03-31T00:30:00', null],
];
/** Name-only keys of account-data imports: plays without any behaviour. */
const NAME_ONLY = { artist: 'AC/DC', track: 'Zed - Old Song', album: 'Sigur Rós - Ágætis byrjun' };

describe(`behaviour equals the SQL oracle in every zone (seed ${SEED})`, () => {
  let db: TestDatabase;
  let pool: Pool;
  let app: INestApplication;
  let accounts: SeedAccount[];

  const call = (query: Record<string, string>) => request(app.getHttpServer()).get('/api/stats/behaviour').query(query);
  const queryOf = (ask: BehaviourAsk) => {
    const query: Record<string, string> = { accountId: ask.accountId, tz: ask.tz };
    if (ask.from) query.from = ask.from;
    if (ask.to) query.to = ask.to;
    if (ask.entity) query[ask.entity.kind] = ask.entity.key;
    return query;
  };
  /** The answer next to the oracle's, labelled so a failure names the question. */
  const compare = async (ask: BehaviourAsk) => {
    const res = await call(queryOf(ask));
    const label = { tz: ask.tz, from: ask.from, to: ask.to, entity: ask.entity };
    const expected = await behaviourFromSql(pool, ask);
    expect({ ...label, status: res.status, body: res.body }).toEqual({ ...label, status: 200, body: expected });
    return expected;
  };
  const mostPlayed = async (accountId: string, kind: (typeof KINDS)[number], n: number) =>
    (
      await pool.query<{ key: string }>(
        `select ${kind}_key as key from marts.fct_plays where account_id = $1 and ${kind}_key is not null
         group by 1 order by count(*) desc, 1 limit ${n}`,
        [accountId],
      )
    ).rows.map((r) => r.key);

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new Pool({ connectionString: db.url, max: 2 });
    accounts = await seedRandomHistory(pool, SEED, ['Europe/Berlin', 'America/New_York'], 600);
    await buildMarts(pool);
    app = await createServiceTestApp(
      AppModule.forRoot({ ...baseTestEnv(db.url), PORT: 0, STATS_CACHE_ENTRIES: 0, STATS_MEMORY_INDEX: 'blocking', LOG_LEVEL: 'error' }),
      SERVICE,
    );
  });

  afterAll(async () => {
    await app?.close();
    await pool?.end();
    await db?.drop();
  });

  it('the seed mixes plays with behaviour, with some fields null, and plays without any', async () => {
    const { rows } = await pool.query(
      `select source, count(*)::int as plays, count(platform)::int as platform, count(skipped)::int as skipped,
         count(*) filter (where num_nonnulls(skipped, shuffle, offline, platform, reason_start, reason_end) > 0)::int as known
       from marts.fct_plays group by 1 order by 1`,
    );
    const bySource = Object.fromEntries(rows.map((r) => [r.source, r]));
    expect(bySource.poll.known).toBe(0);
    expect(bySource.account_data.known).toBe(0);
    const imported = bySource.extended_history;
    expect(imported.known).toBeGreaterThan(0);
    expect(imported.known).toBeLessThan(imported.plays);
    expect(imported.skipped).toBeLessThan(imported.known);
    expect(imported.platform).toBeLessThan(imported.known);
  });

  it('every range and every artist, track and album (most played and name-only) equals the oracle in every zone', async () => {
    const seen = { partlyKnown: 0, noneKnown: 0 };
    for (const account of accounts) {
      const keys = Object.fromEntries(
        await Promise.all(KINDS.map(async (kind) => [kind, [...(await mostPlayed(account.id, kind, 3)), NAME_ONLY[kind]]] as const)),
      );
      for (const tz of ZONES) {
        for (const [from, to] of RANGES) {
          const whole = await compare({ accountId: account.id, from, to, tz, entity: null });
          if (whole.knownPlays > 0 && whole.knownPlays < whole.plays) seen.partlyKnown++;
          for (const kind of KINDS)
            for (const key of keys[kind]) {
              const one = await compare({ accountId: account.id, from, to, tz, entity: { kind, key } });
              if (one.plays > 0 && one.knownPlays === 0) {
                expect(one.skipped.share).toBeNull();
                seen.noneKnown++;
              }
            }
        }
      }
    }
    // The comparisons covered honest shares: ranges mixing plays with and without behaviour, entities with none.
    expect(seen.partlyKnown).toBeGreaterThan(10);
    expect(seen.noneKnown).toBeGreaterThan(10);
  }, 300_000);

  it('plays imported after the held state (a new reason, a new platform) are counted after the next run', async () => {
    const account = accounts[0];
    await call({ accountId: account.id }).expect(200);
    await pool.query(`update raw.plays set loaded_at = loaded_at - interval '1 hour'`);
    await pool.query(
      `insert into raw.plays (account_id, played_at, track_id, ms_played, source, skipped, shuffle, offline, platform, reason_start, reason_end)
       select $1, (select max(played_at) from raw.plays where account_id = $1) + i * interval '3 minutes', 'tr' || (1 + i % 5), 120000,
         'extended_history', i % 2 = 0, null, false, case when i % 3 = 0 then 'Partner sonos_arm Sonos;One' else 'linux' end,
         'persisted', case when i % 4 = 0 then 'trackerror' end
       from generate_series(1, 12) i`,
      [account.id],
    );
    const run = await new TransformRunner(pool).run({ fullRefresh: false, trigger: 'manual' });
    expect(run.status).toBe('succeeded');
    await app.get(LookupCache).sync();
    await app.get(StatsEngineStore).settled();
    for (const tz of ['UTC', 'Asia/Kathmandu']) {
      const body = await compare({ accountId: account.id, from: null, to: null, tz, entity: null });
      expect(JSON.stringify(body)).toContain('persisted');
      await compare({ accountId: account.id, from: null, to: null, tz, entity: { kind: 'track', key: 'tr1' } });
    }
  });

  it('an unknown key is a 404 naming it; two keys, an empty key, limit or by a 400', async () => {
    const accountId = accounts[0].id;
    for (const kind of KINDS) {
      const res = await call({ accountId, [kind]: 'nobody' }).expect(404);
      expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: expect.stringContaining(`no ${kind} "nobody"`) });
    }
    for (const [query, message] of [
      [{ artist: 'ar1', track: 'tr1' }, /^give at most one of artist, track and album, got artist and track/],
      [{ album: '' }, /^album must not be empty/],
      [{ artist: 'x'.repeat(1001) }, /^artist must be at most 1000 characters/],
      [{ genre: 'rock' }, /property genre should not exist/],
      [{ limit: '5' }, /property limit should not exist/],
      [{ tz: 'Mars/Olympus' }, /^tz must be an IANA time zone/],
    ] as Array<[Record<string, string>, RegExp]>)
      expect((await call({ accountId, ...query }).expect(400)).body.message).toMatch(message);
  });
});
