import { Pool, PoolClient } from 'pg';
import { ModelDefinition } from '../types';
import { ModelRunResult, ModelState, RunOptions, TestRunResult, Watermark } from './types';

/**
 * The run ledger in schema `transform`: runs, the models and data tests of each run (written as
 * they happen, on the pool, so progress is visible during a run) and each model's last build
 * (model_state, model_versions: written on the run's own connection, with the model).
 */
export class RunLedger {
  constructor(private readonly pool: Pool) {}

  /** Records a queued run and returns its id. */
  async createRun(options: RunOptions): Promise<string> {
    const { rows } = await this.pool.query<{ id: string }>(
      `INSERT INTO transform.runs (status, trigger, "select", full_refresh) VALUES ('queued', $1, $2, $3) RETURNING id`,
      [options.trigger ?? 'manual', options.select ?? null, options.fullRefresh ?? false],
    );
    return rows[0].id;
  }

  /**
   * Marks the run running and stamps it. The run stamp strictly increases across runs; the source
   * watermark is the oldest instant a still-open transaction could have stamped a row with, minus
   * `overlapMs` (rows loaded later are read next time).
   */
  async startRun(client: PoolClient, runId: string, overlapMs: number): Promise<{ runStartedAt: string; sourceWatermark: string }> {
    const { rows } = await client.query<{ run: string; source: string }>(
      `WITH s AS (
         SELECT greatest(clock_timestamp(), coalesce((SELECT max(started_at) FROM transform.runs WHERE id <> $1), '-infinity') + interval '1 microsecond') AS run
       )
       UPDATE transform.runs SET status = 'running', started_at = s.run FROM s WHERE id = $1
       RETURNING s.run::text AS run,
         (least(clock_timestamp(), coalesce((SELECT min(xact_start) FROM pg_stat_activity
            WHERE pid <> pg_backend_pid() AND xact_start IS NOT NULL AND backend_type = 'client backend' AND datname = current_database()), 'infinity'))
           - $2::int * interval '1 millisecond')::text AS source`,
      [runId, overlapMs],
    );
    if (!rows.length) throw new Error(`run ${runId} does not exist`);
    return { runStartedAt: rows[0].run, sourceWatermark: rows[0].source };
  }

  /** Stamps the run finished; on `db` (the run's transaction, so the stamp commits with the models). */
  async finishRun(db: Pool | PoolClient, runId: string, error: string | null): Promise<void> {
    await db.query(`UPDATE transform.runs SET status = $2, finished_at = clock_timestamp(), error = $3 WHERE id = $1`, [
      runId,
      error ? 'failed' : 'succeeded',
      error?.slice(0, 4000) ?? null,
    ]);
  }

  async modelStates(): Promise<Map<string, ModelState>> {
    const { rows } = await this.pool.query<ModelState>(
      `SELECT name, version, checksum, materialization, watermark FROM transform.model_state`,
    );
    return new Map(rows.map((s) => [s.name, s]));
  }

  /** Remembers a model's build (and a new version or checksum in model_versions). */
  async recordBuild(
    client: PoolClient,
    model: ModelDefinition,
    runId: string,
    watermark: Watermark | null,
    changed: boolean,
  ): Promise<void> {
    await client.query(
      `INSERT INTO transform.model_state (name, version, checksum, materialization, watermark, last_run_id, built_at)
       VALUES ($1, $2, $3, $4, $5, $6, clock_timestamp())
       ON CONFLICT (name) DO UPDATE SET version = excluded.version, checksum = excluded.checksum, materialization = excluded.materialization,
         watermark = excluded.watermark, last_run_id = excluded.last_run_id, built_at = excluded.built_at`,
      [model.name, model.version, model.checksum, model.materialized, watermark ? JSON.stringify(watermark) : null, runId],
    );
    if (changed) {
      await client.query(`INSERT INTO transform.model_versions (name, version, checksum) VALUES ($1, $2, $3)`, [
        model.name,
        model.version,
        model.checksum,
      ]);
    }
  }

  async recordModels(runId: string, models: ModelRunResult[]): Promise<void> {
    if (!models.length) return;
    await this.pool.query(
      `INSERT INTO transform.run_models (run_id, name, version, materialization, status)
       SELECT $1, m.name, m.version, m.materialization, 'pending' FROM jsonb_to_recordset($2::jsonb) AS m(name text, version text, materialization text)`,
      [runId, JSON.stringify(models.map(({ name, version, materialization }) => ({ name, version, materialization })))],
    );
  }

  async recordModel(runId: string, m: ModelRunResult): Promise<void> {
    await this.pool.query(
      `UPDATE transform.run_models SET status = $3, rows = $4, duration_ms = $5, error = $6 WHERE run_id = $1 AND name = $2`,
      [runId, m.name, m.status, m.rows, m.durationMs, m.error?.slice(0, 4000) ?? null],
    );
  }

  async recordTests(runId: string, tests: TestRunResult[]): Promise<void> {
    if (!tests.length) return;
    await this.pool.query(
      `INSERT INTO transform.test_results (run_id, name, model, status, failures, error)
       SELECT $1, t.name, t.model, t.status, t.failures, t.error FROM jsonb_to_recordset($2::jsonb) AS t(name text, model text, status text, failures int, error text)
       ON CONFLICT (run_id, name) DO UPDATE SET status = excluded.status, failures = excluded.failures, error = excluded.error`,
      [runId, JSON.stringify(tests)],
    );
  }
}

/** Whether a model's definition differs from its last build (or it was never built). */
export function modelChanged(model: ModelDefinition, state: ModelState | undefined): boolean {
  return !state || state.version !== model.version || state.checksum !== model.checksum || state.materialization !== model.materialized;
}
