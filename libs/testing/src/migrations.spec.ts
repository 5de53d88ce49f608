import { DataSource } from 'typeorm';
import { createEmptyDatabase, TestDatabase } from './database';
import { createDataSource, MIGRATIONS } from '@rewind/db';

const SCHEMAS = ['auth', 'raw', 'transform', 'marts'];

async function tablesBySchema(ds: DataSource): Promise<Record<string, string[]>> {
  const rows: { table_schema: string; table_name: string }[] = await ds.query(
    `SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema = ANY($1) ORDER BY 1, 2`,
    [SCHEMAS],
  );
  const out: Record<string, string[]> = {};
  for (const row of rows) (out[row.table_schema] ??= []).push(row.table_name);
  return out;
}

describe('migrations', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createEmptyDatabase();
    ds = createDataSource({ url: db.url, poolSize: 2 });
    await ds.initialize();
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('run up, down and up again on a real database', async () => {
    await ds.runMigrations();
    const afterUp = await tablesBySchema(ds);
    expect(afterUp.auth).toEqual(['account_tokens', 'accounts', 'oauth_states', 'sessions', 'shares']);
    expect(afterUp.raw).toEqual(
      expect.arrayContaining([
        'plays',
        'tracks',
        'artists',
        'albums',
        'track_artists',
        'artist_genres',
        'non_music_listens',
        'ingest_runs',
        'import_jobs',
      ]),
    );
    expect(afterUp.transform).toEqual(expect.arrayContaining(['model_versions', 'runs', 'run_models', 'test_results']));

    for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration();
    expect(await tablesBySchema(ds)).toEqual({});
    const schemas: { n: string }[] = await ds.query(`SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = ANY($1)`, [SCHEMAS]);
    expect(schemas[0].n).toBe(0);

    await ds.runMigrations();
    expect(await tablesBySchema(ds)).toEqual(afterUp);
  });

  it('leave the entities and the database in agreement (nothing for synchronize to do)', async () => {
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('key plays by (account_id, played_at) with millisecond precision', async () => {
    const pk: { column_name: string }[] = await ds.query(`
      SELECT a.attname AS column_name FROM pg_index i
      JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
      WHERE i.indrelid = 'raw.plays'::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)`);
    expect(pk.map((r) => r.column_name)).toEqual(['account_id', 'played_at']);
    const accountId = '00000000-0000-4000-8000-000000000001';
    await ds.query(`INSERT INTO raw.plays (account_id, played_at, source) VALUES ($1, '2026-11-20T08:01:02.345Z', 'poll')`, [accountId]);
    const dup = ds.query(`INSERT INTO raw.plays (account_id, played_at, source) VALUES ($1, '2026-11-20T08:01:02.345Z', 'poll')`, [
      accountId,
    ]);
    await expect(dup).rejects.toThrow(/duplicate key/);
    const [row] = await ds.query(`SELECT to_char(played_at AT TIME ZONE 'UTC', 'HH24:MI:SS.MS') AS t FROM raw.plays`);
    expect(row.t).toBe('08:01:02.345');
  });
});
