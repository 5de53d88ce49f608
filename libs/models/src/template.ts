import { ModelProjectError, SourceRef } from './types';

const REF = /\{\{\s*ref\(\s*['"]([A-Za-z0-9_]+)['"]\s*\)\s*\}\}/g;
const SOURCE = /\{\{\s*source\(\s*['"]([A-Za-z0-9_]+)['"]\s*,\s*['"]([A-Za-z0-9_]+)['"]\s*\)\s*\}\}/g;
const IF_INCREMENTAL = /\{%\s*if\s+is_incremental\(\)\s*%\}([\s\S]*?)(?:\{%\s*else\s*%\}([\s\S]*?))?\{%\s*endif\s*%\}/g;
const VARIABLE = /\{\{\s*(this|watermark|run_started_at|last_run_started_at)\s*\}\}/g;
const ANY_TAG = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;
/**
 * `{% replaces %} SELECT ... {% endreplaces %}`: in an incremental run, the unique_key values whose
 * rows the batch replaces besides its own (a key whose plays all moved elsewhere). Never part of
 * the model's own SELECT.
 */
const REPLACES = /\{%\s*replaces\s*%\}([\s\S]*?)\{%\s*endreplaces\s*%\}/g;

/** Schemas a model may read with `source()`. */
export const SOURCE_SCHEMAS = ['raw', 'auth'];

export function extractRefs(sql: string): string[] {
  return [...new Set([...sql.matchAll(REF)].map((m) => m[1]))];
}

export function extractSources(sql: string): SourceRef[] {
  const seen = new Map<string, SourceRef>();
  for (const m of sql.matchAll(SOURCE)) seen.set(`${m[1]}.${m[2]}`, { schema: m[1], name: m[2] });
  return [...seen.values()];
}

/** Rejects any `{{ }}` / `{% %}` tag the renderer does not understand, naming the file. */
export function checkTemplate(sql: string, file: string): void {
  const stripped = sql
    .replace(REF, '')
    .replace(SOURCE, '')
    .replace(VARIABLE, '')
    .replace(/\{%\s*(if\s+is_incremental\(\)|else|endif|replaces|endreplaces)\s*%\}/g, '');
  const unknown = stripped.match(ANY_TAG);
  if (unknown) throw new ModelProjectError(`${file}: unknown template tag ${unknown[0]}`, file);
  for (const source of extractSources(sql)) {
    if (!SOURCE_SCHEMAS.includes(source.schema)) {
      throw new ModelProjectError(
        `${file}: source('${source.schema}', '${source.name}') is outside the readable schemas (${SOURCE_SCHEMAS.join(', ')})`,
        file,
      );
    }
  }
}

export interface RenderContext {
  /** Relation a ref() resolves to, e.g. `"marts"."fct_plays"`. */
  ref(name: string): string;
  /** Relation of the model being built (`{{ this }}`). */
  self?: string;
  incremental: boolean;
  /** SQL literal: source watermark of the model's last build (`{{ watermark }}`): every source row loaded before it was processed. */
  watermark?: string;
  /** SQL literal: this run's stamp, strictly increasing across runs (`{{ run_started_at }}`). */
  runStartedAt?: string;
  /** SQL literal: stamp of the run that last built the model (`{{ last_run_started_at }}`). */
  lastRunStartedAt?: string;
}

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

export function render(sql: string, ctx: RenderContext): string {
  return renderTags(sql.replace(REPLACES, ''), ctx);
}

/** The rendered `{% replaces %}` query of a model, or null when it has none. */
export function renderReplaces(sql: string, ctx: RenderContext): string | null {
  const blocks = [...sql.matchAll(REPLACES)].map((m) => m[1].trim());
  return blocks.length ? renderTags(blocks.join('\nunion\n'), ctx) : null;
}

export function hasReplaces(sql: string): boolean {
  return new RegExp(REPLACES.source).test(sql);
}

function renderTags(sql: string, ctx: RenderContext): string {
  return sql
    .replace(IF_INCREMENTAL, (_m, whenIncremental: string, otherwise: string | undefined) =>
      ctx.incremental ? whenIncremental : (otherwise ?? ''),
    )
    .replace(REF, (_m, name: string) => ctx.ref(name))
    .replace(SOURCE, (_m, schema: string, name: string) => `${quoteIdent(schema)}.${quoteIdent(name)}`)
    .replace(VARIABLE, (_m, variable: string) => {
      const value = {
        this: ctx.self,
        watermark: ctx.watermark,
        run_started_at: ctx.runStartedAt,
        last_run_started_at: ctx.lastRunStartedAt,
      }[variable];
      if (value === undefined) throw new Error(`{{ ${variable} }} has no value in this context`);
      return value;
    });
}
