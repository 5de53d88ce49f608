import { ModelProjectError } from './types';

/** A reusable piece of model SQL: `{% macro name(a, b) %} ... {{ a }} ... {% endmacro %}` in `macros/*.sql`. */
export interface MacroDefinition {
  name: string;
  params: string[];
  body: string;
  file: string;
}

export type Macros = ReadonlyMap<string, MacroDefinition>;

const DEFINITION = /\{%-?\s*macro\s+([a-z_][a-z0-9_]*)\s*\(([^)]*)\)\s*-?%\}([\s\S]*?)\{%-?\s*endmacro\s*-?%\}/g;
const CALL = /\{\{\s*([a-z_][a-z0-9_]*)\s*\(([^)]*)\)\s*\}\}/g;
const IDENT = /^[a-z_][a-z0-9_]*$/;
const ARG = /^'([^']*)'$/;
/** Names the template language gives a meaning of its own. */
const RESERVED = new Set(['ref', 'source', 'is_incremental', 'this', 'watermark', 'run_started_at', 'last_run_started_at']);
const MAX_DEPTH = 8;

/** Reads the macros of one file; anything but macros and `--` comments outside them is an error. */
export function parseMacroFile(file: string, text: string): MacroDefinition[] {
  const macros: MacroDefinition[] = [];
  for (const m of text.matchAll(DEFINITION)) {
    const [, name, paramText, body] = m;
    if (RESERVED.has(name)) throw new ModelProjectError(`${file}: "${name}" is part of the template language, not a macro name`, file);
    const params = paramText.trim() === '' ? [] : paramText.split(',').map((p) => p.trim());
    for (const p of params) if (!IDENT.test(p)) throw new ModelProjectError(`${file}: macro ${name}: bad parameter "${p}"`, file);
    macros.push({ name, params, body: body.trim(), file });
  }
  const outside = text
    .replace(DEFINITION, '')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.trim().startsWith('--'));
  if (outside.length) throw new ModelProjectError(`${file}: only {% macro %} definitions and -- comments belong in a macro file`, file);
  return macros;
}

export function collectMacros(files: { file: string; text: string }[]): Macros {
  const macros = new Map<string, MacroDefinition>();
  for (const { file, text } of files) {
    for (const macro of parseMacroFile(file, text)) {
      const existing = macros.get(macro.name);
      if (existing) throw new ModelProjectError(`${file}: macro "${macro.name}" is also defined in ${existing.file}`, file);
      macros.set(macro.name, macro);
    }
  }
  return macros;
}

/** Replaces every `{{ name('arg', ...) }}` of a known macro by its body (macros may call macros). */
export function expandMacros(text: string, macros: Macros, file: string): string {
  let out = text;
  for (let depth = 0; depth <= MAX_DEPTH; depth++) {
    let expanded = false;
    out = out.replace(CALL, (call: string, name: string, argText: string) => {
      const macro = macros.get(name);
      if (!macro) return call;
      expanded = true;
      const args = argText.trim() === '' ? [] : argText.split(',').map((a) => a.trim());
      if (args.length !== macro.params.length)
        throw new ModelProjectError(`${file}: macro ${name} takes ${macro.params.length} argument(s), got ${args.length}`, file);
      const values = args.map((a) => {
        const literal = ARG.exec(a);
        if (!literal) throw new ModelProjectError(`${file}: macro ${name}: arguments are quoted strings, got ${a}`, file);
        return literal[1];
      });
      return macro.params.reduce((body, param, i) => body.replace(new RegExp(`\\{\\{\\s*${param}\\s*\\}\\}`, 'g'), values[i]), macro.body);
    });
    if (!expanded) return out;
  }
  throw new ModelProjectError(`${file}: macros nest deeper than ${MAX_DEPTH} (a macro calls itself?)`, file);
}
