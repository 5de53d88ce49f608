import { Pool } from 'pg';
import { ModelProject, selectModels } from '../dag';
import { modelChanged } from './ledger';
import { MARTS_SCHEMA, ModelState, RunOptions } from './types';

export interface RunPlan {
  /** Models of the run, in DAG order. */
  order: string[];
  /** Models rebuilt from scratch: full refresh, new, changed (with everything downstream), or downstream of one of those. */
  full: Set<string>;
  states: Map<string, ModelState>;
  /** Relations in schema marts: name → relkind ('r', 'v', 'm'). */
  relations: Map<string, string>;
}

/** Which models run, and which of them are rebuilt fully. */
export async function planRun(pool: Pool, project: ModelProject, states: Map<string, ModelState>, options: RunOptions): Promise<RunPlan> {
  const { rows: relRows } = await pool.query<{ relname: string; relkind: string }>(
    `SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'v', 'm')`,
    [MARTS_SCHEMA],
  );
  const relations = new Map(relRows.map((r) => [r.relname, r.relkind]));
  const selected = new Set(selectModels(project, options.select));
  const full = new Set<string>();
  for (const name of selected) {
    const model = project.byName.get(name)!;
    const state = states.get(name);
    const missing = !relations.has(name);
    if (options.fullRefresh || missing || (!state?.watermark && model.materialized === 'incremental')) full.add(name);
    if (modelChanged(model, state)) {
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
