import { Pool, PoolClient } from 'pg';
import { ModelProject, selectModels } from '../dag';
import { loadModelProject } from '../load';
import { BuildContext, Built } from './build-context';
import { modelChanged, RunLedger } from './ledger';
import { buildIncremental, buildTable, buildView } from './materializations';
import { publishAside } from './publish';
import { planRun, RunPlan } from './plan';
import { ModelRunResult, ModelState, RunHooks, RunOptions, RunResult, TestRunResult, TRANSFORM_LOCK_KEY, Watermark } from './types';

export interface TransformRunnerOptions {
  /** Where the models live (default: libs/models, or REWIND_MODELS_DIR). */
  modelsRoot?: string;
  hooks?: RunHooks;
  /** Extra safety margin below the source watermark (rows loaded inside it are read again; default 1000). */
  sourceOverlapMs?: number;
}

/** Runs the model DAG: views, tables (built aside, tested, swapped) and incremental models. */
export class TransformRunner {
  private readonly ledger: RunLedger;

  constructor(
    private readonly pool: Pool,
    private readonly options: TransformRunnerOptions = {},
  ) {
    this.ledger = new RunLedger(pool);
  }

  loadProject(): ModelProject {
    return loadModelProject(this.options.modelsRoot);
  }

  /** Records a queued run and returns its id. Validates the selector first (throws ModelProjectError). */
  async createRun(options: RunOptions): Promise<string> {
    selectModels(this.loadProject(), options.select);
    return this.ledger.createRun(options);
  }

  async run(options: RunOptions): Promise<RunResult> {
    return this.execute(await this.createRun(options), options);
  }

  /**
   * Executes a queued run; waits for the advisory lock if another run holds it. Every model write
   * of the run and its finished stamp are one transaction: readers see all of a run or none of it.
   */
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
        const stamps = await this.ledger.startRun(client, runId, this.options.sourceOverlapMs ?? 1000);
        const project = this.loadProject();
        const plan = await planRun(this.pool, project, await this.ledger.modelStates(), options);
        models.push(...plan.order.map((name) => pendingResult(project, name)));
        await this.ledger.recordModels(runId, models);
        await client.query('BEGIN');
        try {
          const aside = await this.buildAll(client, project, plan, { runId, ...stamps }, models, tests);
          await publishAside(client, project, aside, plan.relations, this.options.hooks);
          const failed = models.filter((m) => m.status === 'failed');
          if (failed.length) error = failed.map((m) => `${m.name}: ${m.error}`).join('; ');
          // Finished before the lock is released: the next run starts after this one finished.
          await this.ledger.finishRun(client, runId, error);
          await client.query('COMMIT');
          recorded = true;
        } catch (e) {
          await client.query('ROLLBACK').catch(() => undefined);
          await this.unpublished(runId, models, e);
          throw e;
        }
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [TRANSFORM_LOCK_KEY]).catch(() => undefined);
      }
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    } finally {
      client.off('error', onConnectionError);
      client.release(connectionLost);
    }
    if (!recorded) await this.ledger.finishRun(this.pool, runId, error);
    return { runId, status: error ? 'failed' : 'succeeded', models, tests, error };
  }

  /**
   * Builds the planned models in order, each in a savepoint of the run's transaction; a failed
   * model is rolled back and skips everything downstream of it. Returns the models rebuilt aside.
   */
  private async buildAll(
    client: PoolClient,
    project: ModelProject,
    plan: RunPlan,
    run: RunStamps,
    models: ModelRunResult[],
    tests: TestRunResult[],
  ): Promise<string[]> {
    const notBuilt = new Set<string>();
    // Tables and incremental models of this run that changed no row (an empty incremental batch).
    const unchanged = new Set<string>();
    const aside = new Set<string>();
    for (const result of models) {
      const model = project.byName.get(result.name)!;
      if (model.refs.some((r) => notBuilt.has(r))) {
        result.status = 'skipped';
        result.error = `upstream model failed: ${model.refs.filter((r) => notBuilt.has(r)).join(', ')}`;
        notBuilt.add(model.name);
        await this.ledger.recordModel(run.runId, result);
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
        Object.assign(result, { status: 'succeeded', mode: 'unchanged', rows: 0, durationMs: 0 });
        unchanged.add(model.name);
        await this.ledger.recordModel(run.runId, result);
        continue;
      }
      result.status = 'running';
      await this.ledger.recordModel(run.runId, result);
      const started = performance.now();
      const modelTests: TestRunResult[] = [];
      const state = plan.states.get(model.name);
      const context: BuildContext = {
        client,
        project,
        model,
        previous: state?.watermark ? (JSON.parse(state.watermark) as Watermark) : null,
        runStartedAt: run.runStartedAt,
        aside,
        tests: modelTests,
      };
      // A view is rebuilt when it changed or reads a relation this run rebuilt (its readers in this run must see that one).
      const full = plan.full.has(model.name) || model.refs.some((r) => aside.has(r));
      try {
        const built = await this.buildModel(context, run, full, state);
        Object.assign(result, { status: 'succeeded', rows: built.rows, mode: built.mode });
        if (built.mode === 'full') aside.add(model.name);
        if (built.mode === 'incremental' && !built.changed) unchanged.add(model.name);
      } catch (e) {
        result.status = 'failed';
        result.error = e instanceof Error ? e.message : String(e);
        notBuilt.add(model.name);
      }
      result.durationMs = Math.round(performance.now() - started);
      tests.push(...modelTests);
      await this.ledger.recordTests(run.runId, modelTests);
      await this.ledger.recordModel(run.runId, result);
      await this.options.hooks?.afterModel?.(model.name);
    }
    return [...aside];
  }

  /** One model in a savepoint: its build, its data tests and its ledger state stand or fall together. */
  private async buildModel(ctx: BuildContext, run: RunStamps, full: boolean, state: ModelState | undefined): Promise<Built> {
    const { client, model } = ctx;
    const changed = modelChanged(model, state);
    if (model.materialized === 'view' && !full && !changed) return { rows: null, mode: 'unchanged' };
    await client.query('SAVEPOINT model_build');
    try {
      // Settings a previous model of the run set with SET LOCAL go back to the server's.
      await client.query('SET LOCAL jit TO DEFAULT; SET LOCAL work_mem TO DEFAULT; SET LOCAL maintenance_work_mem TO DEFAULT');
      const built =
        model.materialized === 'view'
          ? await buildView(ctx)
          : full || model.materialized === 'table'
            ? await buildTable(ctx)
            : await buildIncremental(ctx);
      const watermark: Watermark | null =
        model.materialized === 'incremental' ? { source: run.sourceWatermark, run: run.runStartedAt } : null;
      await this.ledger.recordBuild(client, model, run.runId, watermark, changed);
      await client.query('RELEASE SAVEPOINT model_build');
      return built;
    } catch (e) {
      await client.query('ROLLBACK TO SAVEPOINT model_build').catch(() => undefined);
      if (process.env.DEBUG_TRANSFORM) console.error(e);
      throw e;
    }
  }

  /** The run's transaction did not commit: nothing of it was published, whatever the models' own outcome. */
  private async unpublished(runId: string, models: ModelRunResult[], e: unknown): Promise<void> {
    const reason = `not published: ${e instanceof Error ? e.message : String(e)}`;
    for (const m of models) {
      if (m.status !== 'succeeded') continue;
      Object.assign(m, { status: 'failed', error: reason });
      await this.ledger.recordModel(runId, m).catch(() => undefined);
    }
  }
}

interface RunStamps {
  runId: string;
  runStartedAt: string;
  sourceWatermark: string;
}

function pendingResult(project: ModelProject, name: string): ModelRunResult {
  const model = project.byName.get(name)!;
  return {
    name,
    version: model.version,
    materialization: model.materialized,
    status: 'pending',
    rows: null,
    durationMs: null,
    mode: null,
    error: null,
  };
}

/** Rebuilds every model from scratch with the real runner; throws naming what failed (tests, fixtures, the bench). */
export async function buildAllModels(pool: Pool, options: TransformRunnerOptions = {}): Promise<RunResult> {
  const result = await new TransformRunner(pool, options).run({ fullRefresh: true, trigger: 'manual' });
  if (result.status !== 'succeeded') {
    const failedTests = result.tests.filter((t) => t.status !== 'pass').map((t) => `${t.name}: ${t.error ?? `${t.failures} failing rows`}`);
    throw new Error(`transform run ${result.runId} failed: ${[result.error, ...failedTests].filter(Boolean).join('; ')}`);
  }
  return result;
}
