import { quoteIdent } from '../template';

/** pg_advisory_lock key of transform runs (one at a time across every replica and the CLI). */
export const TRANSFORM_LOCK_KEY = 7_345_001;
export const MARTS_SCHEMA = 'marts';
/** A table (or view) rebuilt by a run lives under this suffix until the run publishes it. */
export const BUILDING_SUFFIX = '__building';

export type RunTrigger = 'manual' | 'request' | 'schedule' | 'cli';
export type ModelStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped';

export interface RunOptions {
  select?: string | null;
  fullRefresh?: boolean;
  trigger?: RunTrigger;
}

export interface RunHooks {
  /** Called after each model of a run is built (or failed), before the run publishes anything. */
  afterModel?(model: string): Promise<void>;
  /** Called when every model is built and tested, for each rebuilt one, just before it replaces the published one. */
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

/** transform.model_state: what the last successful build of a model was. */
export interface ModelState {
  name: string;
  version: string;
  checksum: string;
  materialization: string;
  watermark: string | null;
}

export interface Watermark {
  /** Every source row with loaded_at/updated_at before this was visible when the model was built. */
  source: string;
  /** transform.runs.started_at of the run that built it. */
  run: string;
}

/** A timestamptz SQL literal. */
export const timestampLiteral = (v: string): string => `'${v.replace(/'/g, "''")}'::timestamptz`;
/** The published relation of a model. */
export const martsRelation = (name: string): string => `${quoteIdent(MARTS_SCHEMA)}.${quoteIdent(name)}`;
