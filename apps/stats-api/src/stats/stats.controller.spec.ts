import { INestApplication } from '@nestjs/common';
import { Pool } from 'pg';
import request from 'supertest';
import { baseTestEnv, createServiceTestApp, createTestDatabase, TestDatabase } from '@rewind/testing';
import { AppModule } from '../app.module';
import { SERVICE } from '../service';
import { buildMarts } from '../testing/build-marts';
import { StatsEngineStore } from './engine/engine-store';
import { LookupCache } from './lookup-cache';
import { STATS_ROUTES, StatsRoute } from './stats-routes';

const ROUTES = STATS_ROUTES.filter((r) => r !== 'wrapped');
/** Keys of the one-account world below (name-only imports by "Band"): the entity routes' paths. */
const PATHS: Partial<Record<StatsRoute, string>> = {
  artist: 'artists/Band',
  track: `tracks/${encodeURIComponent('Band - Song 1')}`,
  album: `albums/${encodeURIComponent('Band - Record')}`,
  genre: 'genres/rock',
};
const path = (route: StatsRoute) => `/api/stats/${PATHS[route] ?? route}`;
/** Each route's required parameters. */
const REQUIRED: Partial<Record<StatsRoute, Record<string, string>>> = {
  wrapped: { year: '2024' },
  compare: { dimension: 'artists', compareFrom: '2024-01-01' },
  search: { q: 'song' },
};
const withYear = (route: StatsRoute, q: Record<string, string>) => ({ ...REQUIRED[route], ...q });
/** Routes of a key the account never played (its name-only artist has no genre, the second account no plays) answer 404. */
const ENTITY_ROUTES: StatsRoute[] = ['artist', 'track', 'album', 'genre'];
const answers = (route: StatsRoute, played: boolean) => (ENTITY_ROUTES.includes(route) && (!played || route === 'genre') ? 404 : 200);

describe('stats routes: validation, accounts, ETag/304', () => {
  let db: TestDatabase;
  let pool: Pool;
  let app: INestApplication;
  let first: string;
  let second: string;

  const get = (route: StatsRoute, query: Record<string, string> = {}) => request(app.getHttpServer()).get(path(route)).query(query);
  /** A change to accounts or runs made through `pool` is heard by stats-api, and the account states it holds are read again. */
  const heard = async () => {
    await app.get(LookupCache).sync();
    await app.get(StatsEngineStore).settled();
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new Pool({ connectionString: db.url, max: 2 });
    app = await createServiceTestApp(AppModule.forRoot({ ...baseTestEnv(db.url), PORT: 0 }), SERVICE);
  });

  afterAll(async () => {
    await app?.close();
    await pool?.end();
    await db?.drop();
  });

  it('before any transform run the routes answer 503 with a hint (never 500)', async () => {
    const res = await get('summary').expect(503);
    expect(res.body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: expect.stringContaining('transform') });
  });

  it('with no account every route answers 404 naming accountId', async () => {
    await buildMarts(pool);
    await heard();
    for (const route of STATS_ROUTES) {
      const res = await get(route, withYear(route, {})).expect(404);
      expect(res.body.message).toMatch(/accountId/);
    }
  });

  it('with exactly one account, accountId is optional', async () => {
    first = (await pool.query(`insert into auth.accounts (spotify_user_id, time_zone) values ('one', 'Europe/Berlin') returning id`))
      .rows[0].id;
    await pool.query(
      `insert into raw.plays (account_id, played_at, track_name, artist_name, album_name, ms_played, source)
       select $1, timestamptz '2024-03-30T22:00:00Z' + i * interval '7 minutes', 'Song ' || (i % 3), 'Band', 'Record', 120000, 'account_data'
       from generate_series(0, 40) i`,
      [first],
    );
    await buildMarts(pool);
    await heard();
    for (const route of STATS_ROUTES) await get(route, withYear(route, {})).expect(answers(route, true));
    const summary = await get('summary').expect(200);
    expect(summary.body).toMatchObject({ plays: 41, minutes: 82, distinctTracks: 3, distinctArtists: 1, distinctAlbums: 1 });
  });

  it('with several accounts and none given → 400 naming accountId; unknown → 404; malformed → 400', async () => {
    second = (await pool.query(`insert into auth.accounts (spotify_user_id) values ('two') returning id`)).rows[0].id;
    await heard();
    for (const route of STATS_ROUTES) {
      const res = await get(route, withYear(route, {})).expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'accountId is required when several accounts exist' });
      expect((await get(route, withYear(route, { accountId: '00000000-0000-4000-8000-000000000000' })).expect(404)).body.message).toMatch(
        /^accountId/,
      );
      expect((await get(route, withYear(route, { accountId: 'nope' })).expect(400)).body.message).toMatch(/^accountId must be a UUID/);
      await get(route, withYear(route, { accountId: second })).expect(answers(route, false));
    }
  });

  it.each([
    [{ tz: 'Mars/Olympus' }, /^tz must be an IANA time zone/],
    [{ tz: 'Europe/Berlin; drop table x' }, /^tz must be an IANA time zone/],
    [{ from: 'yesterday' }, /^from must be an ISO date/],
    [{ to: '2024-13-45' }, /^to is not a valid date/],
    [{ from: '2024-02-30' }, /^from is not a valid date/],
    [{ from: '0001-01-01' }, /^from must be between/],
    [{ from: '2024-05-01', to: '2024-04-01' }, /^from \(2024-05-01\) must not be after to \(2024-04-01\)/],
    [{ limit: '0' }, /^limit must be an integer between 1 and 100/],
    [{ limit: '101' }, /^limit must be an integer between 1 and 100/],
    [{ limit: 'ten' }, /^limit must be an integer between 1 and 100/],
    [{ limit: '2.5' }, /^limit must be an integer between 1 and 100/],
    [{ by: 'hours' }, /^by must be one of plays, minutes/],
    [{ unknown: '1' }, /property unknown should not exist/],
  ])('%j → 400 on every route', async (query, message) => {
    for (const route of ROUTES) {
      // on-this-day and forgotten take no range: from and to are unknown properties there.
      if ((route === 'on-this-day' || route === 'forgotten') && ('from' in query || 'to' in query)) continue;
      // behaviour ranks nothing: limit and by are unknown properties there.
      if (route === 'behaviour' && ('limit' in query || 'by' in query)) continue;
      const res = await get(route, withYear(route, { accountId: first, ...query })).expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringMatching(message) });
    }
  });

  it('activity validates bucket; wrapped validates year; other routes refuse them', async () => {
    expect((await get('activity', { accountId: first, bucket: 'fortnight' }).expect(400)).body.message).toMatch(
      /^bucket must be one of day, week, month, year, weekday, hour/,
    );
    expect((await get('wrapped', { accountId: first }).expect(400)).body.message).toMatch(/^year is required/);
    expect((await get('wrapped', { accountId: first, year: '24' }).expect(400)).body.message).toMatch(/^year must be a four-digit year/);
    expect((await get('summary', { accountId: first, year: '2024' }).expect(400)).body.message).toMatch(/year/);
    expect((await get('summary', { accountId: first, bucket: 'day' }).expect(400)).body.message).toMatch(/bucket/);
  });

  it('repeated parameters are a 400 naming the parameter, not a 500', async () => {
    const res = await request(app.getHttpServer())
      .get(`${path('top-artists')}?accountId=${first}&limit=1&limit=2`)
      .expect(400);
    expect(res.body.message).toMatch(/limit/);
  });

  it('from equal to to is an empty range', async () => {
    const res = await get('summary', { accountId: first, from: '2024-03-31', to: '2024-03-31' }).expect(200);
    expect(res.body).toEqual({
      plays: 0,
      minutes: 0,
      distinctTracks: 0,
      distinctArtists: 0,
      distinctAlbums: 0,
      firstPlayedAt: null,
      lastPlayedAt: null,
    });
  });

  it('answers carry an ETag and Cache-Control; If-None-Match → 304 until a transform run finishes', async () => {
    for (const route of STATS_ROUTES.filter((r) => answers(r, true) === 200)) {
      const query = withYear(route, { accountId: first });
      const res = await get(route, query).expect(200);
      expect(res.headers['cache-control']).toBe('private, no-cache');
      const etag = res.headers.etag;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
      const again = await get(route, query).set('If-None-Match', etag).expect(304);
      expect(again.text).toBe('');
      expect(again.headers.etag).toBe(etag);
      await get(route, query).set('If-None-Match', `W/${etag}`).expect(304);
      await get(route, { ...query, ...(route === 'behaviour' ? { from: '2024-03-31' } : { limit: '3' }) })
        .set('If-None-Match', etag)
        .expect(200);
      await get(route, { ...query, tz: 'UTC' })
        .set('If-None-Match', etag)
        .expect(200);
    }
  });

  it('a new load is visible immediately: the next transform run changes the ETag and the answer', async () => {
    const before = await get('summary', { accountId: first }).expect(200);
    await pool.query(
      `insert into raw.plays (account_id, played_at, track_name, artist_name, ms_played, source) values ($1, '2024-04-02T10:00:00Z', 'New', 'Band', 60000, 'account_data')`,
      [first],
    );
    // Raw plays alone change nothing (stats are served from the marts) ...
    await get('summary', { accountId: first }).set('If-None-Match', before.headers.etag).expect(304);
    // ... the finished transform run does, once stats-api has heard of its commit and read the account again.
    await buildMarts(pool);
    await heard();
    const after = await get('summary', { accountId: first }).set('If-None-Match', before.headers.etag).expect(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.body.plays).toBe(before.body.plays + 1);
  });

  it('ranges across the Berlin spring-forward night are read in the zone (day buckets of 23 hours)', async () => {
    // Plays every 7 minutes from 2024-03-30T22:00Z (23:00 Berlin) through the DST change at 01:00Z.
    const days = await get('activity', { accountId: first, bucket: 'day', from: '2024-03-30', to: '2024-04-01' }).expect(200);
    expect(days.body).toEqual([
      { bucket: '2024-03-30', plays: 9, minutes: 18 },
      { bucket: '2024-03-31', plays: 32, minutes: 64 },
    ]);
    const utc = await get('activity', { accountId: first, bucket: 'day', tz: 'UTC' }).expect(200);
    expect(utc.body[0]).toEqual({ bucket: '2024-03-30', plays: 18, minutes: 36 });
    const hours = await get('activity', { accountId: first, bucket: 'hour', from: '2024-03-31T00:00', to: '2024-03-31T04:00' }).expect(200);
    // 02:00 does not exist in Berlin that night.
    expect(hours.body.slice(0, 4).map((b: { plays: number }) => b.plays)).toEqual([9, 8, 0, 9]);
  });
});
