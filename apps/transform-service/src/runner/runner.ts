import { Pool, PoolClient } from 'pg';
import { DataTestDefinition, loadModelProject, ModelDefinition, ModelProject, quoteIdent, render, selectModels } from '@rewind/models';
import { columnChecksSql, genericTestSql, isColumnCheck, singularTestSql, uniqueTestFor, uniqueWithBatchSql } from './data-tests';

/** pg_advisory_lock key of transform runs (one at a time across every replica and the CLI). */
export const TRANSFORM_LOCK_KEY = 7_345_001;
export const MARTS_SCHEMA = 'marts';

export type RunTrigger = 'manual' | 'request' | 'schedule' | 'cli';
export type ModelStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped';

export interface RunOptions {
  select?: string | null;
  fullRefresh?: boolean;
  trigger?: RunTrigger;
}

export interface RunHooks {
  /** Called inside a table build after the new table is built and tested, before the swap. */
  beforeSwap?(model: string, buildingRelation: string): Promise<void>;
}

export interface ModelRunResult {
  name: string;
  version: string;
  materialization: string;
  status: ModelStatus;
  rows: number | null;
  durationMs: number | null;
  /** What was done: full build, incremental batch, or nothing (an unchanged view). */
  mode: 'full' | 'incremental' | 'unchanged' | null;
  error: string | null;
}

export interface TestRunResult {
  name: string;
  model: string;
  status: 'pass' | 'fail' | 'error';
  failures: number;
  error: string | null;
}

export interface RunResult {
  runId: string;
  status: 'succeeded' | 'failed';
  models: ModelRunResult[];
  tests: TestRunResult[];
  error: string | null;
}

interface ModelState {
  name: string;
  version: string;
  checksum: string;
  materialization: string;
  watermark: string | null;
}

interface Watermark {
  /** Every source row with loaded_at/updated_at before this was visible when the model was built. */
  source: string;
  /** transform.runs.started_at of the run that built it. */
  run: string;
}

class TestsFailed extends Error {
  constructor(readonly failed: string[]) {
    super(`data tests failed: ${failed.join(', ')}`);
  }
}

const lit = (v: string) => `'${v.replace(/'/g, "''")}'::timestamptz`;
const rel = (name: string) => `${quoteIdent(MARTS_SCHEMA)}.${quoteIdent(name)}`;
const BUILDING_SUFFIX = '__building';

/** Runs the model DAG: views, tables (built aside, tested, swapped) and incremental models. */
export class TransformRunner {
  constructor(
    private readonly pool: Pool,
    private readonly options: {
      modelsRoot?: string;
      hooks?: RunHooks;
      /** Extra safety margin below the source watermark (rows loaded inside it are read again; default 1000). */
      sourceOverlapMs?: number;
    } = {},
  ) {}

  loadProject(): ModelProject {
    return loadModelProject(this.options.modelsRoot);
  }

  /** Records a queued run and returns its id. Validates the selector first (throws ModelProjectError). */
  async createRun(options: RunOptions): Promise<string> {
    selectModels(this.loadProject(), options.select);
    const { rows } = await this.pool.query<{ id: string }>(
      `INSERT INTO transform.runs (status, trigger, "select", full_refresh) VALUES ('queued', $1, $2, $3) RETURNING id`,
      [options.trigger ?? 'manual', options.select ?? null, options.fullRefresh ?? false],
    );
    return rows[0].id;
  }

  async run(options: RunOptions): Promise<RunResult> {
    return this.execute(await this.createRun(options), options);
  }

  /** Executes a queued run; waits for the advisory lock if another run holds it. */
  async execute(runId: string, options: RunOptions): Promise<RunResult> {
    const client = await this.pool.connect();
    // The connection is held for the whole run: if PostgreSQL goes away meanwhile, the error must
    // fail this run (the next query rejects), not crash the process as an unhandled 'error' event.
    let connectionLost: Error | undefined;
    const onConnectionError = (e: Error) => (connectionLost = e);
    client.on('error', onConnectionError);
    const models: ModelRunResult[] = [];
    const tests: TestRunResult[] = [];
    let error: string | null = null;
    let recorded = false;
    try {
      await client.query('SELECT pg_advisory_lock($1)', [TRANSFORM_LOCK_KEY]);
      try {
        // The run stamp strictly increases across runs; the source watermark is the oldest instant a
        // still-open transaction could have stamped a row with (rows loaded later are read next time).
        const { rows: stamp } = await client.query<{ run: string; source: string }>(
          `WITH s AS (
             SELECT greatest(clock_timestamp(), coalesce((SELECT max(started_at) FROM transform.runs WHERE id <> $1), '-infinity') + interval '1 microsecond') AS run
           )
           UPDATE transform.runs SET status = 'running', started_at = s.run FROM s WHERE id = $1
           RETURNING s.run::text AS run,
             (least(clock_timestamp(), coalesce((SELECT min(xact_start) FROM pg_stat_activity
                WHERE pid <> pg_backend_pid() AND xact_start IS NOT NULL AND backend_type = 'client backend' AND datname = current_database()), 'infinity'))
               - $2::int * interval '1 millisecond')::text AS source`,
          [runId, this.options.sourceOverlapMs ?? 1000],
        );
        if (!stamp.length) throw new Error(`run ${runId} does not exist`);
        const runStartedAt = stamp[0].run;
        const sourceWatermark = stamp[0].source;
        const project = this.loadProject();
        const plan = await this.plan(project, options);
        for (const m of plan.order) {
          const model = project.byName.get(m)!;
          models.push({
            name: m,
            version: model.version,
            materialization: model.materialized,
            status: 'pending',
            rows: null,
            durationMs: null,
            mode: null,
            error: null,
          });
        }
        await this.recordModels(runId, models);

        const notBuilt = new Set<string>();
        // Tables and incremental models of this run that changed no row (an empty incremental batch).
        const unchanged = new Set<string>();
        for (const result of models) {
          const model = project.byName.get(result.name)!;
          if (model.refs.some((r) => notBuilt.has(r))) {
            result.status = 'skipped';
            result.error = `upstream model failed: ${model.refs.filter((r) => notBuilt.has(r)).join(', ')}`;
            notBuilt.add(model.name);
            await this.recordModel(runId, result);
            continue;
          }
          if (
            model.materialized === 'incremental' &&
            !plan.full.has(model.name) &&
            model.sources.length === 0 &&
            model.refs.length > 0 &&
            model.refs.every((r) => unchanged.has(r))
          ) {
            // Nothing it reads changed in this run: nothing to do (its watermark stays, so nothing is missed).
            result.status = 'succeeded';
            result.mode = 'unchanged';
            result.rows = 0;
            result.durationMs = 0;
            unchanged.add(model.name);
            await this.recordModel(runId, result);
            continue;
          }
          result.status = 'running';
          await this.recordModel(runId, result);
          const started = performance.now();
          const modelTests: TestRunResult[] = [];
          try {
            const built = await this.buildModel(client, project, model, {
              full: plan.full.has(model.name),
              state: plan.states.get(model.name),
              relations: plan.relations,
              runStartedAt,
              sourceWatermark,
              runId,
              tests: modelTests,
            });
            result.status = 'succeeded';
            result.rows = built.rows;
            result.mode = built.mode;
            if (built.mode === 'incremental' && built.rows === 0) unchanged.add(model.name);
          } catch (e) {
            result.status = 'failed';
            result.error = e instanceof Error ? e.message : String(e);
            notBuilt.add(model.name);
          }
          result.durationMs = Math.round(performance.now() - started);
          tests.push(...modelTests);
          await this.recordTests(runId, modelTests);
          await this.recordModel(runId, result);
        }
        const failed = models.filter((m) => m.status === 'failed');
        if (failed.length) error = failed.map((m) => `${m.name}: ${m.error}`).join('; ');
        // Finished before the lock is released: the next run starts after this one finished.
        await this.finishRun(runId, error);
        recorded = true;
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [TRANSFORM_LOCK_KEY]).catch(() => undefined);
      }
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    } finally {
      client.off('error', onConnectionError);
      client.release(connectionLost);
    }
    if (!recorded) await this.finishRun(runId, error);
    return { runId, status: error ? 'failed' : 'succeeded', models, tests, error };
  }

  private async finishRun(runId: string, error: string | null): Promise<void> {
    await this.pool.query(`UPDATE transform.runs SET status = $2, finished_at = clock_timestamp(), error = $3 WHERE id = $1`, [
      runId,
      error ? 'failed' : 'succeeded',
      error?.slice(0, 4000) ?? null,
    ]);
  }

  /** Which models run, and which of them are rebuilt fully (full refresh, new, or changed with everything downstream). */
  private async plan(project: ModelProject, options: RunOptions) {
    const { rows: stateRows } = await this.pool.query<ModelState>(
      `SELECT name, version, checksum, materialization, watermark FROM transform.model_state`,
    );
    const states = new Map(stateRows.map((s) => [s.name, s]));
    const { rows: relRows } = await this.pool.query<{ relname: string; relkind: string }>(
      `SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'v', 'm')`,
      [MARTS_SCHEMA],
    );
    const relations = new Map(relRows.map((r) => [r.relname, r.relkind]));
    const selected = new Set(selectModels(project, options.select));
    const full = new Set<string>();
    for (const name of selected) {
      const model = project.byName.get(name)!;
      const state = states.get(name);
      const changed =
        !state || state.version !== model.version || state.checksum !== model.checksum || state.materialization !== model.materialized;
      const missing = !relations.has(name);
      if (options.fullRefresh || missing || (!state?.watermark && model.materialized === 'incremental')) full.add(name);
      if (changed) {
        full.add(name);
        for (const d of project.descendants(name)) {
          selected.add(d);
          full.add(d);
        }
      }
    }
    // A full rebuild of a model means every incremental model downstream must catch up fully too.
    for (const name of [...full])
      for (const d of project.descendants(name)) if (selected.has(d) && project.byName.get(d)!.materialized !== 'view') full.add(d);
    const order = project.models.map((m) => m.name).filter((n) => selected.has(n));
    return { order, full, states, relations };
  }

  private async buildModel(
    client: PoolClient,
    project: ModelProject,
    model: ModelDefinition,
    ctx: {
      full: boolean;
      state?: ModelState;
      relations: Map<string, string>;
      runStartedAt: string;
      sourceWatermark: string;
      runId: string;
      tests: TestRunResult[];
    },
  ): Promise<{ rows: number | null; mode: ModelRunResult['mode'] }> {
    const modelTests = project.tests.filter((t) => t.model === model.name);
    const state = ctx.state;
    const previous: Watermark | null = state?.watermark ? (JSON.parse(state.watermark) as Watermark) : null;
    const changed =
      !state || state.version !== model.version || state.checksum !== model.checksum || state.materialization !== model.materialized;

    if (model.materialized === 'view' && !ctx.full && !changed) return { rows: null, mode: 'unchanged' };

    const renderFor = (self: string, incremental: boolean) =>
      render(model.sql, {
        ref: rel,
        self,
        incremental,
        watermark: previous ? lit(previous.source) : undefined,
        runStartedAt: lit(ctx.runStartedAt),
        lastRunStartedAt: previous ? lit(previous.run) : undefined,
      });

    let rows: number | null = null;
    let mode: ModelRunResult['mode'] = 'full';
    await client.query('BEGIN');
    try {
      if (model.materialized === 'view') {
        await this.dropRelation(client, model.name, ctx.relations.get(model.name));
        await client.query(`CREATE VIEW ${rel(model.name)} AS ${renderFor(rel(model.name), false)}`);
        await this.recreateDependentViews(client, project, model.name, ctx.relations);
        await this.runTests(client, project, modelTests, rel(model.name), undefined, ctx.tests);
      } else if (ctx.full || model.materialized === 'table') {
        const building = `${model.name}${BUILDING_SUFFIX}`;
        await client.query(`DROP TABLE IF EXISTS ${rel(building)}`);
        const created = await client.query(`CREATE TABLE ${rel(building)} AS ${renderFor(rel(building), false)}`);
        rows = created.rowCount ?? 0;
        // Index builds and data tests of a whole table: give them memory (the model's SELECT ran with the defaults).
        await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
        await client.query(`SET LOCAL work_mem = '64MB'`);
        const known = new Map<string, number>();
        for (const [i, columns] of model.indexes.entries()) {
          const index = `${quoteIdent(`${building}_ix${i + 1}`)} ON ${rel(building)} (${columns.map(quoteIdent).join(', ')})`;
          // An index on exactly a unique test's columns is built UNIQUE: building it is the test
          // (NULLS NOT DISTINCT: like the test's GROUP BY, two nulls are a duplicate).
          const unique = uniqueTestFor(modelTests, columns);
          if (unique && !known.has(unique.name)) {
            await client.query('SAVEPOINT unique_index');
            try {
              await client.query(`CREATE UNIQUE INDEX ${index} NULLS NOT DISTINCT`);
              await client.query('RELEASE SAVEPOINT unique_index');
              known.set(unique.name, 0);
              continue;
            } catch (e) {
              if ((e as { code?: string }).code !== '23505') throw e;
              // Duplicates: a plain index, and the test query counts them below.
              await client.query('ROLLBACK TO SAVEPOINT unique_index');
            }
          }
          await client.query(`CREATE INDEX ${index}`);
        }
        await client.query(`ANALYZE ${rel(building)}`);
        await this.runTests(client, project, modelTests, rel(building), undefined, ctx.tests, known);
        await this.options.hooks?.beforeSwap?.(model.name, rel(building));
        // The swap: readers keep the old table until this transaction commits.
        await this.dropRelation(client, model.name, ctx.relations.get(model.name));
        await client.query(`ALTER TABLE ${rel(building)} RENAME TO ${quoteIdent(model.name)}`);
        for (const i of model.indexes.keys()) {
          await client.query(
            `ALTER INDEX ${quoteIdent(MARTS_SCHEMA)}.${quoteIdent(`${building}_ix${i + 1}`)} RENAME TO ${quoteIdent(`${model.name}_ix${i + 1}`)}`,
          );
        }
        await this.recreateDependentViews(client, project, model.name, ctx.relations);
      } else {
        mode = 'incremental';
        // Small batches: JIT compilation would cost more than the queries themselves.
        await client.query('SET LOCAL jit = off');
        const batch = '__rewind_batch';
        const created = await client.query(`CREATE TEMP TABLE ${batch} ON COMMIT DROP AS ${renderFor(rel(model.name), true)}`);
        rows = created.rowCount ?? 0;
        const known = new Map<string, number>();
        if (rows === 0) {
          // An empty batch changes nothing, and every test of a batch judges only its rows: all pass.
          for (const t of modelTests) known.set(t.name, 0);
        } else {
          const keys = model.uniqueKey.map(quoteIdent);
          if (model.strategy === 'tail') {
            const tail = quoteIdent(model.tailKey!);
            // A range per key: probed key by key (OFFSET 0 keeps the lateral a per-key index range scan; as
            // a join the planner guesses a third of the table matches and scans all of it), deleted by ctid.
            await client.query(
              `DELETE FROM ${rel(model.name)} t WHERE t.ctid = ANY (ARRAY(
                 SELECT x.ctid FROM (SELECT ${keys.join(', ')}, min(${tail}) AS from_key FROM ${batch} GROUP BY ${keys.join(', ')}) b
                 CROSS JOIN LATERAL (SELECT r.ctid FROM ${rel(model.name)} r WHERE ${keys.map((k) => `r.${k} = b.${k}`).join(' AND ')} AND r.${tail} >= b.from_key OFFSET 0) x))`,
            );
          } else {
            await client.query(
              `DELETE FROM ${rel(model.name)} t USING (SELECT DISTINCT ${keys.join(', ')} FROM ${batch}) b WHERE ${keys.map((k) => `t.${k} = b.${k}`).join(' AND ')}`,
            );
          }
          // The batch's columns, and the unique indexes of the table (a full build makes an index on
          // exactly a unique test's columns UNIQUE; the insert then enforces that test).
          const { rows: catalog } = await client.query<{ columns: string[]; unique_indexes: string[][] }>(
            `SELECT
               (SELECT array_agg(attname::text ORDER BY attnum) FROM pg_attribute WHERE attrelid = 'pg_temp.${batch}'::regclass AND attnum > 0 AND NOT attisdropped) AS columns,
               (SELECT coalesce(json_agg(u.columns), '[]'::json) FROM (
                  SELECT array_agg(a.attname::text ORDER BY k.ord) AS columns
                  FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY k(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                  WHERE i.indrelid = $1::regclass AND i.indisunique AND i.indnullsnotdistinct AND i.indpred IS NULL
                  GROUP BY i.indexrelid) u) AS unique_indexes`,
            [rel(model.name)],
          );
          const list = catalog[0].columns.map(quoteIdent).join(', ');
          const enforced = catalog[0].unique_indexes
            .map((columns) => uniqueTestFor(modelTests, columns))
            .filter((t): t is DataTestDefinition => !!t);
          await client.query('SAVEPOINT batch_insert');
          try {
            await client.query(`INSERT INTO ${rel(model.name)} (${list}) SELECT ${list} FROM ${batch}`);
            await client.query('RELEASE SAVEPOINT batch_insert');
            for (const t of enforced) known.set(t.name, 0);
          } catch (e) {
            if ((e as { code?: string }).code !== '23505' || !enforced.length) throw e;
            // The unique index refused the batch: count the duplicates as the unique test would.
            await client.query('ROLLBACK TO SAVEPOINT batch_insert');
            for (const t of enforced)
              known.set(t.name, (await client.query<{ failures: number }>(uniqueWithBatchSql(t, rel(model.name), batch))).rows[0].failures);
            if (![...known.values()].some((n) => n > 0)) throw e;
          }
        }
        await this.runTests(client, project, modelTests, rel(model.name), batch, ctx.tests, known);
      }

      const watermark: Watermark | null =
        model.materialized === 'incremental' ? { source: ctx.sourceWatermark, run: ctx.runStartedAt } : null;
      await client.query(
        `INSERT INTO transform.model_state (name, version, checksum, materialization, watermark, last_run_id, built_at)
         VALUES ($1, $2, $3, $4, $5, $6, clock_timestamp())
         ON CONFLICT (name) DO UPDATE SET version = excluded.version, checksum = excluded.checksum, materialization = excluded.materialization,
           watermark = excluded.watermark, last_run_id = excluded.last_run_id, built_at = excluded.built_at`,
        [model.name, model.version, model.checksum, model.materialized, watermark ? JSON.stringify(watermark) : null, ctx.runId],
      );
      if (changed) {
        await client.query(`INSERT INTO transform.model_versions (name, version, checksum) VALUES ($1, $2, $3)`, [
          model.name,
          model.version,
          model.checksum,
        ]);
      }
      await client.query('COMMIT');
      ctx.relations.set(model.name, model.materialized === 'view' ? 'v' : 'r');
      return { rows, mode };
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (process.env.DEBUG_TRANSFORM) console.error(e);
      throw e;
    }
  }

  private async dropRelation(client: PoolClient, name: string, relkind: string | undefined): Promise<void> {
    if (relkind === 'v') await client.query(`DROP VIEW IF EXISTS ${rel(name)} CASCADE`);
    else if (relkind === 'm') await client.query(`DROP MATERIALIZED VIEW IF EXISTS ${rel(name)} CASCADE`);
    else if (relkind === 'r') await client.query(`DROP TABLE IF EXISTS ${rel(name)} CASCADE`);
  }

  /** DROP ... CASCADE took the views built on this model with it: put back those that existed. */
  private async recreateDependentViews(
    client: PoolClient,
    project: ModelProject,
    name: string,
    relations: Map<string, string>,
  ): Promise<void> {
    const views: string[] = [];
    const visit = (n: string) => {
      for (const d of project.dependents(n)) {
        const model = project.byName.get(d)!;
        if (model.materialized === 'view' && relations.get(d) === 'v' && !views.includes(d)) {
          views.push(d);
          visit(d);
        }
      }
    };
    visit(name);
    const order = project.models.map((m) => m.name).filter((n) => views.includes(n));
    for (const v of order) {
      const model = project.byName.get(v)!;
      await client.query(`CREATE OR REPLACE VIEW ${rel(v)} AS ${render(model.sql, { ref: rel, self: rel(v), incremental: false })}`);
    }
  }

  /**
   * Runs a model's data tests. `known` holds failure counts already established (unique tests
   * enforced by a unique index); every not_null/accepted_values test is answered by one scan.
   */
  private async runTests(
    client: PoolClient,
    project: ModelProject,
    tests: DataTestDefinition[],
    relation: string,
    batch: string | undefined,
    out: TestRunResult[],
    known: Map<string, number> = new Map(),
  ): Promise<void> {
    const failed: string[] = [];
    const counted = new Map(known);
    const checks = tests.filter((t) => isColumnCheck(t) && !counted.has(t.name));
    if (checks.length > 1) {
      await client.query('SAVEPOINT data_test');
      try {
        const { rows } = await client.query<Record<string, number>>(columnChecksSql(checks, batch ?? relation));
        await client.query('RELEASE SAVEPOINT data_test');
        checks.forEach((t, i) => counted.set(t.name, rows[0][`f${i}`]));
      } catch {
        // A broken check (e.g. an unknown column): run them one by one below to say which.
        await client.query('ROLLBACK TO SAVEPOINT data_test');
      }
    }
    for (const test of tests) {
      const failures = counted.get(test.name);
      if (failures !== undefined) {
        out.push({ name: test.name, model: test.model, status: failures === 0 ? 'pass' : 'fail', failures, error: null });
        if (failures) failed.push(`${test.name} (${failures})`);
        continue;
      }
      const sql =
        test.kind === 'singular'
          ? singularTestSql(render(test.sql!, { ref: (n) => (n === test.model ? (batch ?? relation) : rel(n)), incremental: false }))
          : genericTestSql(test, relation, rel, batch);
      await client.query('SAVEPOINT data_test');
      try {
        const { rows } = await client.query<{ failures: number }>(sql);
        await client.query('RELEASE SAVEPOINT data_test');
        const failures = rows[0].failures;
        out.push({ name: test.name, model: test.model, status: failures === 0 ? 'pass' : 'fail', failures, error: null });
        if (failures) failed.push(`${test.name} (${failures})`);
      } catch (e) {
        await client.query('ROLLBACK TO SAVEPOINT data_test');
        out.push({ name: test.name, model: test.model, status: 'error', failures: 0, error: e instanceof Error ? e.message : String(e) });
        failed.push(`${test.name} (error)`);
      }
    }
    if (failed.length) throw new TestsFailed(failed);
  }

  private async recordModels(runId: string, models: ModelRunResult[]): Promise<void> {
    if (!models.length) return;
    await this.pool.query(
      `INSERT INTO transform.run_models (run_id, name, version, materialization, status)
       SELECT $1, m.name, m.version, m.materialization, 'pending' FROM jsonb_to_recordset($2::jsonb) AS m(name text, version text, materialization text)`,
      [runId, JSON.stringify(models.map(({ name, version, materialization }) => ({ name, version, materialization })))],
    );
  }

  private async recordModel(runId: string, m: ModelRunResult): Promise<void> {
    await this.pool.query(
      `UPDATE transform.run_models SET status = $3, rows = $4, duration_ms = $5, error = $6 WHERE run_id = $1 AND name = $2`,
      [runId, m.name, m.status, m.rows, m.durationMs, m.error?.slice(0, 4000) ?? null],
    );
  }

  private async recordTests(runId: string, tests: TestRunResult[]): Promise<void> {
    if (!tests.length) return;
    await this.pool.query(
      `INSERT INTO transform.test_results (run_id, name, model, status, failures, error)
       SELECT $1, t.name, t.model, t.status, t.failures, t.error FROM jsonb_to_recordset($2::jsonb) AS t(name text, model text, status text, failures int, error text)
       ON CONFLICT (run_id, name) DO UPDATE SET status = excluded.status, failures = excluded.failures, error = excluded.error`,
      [runId, JSON.stringify(tests)],
    );
  }
}
