import { Pool } from 'pg';
import type { QueryRunner } from 'typeorm';
import { MIGRATIONS } from '@rewind/db';
import { createAccount, createTestDatabase, insertImportedPlays, insertPolledPlays, seedCatalog, TestDatabase } from '@rewind/testing';
import { loadModelProject } from '../load';
import { TransformRunner } from './runner';

/** Every model's rows, ignoring the build stamp, in a stable order. */
async function snapshot(pool: Pool, name: string): Promise<string[]> {
  const { rows } = await pool.query(`SELECT to_jsonb(t) - '_built_at' AS r FROM marts."${name}" t`);
  return rows.map((r) => JSON.stringify(r.r)).sort();
}

describe('TransformRunner on the shipped models', () => {
  let db: TestDatabase;
  let pool: Pool;
  let runner: TransformRunner;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new Pool({ connectionString: db.url, max: 4 });
    // No overlap margin here so the batch sizes below are exact (production keeps 1 s).
    runner = new TransformRunner(pool, { sourceOverlapMs: 0 });
    await seedCatalog(pool, { artists: 40, albums: 30, tracks: 200 });
  });

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('builds everything, then incremental runs equal a full refresh after random batches', async () => {
    const a = await createAccount(pool, 'u1', 'Europe/Berlin');
    const b = await createAccount(pool, 'u2', null);
    await insertPolledPlays(pool, a, 300, { from: new Date('2025-12-20T10:00:00Z'), gapMs: 200_000, tracks: 200, seed: 1 });
    await insertImportedPlays(pool, b, 200, { from: new Date('2024-12-30T22:00:00Z'), gapMs: 400_000, tracks: 200, seed: 2 });
    const first = await runner.run({});
    expect(first.error).toBeNull();
    expect(first.status).toBe('succeeded');
    expect(first.tests.every((t) => t.status === 'pass')).toBe(true);

    const project = loadModelProject();
    const tables = project.models.filter((m) => m.materialized !== 'view').map((m) => m.name);
    let seed = 10;
    for (let round = 0; round < 4; round++) {
      seed++;
      if (round === 1) {
        // Nothing new: fct_plays finds an empty batch and every model reading only models is skipped
        // (their watermarks stay, so the next run below still catches up; the equality check proves it).
        const idle = await runner.run({});
        expect(idle.error).toBeNull();
        const modes = Object.fromEntries(idle.models.map((m) => [m.name, [m.mode, m.rows]]));
        expect(modes).toMatchObject({
          fct_plays: ['incremental', 0],
          agg_daily: ['unchanged', 0],
          agg_daily_tracks: ['unchanged', 0],
          mart_sessions: ['unchanged', 0],
          mart_discoveries: ['unchanged', 0],
          // It reads raw.artist_genres itself, so it runs (an empty batch).
          agg_daily_genres: ['incremental', 0],
        });
      }
      // New polls at the end, imports in the middle of history, and a catalog update.
      // New polls right after the last one (so the last play's listening time now ends at the next play),
      // polls between existing ones, and imported history in the middle of another account's plays.
      const { rows: last } = await pool.query(`SELECT max(played_at) AS t FROM raw.plays WHERE account_id = $1`, [a]);
      await insertPolledPlays(pool, a, 20 + round * 7, {
        from: new Date(last[0].t.getTime() + 45_000 + round * 700_000),
        gapMs: 150_000 + round * 400_000,
        tracks: 200,
        seed,
      });
      await insertPolledPlays(pool, a, 3, {
        from: new Date(Date.UTC(2025, 11, 20, 10 + round * 3, 1, 7)),
        gapMs: 40_000,
        tracks: 200,
        seed: seed + 100,
      });
      await insertImportedPlays(pool, b, 15, {
        from: new Date(Date.UTC(2025, 0, 3 + round * 5, 23, 30)),
        gapMs: 900_000,
        tracks: 200,
        seed,
      });
      if (round === 2)
        await pool.query(`UPDATE raw.tracks SET duration_ms = duration_ms + 1000, updated_at = now() WHERE id IN ('tr5', 'tr6')`);
      const inc = await runner.run({});
      expect(inc.error).toBeNull();
      const fct = inc.models.find((m) => m.name === 'fct_plays')!;
      expect(fct.mode).toBe('incremental');
      expect(fct.rows).toBeLessThan(150);
      const incremental = Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await snapshot(pool, t)] as const)));
      const full = await runner.run({ fullRefresh: true });
      expect(full.error).toBeNull();
      for (const t of tables) expect({ model: t, rows: await snapshot(pool, t) }).toEqual({ model: t, rows: incremental[t] });
      expect(incremental.fct_plays.length).toBe(Number((await pool.query(`SELECT count(*) FROM raw.plays`)).rows[0].count));
    }
  });

  it('continues a long session: one session row rewritten, equal to a full rebuild', async () => {
    const c = await createAccount(pool, 'u3', 'Asia/Tokyo');
    // One unbroken session: a play every 200 s (tracks last 120-360 s, so no gap reaches 10 minutes).
    await insertPolledPlays(pool, c, 400, { from: new Date('2025-06-01T00:00:00Z'), gapMs: 200_000, tracks: 200, seed: 7 });
    expect((await runner.run({})).error).toBeNull();
    const session = async () =>
      (await pool.query(`SELECT plays, distinct_tracks, session_start FROM marts.mart_sessions WHERE account_id = $1`, [c])).rows;
    const before = await session();
    expect(before).toHaveLength(1);
    expect(before[0].plays).toBe(400);

    const { rows: last } = await pool.query(`SELECT max(played_at) AS t FROM raw.plays WHERE account_id = $1`, [c]);
    await insertPolledPlays(pool, c, 5, { from: new Date(last[0].t.getTime() + 60_000), gapMs: 150_000, tracks: 200, seed: 8 });
    const inc = await runner.run({});
    expect(inc.error).toBeNull();
    const rows = Object.fromEntries(inc.models.map((m) => [m.name, [m.mode, m.rows]]));
    // The session the new plays continue is recomputed: one row.
    expect(rows.mart_sessions).toEqual(['incremental', 1]);
    const after = await session();
    expect(after).toEqual([{ ...before[0], plays: 405, distinct_tracks: after[0].distinct_tracks }]);
    const { rows: distinct } = await pool.query(`SELECT count(DISTINCT track_key)::int AS n FROM marts.fct_plays WHERE account_id = $1`, [
      c,
    ]);
    expect(after[0].distinct_tracks).toBe(distinct[0].n);

    // And the same as a full rebuild.
    await runner.run({ fullRefresh: true, select: 'mart_sessions' });
    expect(await session()).toEqual(after);
  });

  it('an upgrade drops what retired models built and forgets their state', async () => {
    await pool.query(`CREATE TABLE marts.int_session_plays (account_id uuid, played_at timestamptz)`);
    await pool.query(`CREATE VIEW marts.mart_heatmap AS SELECT 1 AS x`);
    await pool.query(
      `INSERT INTO transform.model_state (name, version, checksum, materialization, built_at) VALUES ('int_session_plays', 1, 'x', 'incremental', now())`,
    );
    const Retired = MIGRATIONS.find((m) => m.name === 'RetiredMarts1765500000000')!;
    const migration = new Retired();
    await migration.up({ query: (sql: string) => pool.query(sql) } as unknown as QueryRunner);
    const { rows } = await pool.query(
      `SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'marts' AND relname IN ('int_session_plays', 'mart_heatmap', 'mart_sessions')`,
    );
    expect(rows.map((r) => r.relname)).toEqual(['mart_sessions']);
    const state = await pool.query(`SELECT name FROM transform.model_state WHERE name = 'int_session_plays'`);
    expect(state.rows).toEqual([]);
  });
});
