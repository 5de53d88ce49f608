import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { buildProject, ModelProject } from './dag';
import { collectMacros } from './macros';
import { parseModelFile, parseSingularTestFile } from './parse';
import { ModelProjectError } from './types';

/**
 * Folders of a models root that hold models, by layer as dbt lays them out: `staging/` (`stg_`),
 * `intermediate/` (`int_`), `marts/` (`fct_`, `agg_`, `mart_`). A layer may have subfolders; a
 * model's `layer` is its top folder. `tests/` holds singular tests, `macros/` macros.
 */
export const MODEL_LAYERS = ['staging', 'intermediate', 'marts'];

/**
 * Where the SQL lives: `REWIND_MODELS_DIR`, else `libs/models` found by walking up from this
 * file (works from the sources under Jest and from `dist/` after `npm run build`).
 */
export function defaultModelsRoot(): string {
  if (process.env.REWIND_MODELS_DIR) return process.env.REWIND_MODELS_DIR;
  let dir = __dirname;
  for (;;) {
    if (existsSync(join(dir, 'marts')) && existsSync(join(dir, 'staging'))) return dir;
    const candidate = join(dir, 'libs', 'models');
    if (existsSync(join(candidate, 'marts'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new ModelProjectError('cannot find the models directory (set REWIND_MODELS_DIR)');
    dir = parent;
  }
}

function sqlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...sqlFiles(full));
    else if (entry.endsWith('.sql')) out.push(full);
  }
  return out;
}

const rel = (root: string, file: string) => relative(root, file).split(sep).join('/');

/** Reads every macro, model and singular test under `root` and builds the DAG (throws ModelProjectError naming the file). */
export function loadModelProject(root: string = defaultModelsRoot()): ModelProject {
  const macros = collectMacros(sqlFiles(join(root, 'macros')).map((file) => ({ file: rel(root, file), text: readFileSync(file, 'utf8') })));
  const models = MODEL_LAYERS.flatMap((layer) => sqlFiles(join(root, layer))).map((file) =>
    parseModelFile(rel(root, file), readFileSync(file, 'utf8'), macros),
  );
  const tests = sqlFiles(join(root, 'tests')).map((file) => parseSingularTestFile(rel(root, file), readFileSync(file, 'utf8'), macros));
  return buildProject(models, tests);
}
