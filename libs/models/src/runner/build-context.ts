import { PoolClient } from 'pg';
import { ModelProject } from '../dag';
import { render } from '../template';
import { ModelDefinition } from '../types';
import { martsRelation as rel, ModelRunResult, RunHooks, TestRunResult, timestampLiteral, Watermark } from './types';

/** What a materialization needs to build one model inside the run's transaction. */
export interface BuildContext {
  client: PoolClient;
  project: ModelProject;
  model: ModelDefinition;
  /** The model's last build (null: never built incrementally). */
  previous: Watermark | null;
  runStartedAt: string;
  /** Relations in schema marts (name → relkind), kept up to date as models are built. */
  relations: Map<string, string>;
  /** Data test results of the model are appended here. */
  tests: TestRunResult[];
  hooks?: RunHooks;
}

export interface Built {
  rows: number | null;
  mode: ModelRunResult['mode'];
}

/** The model's SELECT for building `self`. */
export function renderModel(ctx: BuildContext, self: string, incremental: boolean): string {
  return render(ctx.model.sql, {
    ref: rel,
    self,
    incremental,
    watermark: ctx.previous ? timestampLiteral(ctx.previous.source) : undefined,
    runStartedAt: timestampLiteral(ctx.runStartedAt),
    lastRunStartedAt: ctx.previous ? timestampLiteral(ctx.previous.run) : undefined,
  });
}

export const testsOf = (ctx: BuildContext) => ctx.project.tests.filter((t) => t.model === ctx.model.name);
