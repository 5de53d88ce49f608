import { exportPlayRows } from '@rewind/spotify-emulator';
import { Pool } from 'pg';
import {
  createAccount,
  createTestDatabase,
  EXPORT_PLATFORMS,
  insertImportedPlays,
  insertPolledPlays,
  seedCatalog,
  TestDatabase,
} from '@rewind/testing';
import { TransformRunner } from './runner';

/** The family each `platform` of EXPORT_PLATFORMS (and of the emulator's exports) belongs to. */
const FAMILY: Record<string, string> = {
  android: 'android',
  ios: 'ios',
  osx: 'macos',
  windows: 'windows',
  linux: 'linux',
  web_player: 'web',
  cast_to_device: 'cast',
  not_applicable: 'other',
  'Android OS 14 API 34 (Google, Pixel 8)': 'android',
  'Android-tablet OS 9 API 28 (samsung, SM-T510)': 'android',
  'iOS 17.1.1 (iPhone15,2)': 'ios',
  'iOS 12.1.4 (iPad7,5)': 'ios',
  'OS X 14.1.0 [arm 2]': 'macos',
  'OS X 10.15.7 [x86 8]': 'macos',
  'Windows 10 (10.0.19045; x64)': 'windows',
  'Windows 7 (6.1.7601; x64; SP1; S)': 'windows',
  'Linux [x86-64 0]': 'linux',
  'web_player windows 10;chrome 120.0.0.0;desktop': 'web',
  'web_player osx 10.15.7;safari 17.1;desktop': 'web',
  'WebPlayer (websocket RFC6455)': 'web',
  'Partner google cast_tv Google;Chromecast': 'cast',
  'Partner sonos_arm Sonos;One': 'cast',
  'Partner android_tv Sony;BRAVIA 4K': 'cast',
  'Partner amazon_salmon Amazon;Echo Dot;6f3c': 'cast',
  'webOS TV': 'other',
  'PlayStation 4': 'other',
  '': 'other',
};

const BEHAVIOUR = `skipped, shuffle, platform, offline, reason_start, reason_end`;
const NULLS = { skipped: null, shuffle: null, platform: null, offline: null, reason_start: null, reason_end: null };

/** Every row of a marts relation (bookkeeping columns starting with `_` left out), in a stable order. */
async function rowsOf(pool: Pool, relation: string): Promise<string[]> {
  const { rows } = await pool.query<{ r: Record<string, unknown> }>(`SELECT to_jsonb(t) AS r FROM marts."${relation}" t`);
  return rows.map(({ r }) => JSON.stringify(Object.fromEntries(Object.entries(r).filter(([k]) => !k.startsWith('_'))))).sort();
}

/**
 * The listening behaviour an extended-history export records (skipped, shuffle, platform,
 * offline, reason_start, reason_end) reaches stg_plays and fct_plays, the platform as its family;
 * polled plays and account-data imports carry nulls; the incremental path equals a full refresh.
 */
describe('listening behaviour from exports in stg_plays and fct_plays', () => {
  let db: TestDatabase;
  let pool: Pool;
  let runner: TransformRunner;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new Pool({ connectionString: db.url, max: 3 });
    runner = new TransformRunner(pool, { sourceOverlapMs: 0 });
    await seedCatalog(pool, { artists: 20, albums: 10, tracks: 60 });
  });

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  const run = async (fullRefresh = false) => {
    const result = await runner.run({ fullRefresh });
    expect(result.error).toBeNull();
    expect(result.tests.filter((t) => t.status !== 'pass')).toEqual([]);
    return result;
  };

  it("carries an imported export's fields into fct_plays with the platform's family; polls and account data carry nulls", async () => {
    const account = await createAccount(pool, 'behaviour', 'Europe/Stockholm');
    // An emulator export's plays, stored as the importer stores them (raw.plays of extended history).
    const platforms = ['android', 'ios', 'osx', 'windows', 'linux', 'web_player', 'cast_to_device', 'not_applicable'];
    const truth = [
      ...exportPlayRows({ listenerId: 'behaviour', seed: 25, plays: 400, now: '2025-06-01T00:00:00Z', habits: { platforms } }),
    ];
    expect(new Set(truth.map((p) => p.platform))).toEqual(new Set(platforms));
    expect(new Set(truth.map((p) => p.skipped))).toEqual(new Set([true, false]));
    await pool.query(
      `INSERT INTO raw.plays (account_id, played_at, track_id, track_name, artist_name, album_name, ms_played, source,
                              reason_start, reason_end, shuffle, skipped, offline, offline_at, platform, conn_country)
       SELECT $1, to_timestamp(x.at / 1000.0), x.track_id, x.track_name, x.artist_name, x.album_name, x.ms, 'extended_history',
              x.reason_start, x.reason_end, x.shuffle, x.skipped, x.offline, to_timestamp(x.offline_at / 1000.0), x.platform, x.country
       FROM jsonb_to_recordset($2::jsonb) AS x(at bigint, track_id text, track_name text, artist_name text, album_name text, ms integer,
         reason_start text, reason_end text, shuffle boolean, skipped boolean, offline boolean, offline_at bigint, platform text, country text)`,
      [
        account,
        JSON.stringify(
          truth.map((p) => ({
            at: p.playedAtMs,
            track_id: p.trackId,
            track_name: p.trackName,
            artist_name: p.artistName,
            album_name: p.albumName,
            ms: p.msPlayed,
            reason_start: p.reasonStart,
            reason_end: p.reasonEnd,
            shuffle: p.shuffle,
            skipped: p.skipped,
            offline: p.offline,
            offline_at: p.offlineAtMs,
            platform: p.platform,
            country: p.country,
          })),
        ),
      ],
    );
    // Every platform shape of FAMILY, one play each, a day after the export.
    const shapes = Object.keys(FAMILY);
    await pool.query(
      `INSERT INTO raw.plays (account_id, played_at, track_id, ms_played, source, platform, skipped, shuffle, offline, reason_start, reason_end)
       SELECT $1, timestamptz '2025-06-02T08:00:00Z' + n * interval '5 minutes', 'tr1', 60000, 'extended_history', platform,
              false, true, false, 'clickrow', 'trackdone'
       FROM unnest($2::text[]) WITH ORDINALITY u(platform, n)`,
      [account, shapes],
    );
    // Polled plays, with and without ms_played, and an account-data import: no behaviour recorded.
    await insertPolledPlays(pool, account, 20, { from: new Date('2025-06-03T08:00:00Z'), gapMs: 200_000, tracks: 60, seed: 3 });
    await pool.query(
      `INSERT INTO raw.plays (account_id, played_at, track_id, ms_played, source)
       VALUES ($1, '2025-06-04T08:00:00Z', 'tr2', 100000, 'poll')`,
      [account],
    );
    await pool.query(
      `INSERT INTO raw.plays (account_id, played_at, track_name, artist_name, ms_played, source)
       VALUES ($1, '2025-06-04T09:00:00Z', 'Some Song', 'Some Artist', 95000, 'account_data')`,
      [account],
    );
    await run();

    const fct = await pool.query(
      `SELECT (extract(epoch FROM played_at) * 1000)::bigint AS at, source, ${BEHAVIOUR} FROM marts.fct_plays WHERE account_id = $1 ORDER BY played_at`,
      [account],
    );
    const stg = await pool.query(`SELECT played_at, ${BEHAVIOUR} FROM marts.stg_plays WHERE account_id = $1 ORDER BY played_at`, [account]);
    const fctNoAt = fct.rows.map(({ at: _, source: __, ...rest }) => rest);
    expect(stg.rows.map(({ played_at: _, ...rest }) => rest)).toEqual(fctNoAt);

    const imported = fct.rows.filter((r) => Number(r.at) <= truth[truth.length - 1].playedAtMs);
    expect(imported).toEqual(
      truth.map((p) => ({
        at: String(p.playedAtMs),
        source: 'extended_history',
        skipped: p.skipped,
        shuffle: p.shuffle,
        platform: FAMILY[p.platform],
        offline: p.offline,
        reason_start: p.reasonStart,
        reason_end: p.reasonEnd,
      })),
    );
    const byShape = fct.rows.filter((r) => Number(r.at) >= Date.parse('2025-06-02T00:00:00Z') && r.source === 'extended_history');
    expect(byShape.map((r) => r.platform)).toEqual(shapes.map((s) => FAMILY[s]));
    expect(byShape[0]).toMatchObject({ skipped: false, shuffle: true, offline: false, reason_start: 'clickrow', reason_end: 'trackdone' });

    const others = fct.rows.filter((r) => r.source !== 'extended_history');
    expect(others.map((r) => r.source).sort()).toEqual(['account_data', ...Array(21).fill('poll')]);
    for (const { at: _, source: __, ...behaviour } of others) expect(behaviour).toEqual(NULLS);

    // The country, the raw platform string and nothing personal stay out of the marts.
    const columns = await pool.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'marts' AND table_name IN ('stg_plays', 'fct_plays')`,
    );
    const names = columns.rows.map((c) => c.column_name);
    for (const column of ['skipped', 'shuffle', 'platform', 'offline', 'reason_start', 'reason_end'])
      expect(
        columns.rows
          .filter((c) => c.column_name === column)
          .map((c) => c.table_name)
          .sort(),
      ).toEqual(['fct_plays', 'stg_plays']);
    for (const column of ['conn_country', 'offline_at', 'ip_addr', 'username', 'user_agent_decrypted']) expect(names).not.toContain(column);
    const families = await pool.query(`SELECT DISTINCT platform FROM marts.fct_plays WHERE platform IS NOT NULL ORDER BY 1`);
    expect(families.rows.map((r) => r.platform)).toEqual(['android', 'cast', 'ios', 'linux', 'macos', 'other', 'web', 'windows']);
  });

  it('incremental runs carry the fields like a full refresh does', async () => {
    const account = await createAccount(pool, 'behaviour-incremental', null);
    await insertImportedPlays(pool, account, 60, { from: new Date('2025-03-01T10:00:00Z'), gapMs: 400_000, tracks: 60, seed: 4 });
    await insertPolledPlays(pool, account, 30, { from: new Date('2025-03-02T10:00:00Z'), gapMs: 200_000, tracks: 60, seed: 5 });
    await run();
    for (let round = 0; round < 3; round++) {
      // New imports in the middle of the history and polls after it.
      await insertImportedPlays(pool, account, 12, {
        from: new Date(Date.UTC(2025, 2, 1, 13 + round, 7)),
        gapMs: 90_000,
        tracks: 60,
        seed: 40 + round,
      });
      const { rows } = await pool.query(`SELECT max(played_at) AS t FROM raw.plays WHERE account_id = $1`, [account]);
      await insertPolledPlays(pool, account, 5, {
        from: new Date(rows[0].t.getTime() + 60_000),
        gapMs: 150_000,
        tracks: 60,
        seed: 50 + round,
      });
      const inc = await run();
      expect(inc.models.find((m) => m.name === 'fct_plays')).toMatchObject({ mode: 'incremental' });
      const incremental = await rowsOf(pool, 'fct_plays');
      await run(true);
      expect(await rowsOf(pool, 'fct_plays')).toEqual(incremental);
    }
    const { rows } = await pool.query(
      `SELECT source, count(*)::int AS n, count(platform)::int AS platforms, count(skipped)::int AS skipped, count(reason_end)::int AS reasons
       FROM marts.fct_plays WHERE account_id = $1 GROUP BY source ORDER BY source`,
      [account],
    );
    expect(rows).toEqual([
      // EXPORT_PLATFORMS holds one null in 14; a quarter of the seeded rows have skipped null.
      { source: 'extended_history', n: 96, platforms: expect.any(Number), skipped: expect.any(Number), reasons: 96 },
      { source: 'poll', n: 45, platforms: 0, skipped: 0, reasons: 0 },
    ]);
    expect(rows[0].platforms).toBeGreaterThan(80);
    expect(rows[0].platforms).toBeLessThan(96);
    expect(EXPORT_PLATFORMS).toContain(null);
  });
});
