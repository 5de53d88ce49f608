import { INestApplication } from '@nestjs/common';
import { DateTime } from 'luxon';
import { Pool } from 'pg';
import request from 'supertest';
import { baseTestEnv, createServiceTestApp, createTestDatabase, rng, TestDatabase } from '@rewind/testing';
import { AppModule } from '../app.module';
import { SERVICE } from '../service';
import { buildMarts } from '../testing/build-marts';
import { loadWorld, Oracle, Range } from '../testing/oracle';
import { SeedAccount, seedRandomHistory } from '../testing/seed';

/**
 * Oracle suite: random plays for random accounts (polled, imported, name-only), marts built from
 * libs/models, then every route for random ranges and zones (DST changes in Berlin, New York and
 * Santiago (at midnight), Kolkata's +5:30, Kathmandu's +5:45, Adelaide's +9:30/+10:30, Chatham's
 * +12:45/+13:45) must equal a plain JavaScript computation of the metric definitions over the raw
 * plays (src/testing/oracle.ts), whatever zone the account itself is in.
 */
const SEED = Number(process.env.STATS_ORACLE_SEED) || Math.floor(Math.random() * 1_000_000);
const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', null];
const OTHER_ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Asia/Kathmandu',
  'Australia/Adelaide',
  'Asia/Kolkata',
  'America/Santiago',
  'Pacific/Chatham',
];
const CASES = 16;

interface Case {
  account: SeedAccount;
  query: Record<string, string>;
  range: Range;
  limit: number;
  by: string;
}

describe(`stats routes equal the raw-plays oracle in every zone (seed ${SEED}, STATS_ORACLE_SEED to replay)`, () => {
  let db: TestDatabase;
  let pool: Pool;
  let app: INestApplication;
  let accounts: SeedAccount[];
  let oracle: Oracle;
  const cases: Case[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new Pool({ connectionString: db.url, max: 2 });
    accounts = await seedRandomHistory(pool, SEED, ZONES, 700);
    await buildMarts(pool);
    oracle = new Oracle(await loadWorld(pool));
    app = await createServiceTestApp(
      AppModule.forRoot({ ...baseTestEnv(db.url), PORT: 0, STATS_CACHE_ENTRIES: 0, STATS_MEMORY_INDEX: 'blocking', LOG_LEVEL: 'error' }),
      SERVICE,
    );

    const r = rng(SEED + 1);
    const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
    const DAY = 86_400_000;
    // Around the DST changes of 2024 and the seeded plays.
    const anchors = ['2024-03-10', '2024-03-31', '2024-10-27', '2024-11-03', '2024-12-31', '2024-03-20', '2024-04-07', '2024-09-08'];
    for (let i = 0; i < CASES; i++) {
      const account = accounts[i % accounts.length];
      const own = account.timeZone ?? 'UTC';
      const tz = r() < 0.55 ? own : pick(OTHER_ZONES);
      const query: Record<string, string> = { accountId: account.id };
      if (tz !== own || r() < 0.5) query.tz = tz;
      const anchor = DateTime.fromISO(pick(anchors), { zone: tz }).plus({ days: Math.floor(r() * 7) - 3 });
      const form = () => r();
      const bound = (base: DateTime): { text: string; at: number } => {
        const f = form();
        if (f < 0.4) return { text: base.toISODate()!, at: base.startOf('day').toMillis() };
        if (f < 0.7) {
          const t = base.plus({ minutes: Math.floor(r() * 1440) });
          const text = t.toFormat("yyyy-MM-dd'T'HH:mm:ss");
          return { text, at: DateTime.fromISO(text, { zone: tz }).toMillis() };
        }
        const t = base.toUTC().plus({ milliseconds: Math.floor(r() * DAY) });
        return { text: t.toISO()!, at: t.toMillis() };
      };
      let from: { text: string; at: number } | null = r() < 0.85 ? bound(anchor) : null;
      let to: { text: string; at: number } | null = r() < 0.85 ? bound(anchor.plus({ days: Math.floor(r() * 12) })) : null;
      if (from && to && from.at > to.at) [from, to] = [to, from];
      if (from) query.from = from.text;
      if (to) query.to = to.text;
      const limit = 1 + Math.floor(r() * 15);
      const by = r() < 0.5 ? 'plays' : 'minutes';
      query.limit = String(limit);
      query.by = by;
      cases.push({ account, query, range: { from: from?.at ?? null, to: to?.at ?? null, tz }, limit, by });
    }
  });

  afterAll(async () => {
    await app?.close();
    await pool?.end();
    await db?.drop();
  });

  const get = async (path: string, query: Record<string, string>) => {
    const res = await request(app.getHttpServer()).get(`/api/stats/${path}`).query(query);
    if (res.status !== 200) throw new Error(`${path} ${JSON.stringify(query)} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  const each = (name: string, fn: (c: Case) => Promise<void>) =>
    it(name, async () => {
      expect(cases.length).toBe(CASES);
      for (const c of cases) {
        try {
          await fn(c);
        } catch (error) {
          throw new Error(`case ${JSON.stringify(c.query)}: ${(error as Error).message}`);
        }
      }
    });

  it('the seeded history crosses the DST changes and has plays of every source, polls with and without ms_played', async () => {
    const { rows } = await pool.query(`select source, count(*)::int as n from marts.fct_plays group by source order by source`);
    expect(rows.map((r) => r.source)).toEqual(['account_data', 'extended_history', 'poll']);
    const total = await pool.query(`select count(*)::int as n from raw.plays`);
    expect(total.rows[0].n).toBeGreaterThan(2000);
    // Polled plays as polling stores them (ms_played, never past the track's end, started where
    // the listen began) and as stored before polls kept ms_played: the oracle takes the stored value.
    const polls = await pool.query(
      `select (p.ms_played is not null) as kept, count(*)::int as n,
              count(*) filter (where p.ms_played > t.duration_ms or p.ended_at > now())::int as bad
       from raw.plays p left join raw.tracks t on t.id = p.track_id
       where p.source = 'poll' group by 1 order by 1`,
    );
    expect(polls.rows).toEqual([
      { kept: false, n: expect.any(Number), bad: 0 },
      { kept: true, n: expect.any(Number), bad: 0 },
    ]);
    for (const row of polls.rows) expect(row.n).toBeGreaterThan(300);
  });

  each('summary', async (c) => expect(await get('summary', c.query)).toEqual(oracle.summary(c.account.id, c.range)));
  each('top-artists', async (c) =>
    expect(await get('top-artists', c.query)).toEqual(oracle.topArtists(c.account.id, c.range, c.by, c.limit)),
  );
  each('top-tracks', async (c) => expect(await get('top-tracks', c.query)).toEqual(oracle.topTracks(c.account.id, c.range, c.by, c.limit)));
  each('top-albums', async (c) => expect(await get('top-albums', c.query)).toEqual(oracle.topAlbums(c.account.id, c.range, c.by, c.limit)));
  each('top-genres', async (c) => expect(await get('top-genres', c.query)).toEqual(oracle.topGenres(c.account.id, c.range, c.by, c.limit)));
  each('activity (every bucket)', async (c) => {
    for (const bucket of ['day', 'week', 'month', 'year', 'weekday', 'hour']) {
      expect({ bucket, body: await get('activity', { ...c.query, bucket }) }).toEqual({
        bucket,
        body: oracle.activity(c.account.id, c.range, bucket),
      });
    }
  });
  each('heatmap', async (c) => {
    const body = await get('heatmap', c.query);
    expect(body).toHaveLength(168);
    expect(body).toEqual(oracle.heatmap(c.account.id, c.range));
  });
  each('recent', async (c) => expect(await get('recent', c.query)).toEqual(oracle.recent(c.account.id, c.range, c.limit)));
  each('discoveries', async (c) => expect(await get('discoveries', c.query)).toEqual(oracle.discoveries(c.account.id, c.range, c.limit)));
  each('streaks', async (c) => expect(await get('streaks', c.query)).toEqual(oracle.streaks(c.account.id, c.range)));
  each('sessions', async (c) => expect(await get('sessions', c.query)).toEqual(oracle.sessions(c.account.id, c.range, c.limit)));
  each('wrapped', async (c) => {
    const { from: _f, to: _t, ...rest } = c.query;
    expect(await get('wrapped', { ...rest, year: '2024' })).toEqual(oracle.wrapped(c.account.id, 2024, c.range.tz, c.by, c.limit));
  });

  it('the current streak counts the days up to today or yesterday', async () => {
    const last = accounts[accounts.length - 1];
    const expected = oracle.streaks(last.id, { from: null, to: null, tz: 'UTC' });
    expect(expected.current).toBeGreaterThan(0);
    expect(await get('streaks', { accountId: last.id, tz: 'UTC' })).toEqual(expected);
  });

  it("ranges over whole days, months and years plus partial days equal the oracle in every zone, the account's or not", async () => {
    const ranges: Array<[string | null, string | null]> = [
      ['2024-02-10', '2024-11-20T13:00:00'],
      ['2023-12-15', '2025-02-03'],
      [null, '2024-06-01'],
      ['2024-03-31T02:30:00Z', '2024-12-31T12:00:00'],
      ['2024-04-06T21:00:00', '2024-04-08'],
      ['2024-09-07', '2024-09-09T00:30:00'],
      ['2024-03-12T10:00:00Z', '2025-12-25'],
    ];
    for (const tz of OTHER_ZONES) {
      for (const account of accounts) {
        for (const [from, to] of ranges) {
          const query: Record<string, string> = { accountId: account.id, limit: '100', tz };
          if (from) query.from = from;
          if (to) query.to = to;
          const at = (text: string | null) => (text === null ? null : DateTime.fromISO(text, { zone: tz }).toMillis());
          const range = { from: at(from), to: at(to), tz };
          const label = { account: account.id, accountZone: account.timeZone, tz, from, to };
          const same = async (route: string, extra: Record<string, string>, expected: unknown) =>
            expect({ ...label, route, body: await get(route, { ...query, ...extra }) }).toEqual({ ...label, route, body: expected });
          await same('summary', {}, oracle.summary(account.id, range));
          await same('top-tracks', {}, oracle.topTracks(account.id, range, 'plays', 100));
          await same('top-artists', { by: 'minutes' }, oracle.topArtists(account.id, range, 'minutes', 100));
          await same('top-albums', {}, oracle.topAlbums(account.id, range, 'plays', 100));
          await same('top-genres', {}, oracle.topGenres(account.id, range, 'plays', 100));
          await same('heatmap', {}, oracle.heatmap(account.id, range));
          for (const bucket of ['day', 'week', 'month', 'hour'])
            await same('activity', { bucket }, oracle.activity(account.id, range, bucket));
          await same('streaks', {}, oracle.streaks(account.id, range));
          await same('discoveries', {}, oracle.discoveries(account.id, range, 100));
          await same('recent', {}, oracle.recent(account.id, range, 100));
          await same('sessions', {}, oracle.sessions(account.id, range, 100));
        }
      }
    }
  }, 300_000);

  it('wrapped equals the oracle for each account in every zone', async () => {
    for (const tz of OTHER_ZONES) {
      for (const account of accounts) {
        const label = { account: account.id, tz };
        expect({ ...label, body: await get('wrapped', { accountId: account.id, tz, year: '2024', limit: '5' }) }).toEqual({
          ...label,
          body: oracle.wrapped(account.id, 2024, tz, 'plays', 5),
        });
      }
    }
  });

  it('answers every zone from memory', async () => {
    const account = accounts.find((a) => a.timeZone === 'Europe/Berlin')!;
    for (const tz of OTHER_ZONES) {
      const res = await request(app.getHttpServer()).get('/api/stats/top-tracks').query({ accountId: account.id, tz });
      expect(res.headers['x-rewind-stats-source']).toBe('memory');
    }
  });

  it('all-time answers without a range equal the oracle in the account zone', async () => {
    for (const account of accounts) {
      const range = { from: null, to: null, tz: account.timeZone ?? 'UTC' };
      expect(await get('summary', { accountId: account.id })).toEqual(oracle.summary(account.id, range));
      expect(await get('top-artists', { accountId: account.id, limit: '100' })).toEqual(oracle.topArtists(account.id, range, 'plays', 100));
      expect(await get('activity', { accountId: account.id, bucket: 'week' })).toEqual(oracle.activity(account.id, range, 'week'));
    }
  });
});
