import { INestApplication } from '@nestjs/common';
import { DateTime } from 'luxon';
import { Pool } from 'pg';
import request from 'supertest';
import { TransformRunner } from '@rewind/models';
import { baseTestEnv, createServiceTestApp, createTestDatabase, TestDatabase } from '@rewind/testing';
import { AppModule } from '../app.module';
import { SERVICE } from '../service';
import { buildMarts } from '../testing/build-marts';
import { EntityKind, loadWorld, Oracle, Range } from '../testing/oracle';
import { SeedAccount, seedRandomHistory } from '../testing/seed';
import { StatsEngineStore } from './engine/engine-store';
import { LookupCache } from './lookup-cache';

/**
 * The insight routes (issue #25: one artist, track, album or genre; compare; search; on this day;
 * forgotten favourites) against the raw-plays oracle (src/testing/oracle.ts) in several zones,
 * with id keys, name-only keys of imports (a slash, accents) and keys that enrichment changes.
 */
const SEED = Number(process.env.STATS_ORACLE_SEED) || 25;
const ZONES = ['UTC', 'America/New_York', 'Asia/Kolkata', 'Asia/Kathmandu'];
const KINDS: EntityKind[] = ['artist', 'track', 'album', 'genre'];
const DIMENSION: Record<EntityKind, string> = { artist: 'artists', track: 'tracks', album: 'albums', genre: 'genres' };
/** [from, to] in the request zone: all time, under 90 days (day buckets), most of 2024 (months), across the US fall-back. */
const RANGES: Array<[string | null, string | null]> = [
  [null, null],
  ['2024-03-01', '2024-04-15T12:00:00'],
  ['2024-02-10', '2024-11-20T13:00:00'],
  ['2024-10-26T18:00:00', '2024-11-04'],
];

describe(`insight routes equal the raw-plays oracle in every zone (seed ${SEED})`, () => {
  let db: TestDatabase;
  let pool: Pool;
  let app: INestApplication;
  let accounts: SeedAccount[];
  let oracle: Oracle;

  const call = (path: string, query: Record<string, string>) => request(app.getHttpServer()).get(path).query(query);
  const get = async (path: string, query: Record<string, string>) => {
    const res = await call(path, query);
    if (res.status !== 200) throw new Error(`${path} ${JSON.stringify(query)} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const entityPath = (kind: EntityKind, key: string) => `/api/stats/${DIMENSION[kind]}/${encodeURIComponent(key)}`;
  const at = (text: string | null, tz: string) => (text === null ? null : DateTime.fromISO(text, { zone: tz }).toMillis());
  const rangeQuery = (accountId: string, tz: string, [from, to]: [string | null, string | null], extra: Record<string, string> = {}) => {
    const query: Record<string, string> = { accountId, tz, ...extra };
    if (from) query.from = from;
    if (to) query.to = to;
    return { query, range: { from: at(from, tz), to: at(to, tz), tz } as Range };
  };
  /** Every key of a kind the account played, most played first. */
  const keysOf = (accountId: string, kind: EntityKind): string[] => {
    const all = { from: null, to: null, tz: 'UTC' };
    const rows = {
      artist: () => oracle.topArtists(accountId, all, 'plays', 1000).map((x) => x.artistId),
      track: () => oracle.topTracks(accountId, all, 'plays', 1000).map((x) => x.trackId),
      album: () => oracle.topAlbums(accountId, all, 'plays', 1000).map((x) => x.albumId),
      genre: () => oracle.topGenres(accountId, all, 'plays', 1000).map((x) => x.genre),
    };
    return rows[kind]();
  };
  const heard = async () => {
    await app.get(LookupCache).sync();
    await app.get(StatsEngineStore).settled();
  };
  const incrementalRun = async () => {
    const result = await new TransformRunner(pool).run({ fullRefresh: false, trigger: 'manual' });
    expect(result.status).toBe('succeeded');
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new Pool({ connectionString: db.url, max: 2 });
    accounts = await seedRandomHistory(pool, SEED, ['Europe/Berlin', 'Asia/Kolkata', 'America/New_York'], 600);
    await buildMarts(pool);
    oracle = new Oracle(await loadWorld(pool));
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

  it('the seeded keys include name-only imports (a slash, accents, no artist)', () => {
    const keys = accounts.flatMap((a) => [...keysOf(a.id, 'artist'), ...keysOf(a.id, 'track'), ...keysOf(a.id, 'album')]);
    expect(keys).toEqual(expect.arrayContaining(['AC/DC', 'AC/DC - Back in Black', 'Sigur Rós', 'Zed - Old Song', 'Lonely']));
  });

  it('every artist, track, album and genre equals the oracle over several ranges in every zone', async () => {
    for (const account of accounts) {
      for (const tz of ZONES) {
        for (const [i, bounds] of RANGES.entries()) {
          const by = i % 2 ? 'minutes' : 'plays';
          const { query, range } = rangeQuery(account.id, tz, bounds, { by, limit: '5' });
          for (const kind of KINDS) {
            // All keys over all time in UTC; the 8 most played and the name-only ones elsewhere.
            const keys = keysOf(account.id, kind).filter((key, n) => (tz === 'UTC' && i === 0) || n < 8 || !/^(ar|tr|al)\d+$/.test(key));
            for (const key of keys) {
              const label = { kind, key, tz, bounds };
              expect({ ...label, body: await get(entityPath(kind, key), query) }).toEqual({
                ...label,
                body: oracle.entity(account.id, kind, key, range, by, 5),
              });
            }
          }
        }
      }
    }
  }, 300_000);

  it('an unknown key is a 404 that names it; a bad parameter a 400', async () => {
    const accountId = accounts[0].id;
    for (const [kind, key] of [
      ['artist', 'nobody'],
      ['track', 'ar1'],
      ['album', 'tr1'],
      ['genre', 'polka'],
      ['artist', 'ac/dc'],
    ] as Array<[EntityKind, string]>) {
      const res = await call(entityPath(kind, key), { accountId }).expect(404);
      expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: expect.stringContaining(`no ${kind} "${key}"`) });
    }
    const artist = entityPath('artist', keysOf(accountId, 'artist')[0]);
    for (const [query, message] of [
      [{ tz: 'Mars/Olympus' }, /^tz must be an IANA time zone/],
      [{ limit: '0' }, /^limit must be an integer/],
      [{ from: 'yesterday' }, /^from must be an ISO date/],
      [{ bucket: 'day' }, /property bucket should not exist/],
    ] as Array<[Record<string, string>, RegExp]>)
      expect((await call(artist, { accountId, ...query }).expect(400)).body.message).toMatch(message);
    expect((await call(entityPath('artist', 'x'.repeat(1001)), { accountId }).expect(400)).body.message).toMatch(/^key must be at most/);
  });

  it('compare equals the oracle for every dimension, with given and default compared ranges, in every zone', async () => {
    const pairs: Array<[[string | null, string | null], [string | null, string | null] | null]> = [
      [
        ['2024-10-01', '2025-01-01'],
        ['2024-03-01', '2024-06-01'],
      ],
      [['2024-03-20', '2024-04-10'], null],
      [
        [null, null],
        ['2024-09-01T06:00:00', null],
      ],
      [
        ['2024-11-01', '2024-11-05'],
        [null, '2024-03-31T02:30:00'],
      ],
    ];
    for (const account of accounts) {
      for (const tz of ZONES) {
        for (const [i, [now, then]] of pairs.entries()) {
          const by = i % 2 ? 'plays' : 'minutes';
          const limit = i % 2 ? 100 : 5;
          for (const kind of KINDS) {
            const extra: Record<string, string> = { dimension: DIMENSION[kind], by, limit: String(limit) };
            if (then?.[0]) extra.compareFrom = then[0];
            if (then?.[1]) extra.compareTo = then[1];
            const { query, range } = rangeQuery(account.id, tz, now, extra);
            const previous: Range = then
              ? { from: at(then[0], tz), to: at(then[1], tz), tz }
              : { from: 2 * range.from! - range.to!, to: range.from, tz };
            const label = { kind, tz, now, then };
            expect({ ...label, body: await get('/api/stats/compare', query) }).toEqual({
              ...label,
              body: oracle.compare(account.id, kind, range, previous, by, limit),
            });
          }
        }
      }
    }
    const accountId = accounts[0].id;
    for (const [query, message] of [
      [{}, /^dimension is required/],
      [{ dimension: 'songs' }, /^dimension must be one of artists, tracks, albums, genres/],
      [{ dimension: 'artists' }, /^compareFrom or compareTo is required unless from and to/],
      [{ dimension: 'artists', from: '2024-01-01', compareFrom: 'soon' }, /^compareFrom must be an ISO date/],
      [{ dimension: 'artists', compareFrom: '2024-05-01', compareTo: '2024-04-01' }, /^compareFrom \(2024-05-01\) must not be after/],
      [{ dimension: 'artists', compareTo: '2024-02-30' }, /^compareTo is not a valid date/],
    ] as Array<[Record<string, string>, RegExp]>)
      expect((await call('/api/stats/compare', { accountId, ...query }).expect(400)).body.message).toMatch(message);
  }, 120_000);

  it('search finds names containing q whatever the case and accents, most played first, equal to the oracle', async () => {
    const texts = [
      'sigur ros',
      'SIGUR RÓS',
      'bjork',
      'björk',
      'Ágætis',
      'agætis',
      'hoppipolla',
      'ac/dc',
      'song 1',
      'zed',
      'a',
      'nothing like it',
    ];
    for (const account of accounts) {
      for (const tz of ['UTC', 'Asia/Kathmandu']) {
        for (const [i, bounds] of RANGES.entries()) {
          const by = i % 2 ? 'minutes' : 'plays';
          for (const q of texts) {
            const { query, range } = rangeQuery(account.id, tz, bounds, { q, by, limit: '7' });
            const label = { q, tz, bounds };
            expect({ ...label, body: await get('/api/stats/search', query) }).toEqual({
              ...label,
              body: oracle.search(account.id, q, range, by, 7),
            });
          }
        }
      }
    }
    const found = await get('/api/stats/search', { accountId: accounts[0].id, q: 'sigur ros', limit: '100' });
    expect(found.artists.map((a: { name: string }) => a.name)).toEqual(expect.arrayContaining(['Sigur Rós']));
    expect((await get('/api/stats/search', { accountId: accounts[0].id, q: 'BJORK' })).artists[0].name).toBe('BJÖRK');
    for (const [query, message] of [
      [{}, /^q is required/],
      [{ q: '   ' }, /^q is required/],
      [{ q: 'x'.repeat(101) }, /^q must be at most 100 characters/],
      [{ q: '\u0301' }, /^q must contain a letter or digit/],
    ] as Array<[Record<string, string>, RegExp]>)
      expect((await call('/api/stats/search', { accountId: accounts[0].id, ...query }).expect(400)).body.message).toMatch(message);
  }, 120_000);

  it('on this day equals the oracle (DST days, a 29 February, today) in every zone', async () => {
    const dates = ['2025-03-10', '2025-03-31', '2025-10-27', '2025-11-03', '2026-04-07', '2028-02-29', '2025-12-31', null];
    for (const account of accounts) {
      for (const tz of ZONES) {
        for (const [i, date] of dates.entries()) {
          const by = i % 2 ? 'minutes' : 'plays';
          const query: Record<string, string> = { accountId: account.id, tz, by, limit: '3' };
          if (date) query.date = date;
          const day = date ?? DateTime.now().setZone(tz).toISODate()!;
          const label = { tz, date: day };
          expect({ ...label, body: await get('/api/stats/on-this-day', query) }).toEqual({
            ...label,
            body: oracle.onThisDay(account.id, day, tz, by, 3),
          });
        }
      }
    }
    const found = await get('/api/stats/on-this-day', { accountId: accounts[0].id, tz: 'UTC', date: '2025-11-03' });
    expect(found.years.map((y: { year: number }) => y.year)).toContain(2024);
    for (const [query, message] of [
      [{ date: 'today' }, /^date must be an ISO date/],
      [{ date: '2025-02-29' }, /^date is not a valid date/],
      [{ from: '2024-01-01' }, /property from should not exist/],
    ] as Array<[Record<string, string>, RegExp]>)
      expect((await call('/api/stats/on-this-day', { accountId: accounts[0].id, ...query }).expect(400)).body.message).toMatch(message);
  });

  it('forgotten favourites equal the oracle: most played before six months ago, none since', async () => {
    for (const account of accounts) {
      for (const tz of ZONES) {
        for (const kind of KINDS) {
          const since = DateTime.now().setZone(tz).startOf('day').minus({ months: 6 }).startOf('day');
          const body = await get('/api/stats/forgotten', { accountId: account.id, tz, dimension: DIMENSION[kind], limit: '20' });
          const label = { tz, kind };
          expect({ ...label, body }).toEqual({
            ...label,
            body: {
              since: since.toISODate(),
              dimension: DIMENSION[kind],
              items: oracle.forgotten(account.id, kind, since.toMillis(), 'plays', 20),
            },
          });
        }
      }
    }
    // The last account played some tracks in the last days: those are not forgotten.
    const last = accounts[accounts.length - 1];
    const forgotten = await get('/api/stats/forgotten', { accountId: last.id, dimension: 'tracks', limit: '100' });
    const recent = await get('/api/stats/top-tracks', {
      accountId: last.id,
      from: DateTime.now().minus({ days: 5 }).toISODate()!,
      limit: '100',
    });
    expect(recent.length).toBeGreaterThan(0);
    const forgottenKeys = new Set(forgotten.items.map((x: { key: string }) => x.key));
    for (const t of recent) expect(forgottenKeys.has(t.trackId)).toBe(false);
    expect((await call('/api/stats/forgotten', { accountId: last.id, dimension: 'x' }).expect(400)).body.message).toMatch(
      /^dimension must be/,
    );
    expect((await call('/api/stats/forgotten', { accountId: last.id, to: '2024-01-01' }).expect(400)).body.message).toMatch(/property to/);
  });

  it('answers differ by key, q and compared range (ETag), and revalidate with 304', async () => {
    const accountId = accounts[0].id;
    const [a, b] = keysOf(accountId, 'artist');
    const first = await call(entityPath('artist', a), { accountId }).expect(200);
    const second = await call(entityPath('artist', b), { accountId }).expect(200);
    expect(first.headers.etag).not.toBe(second.headers.etag);
    await call(entityPath('artist', a), { accountId }).set('If-None-Match', first.headers.etag).expect(304);
    const q1 = await call('/api/stats/search', { accountId, q: 'song' }).expect(200);
    await call('/api/stats/search', { accountId, q: 'zed' }).set('If-None-Match', q1.headers.etag).expect(200);
    const c1 = await call('/api/stats/compare', { accountId, dimension: 'artists', from: '2024-03-01', to: '2024-04-01' }).expect(200);
    await call('/api/stats/compare', { accountId, dimension: 'tracks', from: '2024-03-01', to: '2024-04-01' })
      .set('If-None-Match', c1.headers.etag)
      .expect(200);
    await call('/api/stats/compare', { accountId, dimension: 'artists', from: '2024-03-01', to: '2024-04-01', compareFrom: '2024-01-01' })
      .set('If-None-Match', c1.headers.etag)
      .expect(200);
  });

  it('name-only keys answer until enrichment moves their plays to ids; then the ids answer, in every zone', async () => {
    const { rows } = await pool.query<{ id: string }>(
      `insert into auth.accounts (spotify_user_id, time_zone) values ('late-insights', 'Asia/Kathmandu') returning id`,
    );
    const accountId = rows[0].id;
    await pool.query(`update raw.plays set loaded_at = loaded_at - interval '1 hour'`);
    for (const table of ['tracks', 'artists', 'albums'])
      await pool.query(`update raw.${table} set updated_at = updated_at - interval '1 hour'`);
    await pool.query(
      `insert into raw.plays (account_id, played_at, track_id, track_name, artist_name, album_name, ms_played, source)
       select $1, timestamptz '2024-10-20T10:00:00Z' + i * interval '7 hours 13 minutes', 'late' || (i % 3), 'Late Song ' || (i % 3), 'Låte Artist', 'Late Album',
         60000 + i * 1000, 'extended_history'
       from generate_series(0, 79) i`,
      [accountId],
    );
    await incrementalRun();
    await heard();
    const check = async (keys: Array<[EntityKind, string]>) => {
      oracle = new Oracle(await loadWorld(pool));
      for (const tz of ZONES)
        for (const bounds of RANGES)
          for (const [kind, key] of keys) {
            const { query, range } = rangeQuery(accountId, tz, bounds, { limit: '10' });
            const label = { kind, key, tz, bounds };
            const body = oracle.entity(accountId, kind, key, range, 'plays', 10);
            expect(body).not.toBeNull();
            expect({ ...label, body: await get(entityPath(kind, key), query) }).toEqual({ ...label, body });
          }
    };
    await check([
      ['artist', 'Låte Artist'],
      ['album', 'Låte Artist - Late Album'],
      ['track', 'late1'],
    ]);
    expect((await get('/api/stats/search', { accountId, q: 'late artist' })).artists.map((a: { artistId: string }) => a.artistId)).toEqual([
      'Låte Artist',
    ]);
    // Enrichment: the catalog learns the tracks, their album and their (id-keyed) artist, with a genre.
    await pool.query(`insert into raw.artists (id, name) values ('late-artist', 'Låte Artist')`);
    await pool.query(`insert into raw.artist_genres (artist_id, genre) values ('late-artist', 'nordic folk')`);
    await pool.query(`insert into raw.albums (id, name) values ('late-album', 'Late Album')`);
    for (let i = 0; i < 3; i++) {
      await pool.query(`insert into raw.tracks (id, name, album_id, duration_ms) values ($1, $2, 'late-album', 200000)`, [
        `late${i}`,
        `Late Song ${i}`,
      ]);
      await pool.query(`insert into raw.track_artists (track_id, position, artist_id) values ($1, 0, 'late-artist')`, [`late${i}`]);
    }
    await incrementalRun();
    await heard();
    await check([
      ['artist', 'late-artist'],
      ['album', 'late-album'],
      ['track', 'late1'],
      ['genre', 'nordic folk'],
    ]);
    await call(entityPath('artist', 'Låte Artist'), { accountId }).expect(404);
    await call(entityPath('album', 'Låte Artist - Late Album'), { accountId }).expect(404);
    expect((await get('/api/stats/search', { accountId, q: 'LATE ARTIST' })).artists.map((a: { artistId: string }) => a.artistId)).toEqual([
      'late-artist',
    ]);
    const compared = await get('/api/stats/compare', { accountId, dimension: 'artists', from: '2024-10-25', to: '2024-11-05', tz: 'UTC' });
    expect(compared).toEqual(
      oracle.compare(
        accountId,
        'artist',
        { from: Date.parse('2024-10-25T00:00:00Z'), to: Date.parse('2024-11-05T00:00:00Z'), tz: 'UTC' },
        { from: Date.parse('2024-10-14T00:00:00Z'), to: Date.parse('2024-10-25T00:00:00Z'), tz: 'UTC' },
        'plays',
        10,
      ),
    );
  }, 120_000);
});
