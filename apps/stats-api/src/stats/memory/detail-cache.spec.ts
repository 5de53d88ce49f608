import { Pool } from 'pg';
import { createTestDatabase, TestDatabase } from '@rewind/testing';
import { buildMarts } from '../../testing/build-marts';
import { SeedAccount, seedRandomHistory } from '../../testing/seed';
import { DetailCache } from './detail-cache';
import { loadDayIndex } from './day-index.loader';

/** DetailCache reads names and plays once per index and then answers from memory. */
describe('stats-api detail cache', () => {
  let db: TestDatabase;
  let pool: Pool;
  let account: SeedAccount;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new Pool({ connectionString: db.url, max: 2 });
    [account] = await seedRandomHistory(pool, 11, ['Europe/Berlin'], 200);
    await buildMarts(pool);
  });

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  const countingQueries = () => {
    const spy = jest.spyOn(pool, 'query');
    return { count: () => spy.mock.calls.length, done: () => spy.mockRestore() };
  };

  it('reads the details of keys once, several dimensions in one query, and knows keys without an all-time row', async () => {
    const { rows: tracks } = await pool.query(
      `select track_key, track_name, artist_name from marts.agg_alltime_tracks where account_id = $1 order by track_key limit 3`,
      [account.id],
    );
    const { rows: artists } = await pool.query(
      `select artist_key, artist_name from marts.agg_alltime_artists where account_id = $1 order by artist_key limit 2`,
      [account.id],
    );
    const cache = new DetailCache(account.id, pool);
    const queries = countingQueries();
    try {
      const trackKeys = [...tracks.map((t) => t.track_key), 'no such track'];
      const [byTrack, byArtist] = await Promise.all([
        cache.details('tracks', trackKeys),
        cache.details(
          'artists',
          artists.map((a) => a.artist_key),
        ),
      ]);
      expect(queries.count()).toBe(1);
      expect(tracks.map((t) => ({ name: byTrack.get(t.track_key)?.name, artist: byTrack.get(t.track_key)?.artist_name }))).toEqual(
        tracks.map((t) => ({ name: t.track_name, artist: t.artist_name })),
      );
      expect(byTrack.get('no such track')).toBeNull();
      expect(artists.map((a) => byArtist.get(a.artist_key)?.name)).toEqual(artists.map((a) => a.artist_name));

      const again = await cache.details('tracks', trackKeys);
      expect(queries.count()).toBe(1);
      expect(again).toEqual(byTrack);
    } finally {
      queries.done();
    }
  });

  it('reads plays by the instants the play log holds, once, and knows an instant that is no play', async () => {
    const client = await pool.connect();
    let at: Float64Array;
    try {
      at = (await loadDayIndex(client, account.id, Number.MAX_SAFE_INTEGER)).index!.log.at;
    } finally {
      client.release();
    }
    // The latest plays, newest first, as the recent route picks them.
    const picked = [...at.slice(-4)].reverse();
    const cache = new DetailCache(account.id, pool);
    const queries = countingQueries();
    try {
      const rows = await cache.playsAt(picked);
      expect(queries.count()).toBe(1);
      const { rows: expected } = await pool.query(
        `select played_at, track_key, track_name, artist_name, album_key, listening_ms::text as ms, source from marts.fct_plays where account_id = $1 order by played_at desc limit 4`,
        [account.id],
      );
      expect(
        rows!.map((r) => ({
          played_at: r.played_at,
          track_key: r.track_key,
          track_name: r.track_name,
          artist_name: r.artist_name,
          album_key: r.album_key,
          ms: r.ms,
          source: r.source,
        })),
      ).toEqual(expected);
      expect(await cache.playsAt(picked.slice(1, 3))).toEqual(rows!.slice(1, 3));
      expect(queries.count()).toBe(2);
    } finally {
      queries.done();
    }
    // One millisecond off a play: not a play (the caller answers from SQL).
    expect(await cache.playsAt([picked[0] + 1, picked[1]])).toBeNull();
  });
});
