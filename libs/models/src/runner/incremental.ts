import { DataTestDefinition } from '../types';
import { quoteIdent } from '../template';
import { runDataTests, uniqueTestFor, uniqueWithBatchSql } from './data-tests';
import { BuildContext, resolverOf } from './build-context';
import { martsRelation as rel } from './types';

const BATCH = '__rewind_batch';

/**
 * Builds the model's incremental batch (`select`) into a temp table, deletes the rows it replaces
 * (by unique_key, or per key from the batch's smallest tail_key on), inserts it and tests its rows.
 * `replaces`, the model's `{% replaces %}` query, names more keys whose rows are deleted (keys left
 * without any row). Returns the batch's row count, and whether any row of the table changed.
 */
export async function incrementalBatch(
  ctx: BuildContext,
  tests: DataTestDefinition[],
  select: string,
  replaces: string | null,
): Promise<{ rows: number; changed: boolean }> {
  const { client, model } = ctx;
  const target = rel(model.name);
  // Small batches: JIT compilation would cost more than the queries themselves.
  await client.query('SET LOCAL jit = off');
  // Dropped below: the run's transaction goes on after this model.
  const created = await client.query(`CREATE TEMP TABLE ${BATCH} AS ${select}`);
  const rows = created.rowCount ?? 0;
  const known = new Map<string, number>();
  const keys = model.uniqueKey.map(quoteIdent);
  let replaced = 0;
  if (replaces !== null) {
    // Keys the batch no longer produces a row for: their old rows go (the batch's own keys are deleted below).
    const deleted = await client.query(
      `DELETE FROM ${target} t USING (SELECT DISTINCT ${keys.join(', ')} FROM (${replaces}) r) b WHERE ${keys.map((k) => `t.${k} = b.${k}`).join(' AND ')}`,
    );
    replaced = deleted.rowCount ?? 0;
  }
  if (rows === 0) {
    // An empty batch changes nothing more, and every test of a batch judges only its rows: all pass.
    for (const t of tests) known.set(t.name, 0);
  } else {
    if (model.strategy === 'tail') {
      const tail = quoteIdent(model.tailKey!);
      // A range per key: probed key by key (OFFSET 0 keeps the lateral a per-key index range scan; as
      // a join the planner guesses a third of the table matches and scans all of it), deleted by ctid.
      await client.query(
        `DELETE FROM ${target} t WHERE t.ctid = ANY (ARRAY(
           SELECT x.ctid FROM (SELECT ${keys.join(', ')}, min(${tail}) AS from_key FROM ${BATCH} GROUP BY ${keys.join(', ')}) b
           CROSS JOIN LATERAL (SELECT r.ctid FROM ${target} r WHERE ${keys.map((k) => `r.${k} = b.${k}`).join(' AND ')} AND r.${tail} >= b.from_key OFFSET 0) x))`,
      );
    } else {
      await client.query(
        `DELETE FROM ${target} t USING (SELECT DISTINCT ${keys.join(', ')} FROM ${BATCH}) b WHERE ${keys.map((k) => `t.${k} = b.${k}`).join(' AND ')}`,
      );
    }
    // The batch's columns, and the unique indexes of the table (a full build makes an index on
    // exactly a unique test's columns UNIQUE; the insert then enforces that test).
    const { rows: catalog } = await client.query<{ columns: string[]; unique_indexes: string[][] }>(
      `SELECT
         (SELECT array_agg(attname::text ORDER BY attnum) FROM pg_attribute WHERE attrelid = 'pg_temp.${BATCH}'::regclass AND attnum > 0 AND NOT attisdropped) AS columns,
         (SELECT coalesce(json_agg(u.columns), '[]'::json) FROM (
            SELECT array_agg(a.attname::text ORDER BY k.ord) AS columns
            FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
            WHERE i.indrelid = $1::regclass AND i.indisunique AND i.indnullsnotdistinct AND i.indpred IS NULL
            GROUP BY i.indexrelid) u) AS unique_indexes`,
      [target],
    );
    const list = catalog[0].columns.map(quoteIdent).join(', ');
    const enforced = catalog[0].unique_indexes.map((columns) => uniqueTestFor(tests, columns)).filter((t): t is DataTestDefinition => !!t);
    await client.query('SAVEPOINT batch_insert');
    try {
      await client.query(`INSERT INTO ${target} (${list}) SELECT ${list} FROM ${BATCH}`);
      await client.query('RELEASE SAVEPOINT batch_insert');
      for (const t of enforced) known.set(t.name, 0);
    } catch (e) {
      if ((e as { code?: string }).code !== '23505' || !enforced.length) throw e;
      // The unique index refused the batch: count the duplicates as the unique test would.
      await client.query('ROLLBACK TO SAVEPOINT batch_insert');
      for (const t of enforced)
        known.set(t.name, (await client.query<{ failures: number }>(uniqueWithBatchSql(t, target, BATCH))).rows[0].failures);
      if (![...known.values()].some((n) => n > 0)) throw e;
    }
  }
  await runDataTests(client, tests, { relation: target, batch: BATCH, resolve: resolverOf(ctx) }, ctx.tests, known);
  await client.query(`DROP TABLE ${BATCH}`);
  return { rows, changed: rows > 0 || replaced > 0 };
}
