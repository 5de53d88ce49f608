import { PoolClient } from 'pg';
import { ModelProject } from '../dag';
import { render, RenderContext, renderReplaces } from '../template';
import { ModelDefinition } from '../types';
import { BUILDING_SUFFIX, martsRelation, ModelRunResult, TestRunResult, timestampLiteral, Watermark } from './types';

/** What a materialization needs to build one model inside the run's transaction. */
export interface BuildContext {
  client: PoolClient;
  project: ModelProject;
  model: ModelDefinition;
  /** The model's last build (null: never built incrementally). */
  previous: Watermark | null;
  runStartedAt: string;
  /** Models this run has rebuilt aside so far (`<name>__building`, published at the end of the run). */
  aside: ReadonlySet<string>;
  /** Data test results of the model are appended here. */
  tests: TestRunResult[];
}

export interface Built {
  rows: number | null;
  mode: ModelRunResult['mode'];
  /** An incremental build that changed no row leaves its dependents nothing new to read. */
  changed?: boolean;
}

/** The relation a model is built under until the run publishes it. */
export const buildingRelation = (name: string): string => martsRelation(`${name}${BUILDING_SUFFIX}`);

/** The relation ref(name) reads during the run: this run's rebuilt version if there is one, else the published one. */
export const resolverOf =
  (ctx: Pick<BuildContext, 'aside'>) =>
  (name: string): string =>
    ctx.aside.has(name) ? buildingRelation(name) : martsRelation(name);

function renderContext(ctx: BuildContext, self: string, incremental: boolean): RenderContext {
  return {
    ref: resolverOf(ctx),
    self,
    incremental,
    watermark: ctx.previous ? timestampLiteral(ctx.previous.source) : undefined,
    runStartedAt: timestampLiteral(ctx.runStartedAt),
    lastRunStartedAt: ctx.previous ? timestampLiteral(ctx.previous.run) : undefined,
  };
}

/** The model's SELECT for building `self`. */
export function renderModel(ctx: BuildContext, self: string, incremental: boolean): string {
  return render(ctx.model.sql, renderContext(ctx, self, incremental));
}

/** The model's `{% replaces %}` query for an incremental run of `self` (null: the batch's own keys only). */
export function renderModelReplaces(ctx: BuildContext, self: string): string | null {
  return renderReplaces(ctx.model.sql, renderContext(ctx, self, true));
}

export const testsOf = (ctx: BuildContext) => ctx.project.tests.filter((t) => t.model === ctx.model.name);
