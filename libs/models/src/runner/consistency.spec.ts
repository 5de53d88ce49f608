import { createHash } from 'node:crypto';
import { Client, Pool } from 'pg';
import { createAccount, createTestDatabase, insertPolledPlays, seedCatalog, TestDatabase } from '@rewind/testing';
import { loadModelProject } from '../load';
import { ModelDefinition } from '../types';
import { TransformRunner } from './runner';

const NEW_TRACKS = ['trTheo1', 'trTheo2', 'trTheo3'];
/**
 * Every relation the models build, row by row (sorted; bookkeeping columns starting with `_`, such
 * as _built_at, left out): what a reader of the marts sees.
 */
async function martsState(db: Pool | Client, only: (model: ModelDefinition) => boolean = () => true): Promise<Record<string, string[]>> {
  const state: Record<string, string[]> = {};
  for (const model of loadModelProject().models.filter(only)) {
    const { rows } = await db.query<{ r: Record<string, unknown> }>(`SELECT to_jsonb(t) AS r FROM marts."${model.name}" t`);
    state[model.name] = rows
      .map(({ r }) => JSON.stringify(Object.fromEntries(Object.entries(r).filter(([k]) => !k.startsWith('_')))))
      .sort();
  }
  return state;
}

/** What a run builds: every model but the staging views, which show raw data as it is (not as of a run). */
const builtByRuns = (model: ModelDefinition) => model.materialized !== 'view' || model.sources.length === 0;

const digest = (state: Record<string, string[]>) => createHash('sha256').update(JSON.stringify(state)).digest('hex');

/** The marts version stats-api reads: the last finished run. */
async function martsVersion(db: Pool | Client): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM transform.runs WHERE finished_at IS NOT NULL ORDER BY requested_at DESC, finished_at DESC LIMIT 1`,
  );
  return rows[0]?.id ?? null;
}

/**
 * Plays of "Theo Mikasa" imported before his tracks were enriched: by track id with only names
 * (account a), and by name alone (account b, no id at all: they stay name-only).
 */
async function importTheo(pool: Pool, a: string, b: string, from: string, count: number): Promise<void> {
  await pool.query(
    `INSERT INTO raw.plays (account_id, played_at, track_id, track_name, artist_name, album_name, ms_played, source)
     SELECT $1::uuid, $3::timestamptz + i * interval '7 hours', ($4::text[])[1 + i % 3], 'Theo Song ' || (1 + i % 3), 'Theo Mikasa', 'Theo Album', 150000 + i, 'extended_history'
     FROM generate_series(0, $5::int - 1) i
     UNION ALL
     SELECT $2::uuid, $3::timestamptz + i * interval '9 hours', NULL, 'Theo Song ' || (1 + i % 3), 'Theo Mikasa', 'Theo Album', 90000 + i, 'extended_history'
     FROM generate_series(0, $5::int - 1) i`,
    [a, b, from, `{${NEW_TRACKS.join(',')}}`, count],
  );
}

/** What the enrichment worker writes once Spotify answers for Theo's tracks: the artist, the album, the tracks and their links. */
async function enrichTheo(pool: Pool): Promise<void> {
  await pool.query(
    `INSERT INTO raw.artists (id, name, image_url, enriched_at) VALUES ('arTheo', 'Theo Mikasa', 'https://img.example/theo', now())`,
  );
  await pool.query(`INSERT INTO raw.artist_genres (artist_id, genre) VALUES ('arTheo', 'jazz')`);
  await pool.query(`INSERT INTO raw.albums (id, name) VALUES ('alTheo', 'Theo Album')`);
  await pool.query(`INSERT INTO raw.album_artists (album_id, position, artist_id) VALUES ('alTheo', 0, 'arTheo')`);
  await pool.query(
    `INSERT INTO raw.tracks (id, name, album_id, duration_ms, enriched_at)
     SELECT id, 'Theo Song ' || n, 'alTheo', 200000, now() FROM unnest($1::text[]) WITH ORDINALITY u(id, n)`,
    [NEW_TRACKS],
  );
  await pool.query(`INSERT INTO raw.track_artists (track_id, position, artist_id) SELECT id, 0, 'arTheo' FROM unnest($1::text[]) id`, [
    NEW_TRACKS,
  ]);
}

describe('incremental runs when a play changes identity, and what readers see during a run', () => {
  let db: TestDatabase;
  let pool: Pool;
  let runner: TransformRunner;
  let a: string;
  let b: string;

  const run = async (fullRefresh = false) => {
    const result = await runner.run({ fullRefresh });
    expect(result.error).toBeNull();
    return result;
  };
  /** The marts after an incremental run must be what a full refresh of the same data builds. */
  const expectEqualToFullRefresh = async () => {
    const incremental = await martsState(pool);
    await run(true);
    const full = await martsState(pool);
    const differing = Object.keys(full).filter((name) => JSON.stringify(incremental[name]) !== JSON.stringify(full[name]));
    expect(differing).toEqual([]);
    expect(incremental).toEqual(full);
  };
  const discoveries = async (account: string) =>
    (
      await pool.query<{ item_key: string }>(
        `SELECT item_key FROM marts.mart_discoveries WHERE account_id = $1 AND kind = 'artist' AND item_key IN ('arTheo', 'Theo Mikasa') ORDER BY 1`,
        [account],
      )
    ).rows.map((r) => r.item_key);

  beforeEach(async () => {
    db = await createTestDatabase();
    pool = new Pool({ connectionString: db.url, max: 4 });
    runner = new TransformRunner(pool, { sourceOverlapMs: 0 });
    await seedCatalog(pool, { artists: 12, albums: 8, tracks: 40 });
    a = await createAccount(pool, 'a', 'Europe/Berlin');
    b = await createAccount(pool, 'b', null);
    await insertPolledPlays(pool, a, 120, { from: new Date('2025-03-01T08:00:00Z'), gapMs: 600_000, tracks: 40, seed: 3 });
    await insertPolledPlays(pool, b, 80, { from: new Date('2025-03-02T18:00:00Z'), gapMs: 900_000, tracks: 40, seed: 4 });
    await importTheo(pool, a, b, '2025-02-20T10:00:00Z', 12);
  });

  afterEach(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('enrichment after a run: the next incremental run drops what the name-only key built', async () => {
    await run();
    expect(await discoveries(a)).toEqual(['Theo Mikasa']);
    await enrichTheo(pool);
    const incremental = await run();
    expect(incremental.models.find((m) => m.name === 'fct_plays')).toMatchObject({ mode: 'incremental' });
    // a's plays all carry the id now; b's have no id, so b keeps the name.
    expect(await discoveries(a)).toEqual(['arTheo']);
    expect(await discoveries(b)).toEqual(['Theo Mikasa']);
    await expectEqualToFullRefresh();
  });

  it('enrichment between two incremental runs, with new plays on both sides of it', async () => {
    await run();
    await insertPolledPlays(pool, a, 30, { from: new Date('2025-03-20T08:00:00Z'), gapMs: 600_000, tracks: 40, seed: 5 });
    await run();
    await enrichTheo(pool);
    await importTheo(pool, a, b, '2025-01-10T10:00:00Z', 6);
    await insertPolledPlays(pool, b, 20, { from: new Date('2025-03-25T08:00:00Z'), gapMs: 600_000, tracks: 40, seed: 6 });
    await run();
    expect(await discoveries(a)).toEqual(['arTheo']);
    await expectEqualToFullRefresh();
  });

  it('a new time zone: days its plays left are deleted by the next incremental run', async () => {
    await run();
    const days = async () =>
      (await pool.query<{ d: string }>(`SELECT local_date::text AS d FROM marts.agg_daily WHERE account_id = $1 ORDER BY 1`, [a])).rows.map(
        (r) => r.d,
      );
    const before = await days();
    await pool.query(`UPDATE auth.accounts SET time_zone = 'America/Los_Angeles' WHERE id = $1`, [a]);
    const moved = await run();
    expect(moved.models.find((m) => m.name === 'agg_daily')).toMatchObject({ mode: 'incremental' });
    const after = await days();
    expect(before.filter((d) => !after.includes(d))).not.toEqual([]);
    await expectEqualToFullRefresh();
  });

  it.each([
    ['an incremental run', false],
    ['a full refresh', true],
  ])('a reader during %s sees the marts and their version as before it, then as after it', async (_label, fullRefresh) => {
    await run();
    const before = digest(await martsState(pool, builtByRuns));
    const versionBefore = await martsVersion(pool);
    await enrichTheo(pool);
    await insertPolledPlays(pool, a, 30, { from: new Date('2025-03-20T08:00:00Z'), gapMs: 600_000, tracks: 40, seed: 7 });
    const reader = new Client({ connectionString: db.url });
    await reader.connect();
    const seen: string[] = [];
    const look = async (when: string) => {
      const state = digest(await martsState(reader, builtByRuns));
      const version = await martsVersion(reader);
      seen.push(`${when}: ${state === before && version === versionBefore ? 'before' : 'other'}`);
    };
    try {
      const observed = new TransformRunner(pool, {
        sourceOverlapMs: 0,
        hooks: { afterModel: (name) => look(`after ${name}`), beforeSwap: (name) => look(`before swapping ${name}`) },
      });
      const result = await observed.run({ fullRefresh });
      expect(result.error).toBeNull();
      expect(seen.length).toBeGreaterThanOrEqual(result.models.length);
      expect(seen.filter((s) => !s.endsWith('before'))).toEqual([]);
      const after = await martsState(reader, builtByRuns);
      expect(digest(after)).not.toBe(before);
      expect(await martsVersion(reader)).toBe(result.runId);
      // What the reader sees after the run is the run's whole result.
      expect(after).toEqual(await martsState(pool, builtByRuns));
    } finally {
      await reader.end();
    }
  });
});
