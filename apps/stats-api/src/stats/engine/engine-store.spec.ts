import { INestApplication } from '@nestjs/common';
import { DateTime } from 'luxon';
import { Pool } from 'pg';
import request from 'supertest';
import { TransformRunner } from '@rewind/models';
import { baseTestEnv, createServiceTestApp, createTestDatabase, TestDatabase } from '@rewind/testing';
import { AppModule } from '../../app.module';
import { SERVICE } from '../../service';
import { buildMarts } from '../../testing/build-marts';
import { loadWorld, Oracle, Range } from '../../testing/oracle';
import { SeedAccount, seedRandomHistory } from '../../testing/seed';
import { LookupCache } from '../lookup-cache';
import { StatsEngineStore } from './engine-store';

/** How the engine follows the marts: recent plays applied in place, full loads behind the previous state, zone changes, enrichment. */
describe('stats engine store', () => {
  let db: TestDatabase;
  let pool: Pool;
  let app: INestApplication;
  let accounts: SeedAccount[];

  const store = () => app.get(StatsEngineStore);
  /** stats-api has heard of every commit so far and read the accounts it holds again. */
  const heard = async () => {
    await app.get(LookupCache).sync();
    await store().settled();
  };
  const incrementalRun = async () => {
    const result = await new TransformRunner(pool).run({ fullRefresh: false, trigger: 'manual' });
    expect(result.status).toBe('succeeded');
  };
  const get = async (route: string, query: Record<string, string>) => {
    const res = await request(app.getHttpServer()).get(`/api/stats/${route}`).query(query);
    if (res.status !== 200) throw new Error(`${route} ${JSON.stringify(query)} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const lastChange = (accountId: string) =>
    store()
      .changes.filter((c) => c.accountId === accountId)
      .pop();

  /** Every route over a few ranges in a few zones equals the oracle over the raw plays as they are now. */
  const expectOracleAnswers = async (accountId: string, zones: string[]) => {
    const oracle = new Oracle(await loadWorld(pool));
    for (const tz of zones) {
      for (const [from, to] of [
        [null, null],
        ['2024-03-30', '2024-11-02T18:00:00'],
        [DateTime.now().minus({ days: 2 }).toISODate(), null],
      ] as Array<[string | null, string | null]>) {
        const at = (text: string | null) => (text === null ? null : DateTime.fromISO(text, { zone: tz }).toMillis());
        const range: Range = { from: at(from), to: at(to), tz };
        const query: Record<string, string> = { accountId, tz, limit: '50' };
        if (from) query.from = from;
        if (to) query.to = to;
        const label = { tz, from, to };
        const same = async (route: string, extra: Record<string, string>, expected: unknown) =>
          expect({ ...label, route, body: await get(route, { ...query, ...extra }) }).toEqual({ ...label, route, body: expected });
        await same('summary', {}, oracle.summary(accountId, range));
        await same('top-artists', {}, oracle.topArtists(accountId, range, 'plays', 50));
        await same('top-tracks', { by: 'minutes' }, oracle.topTracks(accountId, range, 'minutes', 50));
        await same('top-albums', {}, oracle.topAlbums(accountId, range, 'plays', 50));
        await same('top-genres', {}, oracle.topGenres(accountId, range, 'plays', 50));
        await same('activity', { bucket: 'day' }, oracle.activity(accountId, range, 'day'));
        await same('heatmap', {}, oracle.heatmap(accountId, range));
        await same('recent', {}, oracle.recent(accountId, range, 50));
        await same('discoveries', {}, oracle.discoveries(accountId, range, 50));
        await same('sessions', {}, oracle.sessions(accountId, range, 50));
        await same('streaks', {}, oracle.streaks(accountId, range));
      }
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new Pool({ connectionString: db.url, max: 3 });
    accounts = await seedRandomHistory(pool, 11, ['Europe/Berlin', 'America/New_York'], 400);
    await buildMarts(pool);
    app = await createServiceTestApp(
      AppModule.forRoot({ ...baseTestEnv(db.url), PORT: 0, STATS_CACHE_ENTRIES: 0, LOG_LEVEL: 'error' }),
      SERVICE,
    );
  });

  afterAll(async () => {
    await app?.close();
    await pool?.end();
    await db?.drop();
  });

  it('applies a 50-play poll after a run to the held state without a full load; answers equal the oracle', async () => {
    const account = accounts[1];
    // The history and catalog were loaded long before this poll: a run re-reads what changed within
    // its overlap (a second) before the previous run, which would rebuild plays from years ago.
    await pool.query(`update raw.plays set loaded_at = loaded_at - interval '1 hour'`);
    for (const table of ['tracks', 'artists', 'albums'])
      await pool.query(`update raw.${table} set updated_at = updated_at - interval '1 hour'`);
    // The first incremental run after a full refresh rebuilds every play (the runner's choice): settle that first.
    await incrementalRun();
    await heard();
    await get('summary', { accountId: account.id });
    expect(lastChange(account.id)?.kind).toBe('full');
    const { rows } = await pool.query<{ last: Date }>(`select max(played_at) as last from raw.plays where account_id = $1`, [account.id]);
    await pool.query(
      `insert into raw.plays (account_id, played_at, track_id, source)
       select $1, $2::timestamptz + i * interval '61 seconds', 'tr' || (1 + i % 40), 'poll' from generate_series(1, 50) i`,
      [account.id, rows[0].last],
    );
    await incrementalRun();
    await heard();
    expect(lastChange(account.id)?.kind).toBe('recent');
    await expectOracleAnswers(account.id, ['America/New_York', 'Asia/Kolkata', 'UTC']);
  }, 120_000);

  it('keeps answering from the previous state while a run that needs a full load is read, then from the new one', async () => {
    const account = accounts[0];
    const before = await get('summary', { accountId: account.id });
    const oldVersion = (await request(app.getHttpServer()).get('/api/stats/summary').query({ accountId: account.id })).headers[
      'x-rewind-marts-version'
    ];
    // An import into the past: plays before the state's cutoff changed, so the account is read in full.
    await pool.query(
      `insert into raw.plays (account_id, played_at, track_id, ms_played, source) values ($1, '2023-06-01T12:00:00Z', 'tr1', 90000, 'extended_history')`,
      [account.id],
    );
    const runId = await buildMarts(pool);
    await app.get(LookupCache).sync();
    const { stats } = await store().statsFor(account.id, `${runId}@later`);
    expect(stats.state.version).toBe(oldVersion);
    expect(stats.summary({ from: null, to: null, tz: 'UTC' }).plays).toBe(before.plays);
    await store().settled();
    expect(lastChange(account.id)?.kind).toBe('full');
    expect((await get('summary', { accountId: account.id })).plays).toBe(before.plays + 1);
  });

  it("answers in the account's new zone once its time zone changes (default zone, no tz given)", async () => {
    const account = accounts[0];
    await pool.query(`update auth.accounts set time_zone = 'Asia/Kathmandu' where id = $1`, [account.id]);
    await incrementalRun();
    await heard();
    const oracle = new Oracle(await loadWorld(pool));
    const range = { from: null, to: null, tz: 'Asia/Kathmandu' };
    expect(await get('activity', { accountId: account.id, bucket: 'hour' })).toEqual(oracle.activity(account.id, range, 'hour'));
    expect(await get('activity', { accountId: account.id, bucket: 'day' })).toEqual(oracle.activity(account.id, range, 'day'));
    expect(await get('heatmap', { accountId: account.id })).toEqual(oracle.heatmap(account.id, range));
    expect(await get('streaks', { accountId: account.id })).toEqual(oracle.streaks(account.id, range));
    expect(await get('wrapped', { accountId: account.id, year: '2024' })).toEqual(
      oracle.wrapped(account.id, 2024, 'Asia/Kathmandu', 'plays', 10),
    );
  });

  it('never lists an artist twice (by name and by id) once enrichment links its plays, in any zone', async () => {
    const { rows } = await pool.query<{ id: string }>(
      `insert into auth.accounts (spotify_user_id, time_zone) values ('late-enriched', 'Australia/Adelaide') returning id`,
    );
    const accountId = rows[0].id;
    // Plays whose tracks the catalog does not know yet: their artist is known by name only.
    await pool.query(
      `insert into raw.plays (account_id, played_at, track_id, track_name, artist_name, album_name, ms_played, source)
       select $1, timestamptz '2024-04-06T10:00:00Z' + i * interval '37 minutes', 'late' || (i % 3), 'Late Song ' || (i % 3), 'Late Artist', 'Late Album',
         60000 + i * 1000, 'extended_history'
       from generate_series(0, 59) i`,
      [accountId],
    );
    await incrementalRun();
    await heard();
    const byName = await get('top-artists', { accountId, limit: '100' });
    expect(byName.map((a: { artistId: string }) => a.artistId)).toEqual(['Late Artist']);
    // Enrichment: the catalog learns the tracks, their album and their (id-keyed) artist.
    await pool.query(`insert into raw.artists (id, name) values ('late-artist', 'Late Artist')`);
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
    for (const tz of ['Australia/Adelaide', 'UTC', 'America/New_York', 'Asia/Kathmandu']) {
      const artists = await get('top-artists', { accountId, tz, limit: '100' });
      expect({ tz, artists: artists.map((a: { artistId: string }) => a.artistId) }).toEqual({ tz, artists: ['late-artist'] });
      expect((await get('summary', { accountId, tz })).distinctArtists).toBe(1);
    }
    await expectOracleAnswers(accountId, ['Australia/Adelaide', 'UTC', 'Pacific/Chatham']);
  }, 120_000);
});
