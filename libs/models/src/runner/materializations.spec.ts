import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { defaultModelsRoot } from '../load';
import { createTestDatabase, TestDatabase } from '@rewind/testing';
import { TransformRunner } from './runner';

const model = (materialized: string, body: string, extra = '') =>
  `-- version: 1\n-- materialized: ${materialized}\n-- description: test model\n${extra}${body}\n`;

/**
 * A small project over raw.scratch (id, kind, amount, account_id, played_at, duration_ms, listening_ms, source),
 * plus a stand-in fct_plays guarded by the shipped singular tests.
 */
function writeProject(root: string): void {
  mkdirSync(join(root, 'staging'), { recursive: true });
  mkdirSync(join(root, 'marts'), { recursive: true });
  mkdirSync(join(root, 'tests'), { recursive: true });
  writeFileSync(
    join(root, 'staging', 'stg_scratch.sql'),
    model('view', `select id, kind, amount, loaded_at from {{ source('raw', 'scratch') }}`),
  );
  writeFileSync(
    join(root, 'marts', 'tbl_kinds.sql'),
    model(
      'table',
      `select kind, count(*)::int as n, sum(amount)::int as total from {{ ref('stg_scratch') }} group by kind`,
      '-- index: kind\n-- test: unique(kind)\n-- test: not_null(kind)\n-- test: accepted_values(kind: a, b, c)\n',
    ),
  );
  writeFileSync(join(root, 'marts', 'v_kinds.sql'), model('view', `select kind, n from {{ ref('tbl_kinds') }}`));
  writeFileSync(
    join(root, 'marts', 'inc_items.sql'),
    model(
      'incremental',
      `select s.id, s.kind, s.amount from {{ ref('stg_scratch') }} s {% if is_incremental() %}where s.loaded_at >= {{ watermark }}{% endif %}`,
      '-- unique_key: id\n-- index: id\n-- test: unique(id)\n-- test: relationships(kind -> tbl_kinds.kind)\n',
    ),
  );
  writeFileSync(join(root, 'marts', 'downstream.sql'), model('table', `select count(*)::int as items from {{ ref('inc_items') }}`));
  writeFileSync(
    join(root, 'marts', 'fct_plays.sql'),
    model('table', `select account_id, played_at, duration_ms, listening_ms, source from {{ source('raw', 'fake_plays') }}`),
  );
  for (const t of ['no_future_plays', 'positive_durations', 'polled_listening_within_track_length'])
    copyFileSync(join(defaultModelsRoot(), 'tests', `${t}.sql`), join(root, 'tests', `${t}.sql`));
}

describe('materializations, swaps, versions and data tests', () => {
  let db: TestDatabase;
  let pool: Pool;
  let root: string;
  let runner: TransformRunner;
  const rows = async (sql: string) => (await pool.query(sql)).rows;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new Pool({ connectionString: db.url, max: 4 });
    await pool.query(
      `CREATE TABLE raw.scratch (id int PRIMARY KEY, kind text, amount int, loaded_at timestamptz NOT NULL DEFAULT clock_timestamp())`,
    );
    await pool.query(
      `CREATE TABLE raw.fake_plays (account_id uuid, played_at timestamptz, duration_ms int, listening_ms bigint, source text)`,
    );
    await pool.query(`INSERT INTO raw.scratch (id, kind, amount) VALUES (1, 'a', 10), (2, 'a', 5), (3, 'b', 1)`);
    await pool.query(
      `INSERT INTO raw.fake_plays VALUES (gen_random_uuid(), now() - interval '1 day', 200000, 150000, 'poll'), (gen_random_uuid(), now() - interval '2 days', 200000, 50000, 'extended_history')`,
    );
    root = mkdtempSync(join(tmpdir(), 'rewind-project-'));
    writeProject(root);
    runner = new TransformRunner(pool, { modelsRoot: root, sourceOverlapMs: 0 });
  });

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('builds a view, a table (with its index) and an incremental model in DAG order', async () => {
    const result = await runner.run({});
    expect(result.error).toBeNull();
    expect(result.models.map((m) => [m.name, m.materialization, m.mode, m.status])).toEqual([
      ['fct_plays', 'table', 'full', 'succeeded'],
      ['stg_scratch', 'view', 'full', 'succeeded'],
      ['tbl_kinds', 'table', 'full', 'succeeded'],
      ['inc_items', 'incremental', 'full', 'succeeded'],
      ['downstream', 'table', 'full', 'succeeded'],
      ['v_kinds', 'view', 'full', 'succeeded'],
    ]);
    const kinds = await rows(
      `SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'marts' ORDER BY 1`,
    );
    expect(kinds).toEqual(
      expect.arrayContaining([
        { relname: 'stg_scratch', relkind: 'v' },
        { relname: 'tbl_kinds', relkind: 'r' },
        { relname: 'tbl_kinds_ix1', relkind: 'i' },
        { relname: 'inc_items', relkind: 'r' },
        { relname: 'v_kinds', relkind: 'v' },
      ]),
    );
    expect(await rows(`SELECT kind, n, total FROM marts.tbl_kinds ORDER BY kind`)).toEqual([
      { kind: 'a', n: 2, total: 15 },
      { kind: 'b', n: 1, total: 1 },
    ]);
    const ledger = await rows(
      `SELECT name, status, rows::int, duration_ms IS NOT NULL AS timed FROM transform.run_models WHERE run_id = '${result.runId}' AND name = 'tbl_kinds'`,
    );
    expect(ledger).toEqual([{ name: 'tbl_kinds', status: 'succeeded', rows: 2, timed: true }]);
    expect(await rows(`SELECT count(*)::int AS n FROM transform.model_versions`)).toEqual([{ n: 6 }]);
  });

  it('processes only rows past the watermark incrementally (delete+insert of their keys)', async () => {
    await pool.query(`INSERT INTO raw.scratch (id, kind, amount) VALUES (4, 'c', 7)`);
    await pool.query(`UPDATE raw.scratch SET amount = 99, loaded_at = clock_timestamp() WHERE id = 1`);
    const result = await runner.run({});
    const inc = result.models.find((m) => m.name === 'inc_items')!;
    expect([inc.mode, inc.rows]).toEqual(['incremental', 2]);
    expect(await rows(`SELECT id, amount FROM marts.inc_items ORDER BY id`)).toEqual([
      { id: 1, amount: 99 },
      { id: 2, amount: 5 },
      { id: 3, amount: 1 },
      { id: 4, amount: 7 },
    ]);
    expect(result.models.find((m) => m.name === 'stg_scratch')!.mode).toBe('unchanged');
    expect(await rows(`SELECT n FROM marts.v_kinds WHERE kind = 'c'`)).toEqual([{ n: 1 }]);
  });

  it('swaps a table atomically: a reader during the rebuild sees the old table', async () => {
    await pool.query(`INSERT INTO raw.scratch (id, kind, amount) VALUES (5, 'b', 100)`);
    const reader = new Client({ connectionString: db.url });
    await reader.connect();
    const seen: unknown[] = [];
    const swapping = new TransformRunner(pool, {
      modelsRoot: root,
      hooks: {
        beforeSwap: async (name, building) => {
          if (name !== 'tbl_kinds') return;
          seen.push((await reader.query(`SELECT total FROM marts.tbl_kinds WHERE kind = 'b'`)).rows[0]);
          seen.push((await reader.query(`SELECT to_regclass('${building.replace(/"/g, '')}') IS NULL AS invisible`)).rows[0]);
        },
      },
    });
    const result = await swapping.run({ select: 'tbl_kinds+' });
    expect(result.error).toBeNull();
    expect(seen).toEqual([{ total: 1 }, { invisible: true }]);
    expect((await reader.query(`SELECT total FROM marts.tbl_kinds WHERE kind = 'b'`)).rows[0]).toEqual({ total: 101 });
    // The dependent view was dropped with the old table and put back inside the same transaction.
    expect((await reader.query(`SELECT n FROM marts.v_kinds WHERE kind = 'b'`)).rows[0]).toEqual({ n: 2 });
    await reader.end();
  });

  it('keeps the previous good table when a data test fails, skips downstream and records the failures', async () => {
    await pool.query(`INSERT INTO raw.scratch (id, kind, amount) VALUES (6, 'zzz', 1), (7, NULL, 1)`);
    const result = await runner.run({});
    expect(result.status).toBe('failed');
    const byName = Object.fromEntries(result.models.map((m) => [m.name, m.status]));
    // inc_items is built too (it does not ref tbl_kinds) but its relationships test sees the unknown kind.
    expect(byName).toMatchObject({ tbl_kinds: 'failed', v_kinds: 'skipped', inc_items: 'failed', downstream: 'skipped' });
    expect(result.tests.filter((t) => t.status !== 'pass').map((t) => [t.name, t.failures])).toEqual([
      ['not_null_tbl_kinds__kind', 1],
      ['accepted_values_tbl_kinds__kind', 1],
      ['relationships_inc_items__kind', 1],
    ]);
    expect(await rows(`SELECT kind FROM marts.tbl_kinds ORDER BY kind`)).toEqual([{ kind: 'a' }, { kind: 'b' }, { kind: 'c' }]);
    expect(
      await rows(
        `SELECT name, status, failures FROM transform.test_results WHERE run_id = '${result.runId}' AND status = 'fail' ORDER BY name`,
      ),
    ).toEqual([
      { name: 'accepted_values_tbl_kinds__kind', status: 'fail', failures: 1 },
      { name: 'not_null_tbl_kinds__kind', status: 'fail', failures: 1 },
      { name: 'relationships_inc_items__kind', status: 'fail', failures: 1 },
    ]);
    expect(await rows(`SELECT status, error IS NOT NULL AS has_error FROM transform.runs WHERE id = '${result.runId}'`)).toEqual([
      { status: 'failed', has_error: true },
    ]);
    await pool.query(`DELETE FROM raw.scratch WHERE id IN (6, 7)`);
    expect((await runner.run({})).error).toBeNull();
  });

  it('fails unique and relationships tests of an incremental batch and keeps the previous rows', async () => {
    await pool.query(`INSERT INTO raw.scratch (id, kind, amount) VALUES (8, 'a', 1)`);
    expect((await runner.run({})).error).toBeNull();
    // A kind that tbl_kinds does not know (tbl_kinds is not rebuilt in this run): relationships fails.
    await pool.query(`INSERT INTO raw.scratch (id, kind, amount) VALUES (9, 'c', 1)`);
    await pool.query(`UPDATE raw.scratch SET kind = 'q' WHERE id = 9`);
    const rel = await runner.run({ select: 'inc_items' });
    expect(rel.tests.find((t) => t.name === 'relationships_inc_items__kind')).toMatchObject({ status: 'fail', failures: 1 });
    expect(await rows(`SELECT count(*)::int AS n FROM marts.inc_items WHERE id = 9`)).toEqual([{ n: 0 }]);
    await pool.query(`DELETE FROM raw.scratch WHERE id = 9`);
    // A duplicate key inside the batch: unique fails.
    await pool.query(`ALTER TABLE raw.scratch DROP CONSTRAINT scratch_pkey`);
    await pool.query(`INSERT INTO raw.scratch (id, kind, amount) VALUES (10, 'a', 1), (10, 'b', 2)`);
    const uniq = await runner.run({ select: 'inc_items' });
    expect(uniq.tests.find((t) => t.name === 'unique_inc_items__id')).toMatchObject({ status: 'fail', failures: 1 });
    expect(await rows(`SELECT count(*)::int AS n FROM marts.inc_items WHERE id = 10`)).toEqual([{ n: 0 }]);
    await pool.query(`DELETE FROM raw.scratch WHERE id = 10`);
    // Two null keys are a duplicate too (as for the test's GROUP BY), even where a unique index enforces the test.
    await pool.query(`ALTER TABLE raw.scratch ALTER COLUMN id DROP NOT NULL`);
    await pool.query(`INSERT INTO raw.scratch (id, kind, amount) VALUES (NULL, 'a', 1), (NULL, 'b', 2)`);
    const nulls = await runner.run({ select: 'inc_items' });
    expect(nulls.tests.find((t) => t.name === 'unique_inc_items__id')).toMatchObject({ status: 'fail', failures: 1 });
    expect(await rows(`SELECT count(*)::int AS n FROM marts.inc_items WHERE id IS NULL`)).toEqual([{ n: 0 }]);
    await pool.query(`DELETE FROM raw.scratch WHERE id IS NULL`);
  });

  it.each([
    ['no_future_plays', `INSERT INTO raw.fake_plays VALUES (gen_random_uuid(), now() + interval '1 day', 200000, 1000, 'poll')`],
    ['positive_durations', `INSERT INTO raw.fake_plays VALUES (gen_random_uuid(), now() - interval '3 days', 0, 0, 'poll')`],
    [
      'polled_listening_within_track_length',
      `INSERT INTO raw.fake_plays VALUES (gen_random_uuid(), now() - interval '4 days', 100000, 100001, 'poll')`,
    ],
  ])('singular test %s fails on a bad row', async (name, insert) => {
    await pool.query(insert);
    const result = await runner.run({ select: 'fct_plays' });
    expect(result.status).toBe('failed');
    expect(result.tests.filter((t) => t.status === 'fail').map((t) => [t.name, t.failures])).toEqual([[name, 1]]);
    expect(await rows(`SELECT count(*)::int AS n FROM marts.fct_plays`)).toEqual([{ n: 2 }]);
    await pool.query(`DELETE FROM raw.fake_plays WHERE played_at > now() OR duration_ms <= 100000`);
  });

  it('rebuilds a model whose version changed, with everything downstream, and records the version', async () => {
    const file = join(root, 'marts', 'inc_items.sql');
    writeFileSync(file, readFileSync(file, 'utf8').replace('-- version: 1', '-- version: 2'));
    const result = await runner.run({ select: 'inc_items' });
    expect(result.error).toBeNull();
    expect(result.models.map((m) => [m.name, m.version, m.mode])).toEqual([
      ['inc_items', '2', 'full'],
      ['downstream', '1', 'full'],
    ]);
    expect(await rows(`SELECT version FROM transform.model_versions WHERE name = 'inc_items' ORDER BY id`)).toEqual([
      { version: '1' },
      { version: '2' },
    ]);
    expect(await rows(`SELECT version FROM transform.model_state WHERE name = 'inc_items'`)).toEqual([{ version: '2' }]);
    // A checksum-only change (same version) is a change too.
    writeFileSync(file, readFileSync(file, 'utf8') + '\n-- trailing comment\n');
    const again = await runner.run({ select: 'inc_items' });
    expect(again.models.map((m) => m.mode)).toEqual(['full', 'full']);
    expect(await rows(`SELECT count(*)::int AS n FROM transform.model_versions WHERE name = 'inc_items'`)).toEqual([{ n: 3 }]);
  });

  it('runs one at a time: a second run waits for the advisory lock', async () => {
    const [a, b] = await Promise.all([runner.run({ select: 'tbl_kinds' }), runner.run({ select: 'tbl_kinds' })]);
    expect([a.status, b.status]).toEqual(['succeeded', 'succeeded']);
    const runs = await rows(
      `SELECT started_at, finished_at FROM transform.runs WHERE id IN ('${a.runId}', '${b.runId}') ORDER BY started_at`,
    );
    expect(runs[0].finished_at.getTime()).toBeLessThanOrEqual(runs[1].started_at.getTime());
  });
});
