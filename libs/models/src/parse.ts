import { createHash } from 'node:crypto';
import { expandMacros, Macros } from './macros';
import { checkTemplate, extractRefs, extractSources, hasReplaces } from './template';
import {
  DataTestDefinition,
  INCREMENTAL_STRATEGIES,
  IncrementalStrategy,
  MODEL_MATERIALIZATIONS,
  ModelDefinition,
  ModelMaterialization,
  ModelProjectError,
} from './types';

const NAME = /^[a-z][a-z0-9_]*$/;
const IDENT_LIST = /^[a-z_][a-z0-9_]*(\s*,\s*[a-z_][a-z0-9_]*)*$/;

interface Header {
  single: Map<string, string>;
  multi: Map<string, string[]>;
  body: string;
}

const MULTI_KEYS = new Set(['index', 'test']);
const KNOWN_KEYS = new Set(['version', 'materialized', 'unique_key', 'strategy', 'tail_key', 'description', 'index', 'test']);

/** Reads the leading `-- key: value` comment lines of a file. */
function parseHeader(text: string, file: string, known: Set<string>): Header {
  const single = new Map<string, string>();
  const multi = new Map<string, string[]>();
  const lines = text.split('\n');
  let i = 0;
  let last: string | null = null;
  for (; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    if (!line.startsWith('--')) break;
    const content = line.slice(2).trim();
    const m = /^([a-z_]+)\s*:\s*(.*)$/.exec(content);
    if (m && known.has(m[1])) {
      const [, key, value] = m;
      if (MULTI_KEYS.has(key)) multi.set(key, [...(multi.get(key) ?? []), value.trim()]);
      else if (single.has(key)) throw new ModelProjectError(`${file}: header key "${key}" is given twice`, file);
      else single.set(key, value.trim());
      last = key;
    } else if (m) {
      throw new ModelProjectError(`${file}: unknown header key "${m[1]}"`, file);
    } else if (last === 'description' && content !== '') {
      single.set('description', `${single.get('description')} ${content}`);
    } else {
      last = null;
    }
  }
  return { single, multi, body: lines.slice(i).join('\n') };
}

function identList(value: string, what: string, file: string): string[] {
  if (!IDENT_LIST.test(value.trim()))
    throw new ModelProjectError(`${file}: ${what} must be a comma-separated list of column names, got "${value}"`, file);
  return value.split(',').map((c) => c.trim());
}

function testName(kind: string, model: string, columns: string[]): string {
  return `${kind}_${model}__${columns.join('__')}`;
}

/** `unique(a, b)`, `not_null(a, b)`, `accepted_values(col: x, y)`, `relationships(col -> model.column)`. */
export function parseTestDeclaration(decl: string, model: string, file: string): DataTestDefinition[] {
  const m = /^([a-z_]+)\s*\(([\s\S]*)\)$/.exec(decl.trim());
  if (!m) throw new ModelProjectError(`${file}: cannot read test "${decl}" (expected e.g. unique(account_id, played_at))`, file);
  const [, kind, args] = m;
  switch (kind) {
    case 'unique': {
      const columns = identList(args, 'unique()', file);
      return [{ name: testName('unique', model, columns), kind, model, file, columns }];
    }
    case 'not_null':
      return identList(args, 'not_null()', file).map((column) => ({
        name: testName('not_null', model, [column]),
        kind,
        model,
        file,
        columns: [column],
      }));
    case 'accepted_values': {
      const av = /^([a-z_][a-z0-9_]*)\s*:\s*(.+)$/.exec(args.trim());
      if (!av) throw new ModelProjectError(`${file}: accepted_values needs "column: value, value", got "${args}"`, file);
      const values = av[2]
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '');
      return [{ name: testName('accepted_values', model, [av[1]]), kind, model, file, columns: [av[1]], values }];
    }
    case 'relationships': {
      const rel = /^([a-z_][a-z0-9_]*)\s*->\s*([a-z][a-z0-9_]*)\.([a-z_][a-z0-9_]*)$/.exec(args.trim());
      if (!rel) throw new ModelProjectError(`${file}: relationships needs "column -> model.column", got "${args}"`, file);
      return [
        { name: testName('relationships', model, [rel[1]]), kind, model, file, columns: [rel[1]], to: { model: rel[2], column: rel[3] } },
      ];
    }
    default:
      throw new ModelProjectError(`${file}: unknown test kind "${kind}" (unique, not_null, accepted_values, relationships)`, file);
  }
}

export function checksumOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * One model file: the header, then exactly one SELECT (or WITH ... SELECT). Macro calls are
 * expanded first; the checksum is of the expanded text, so editing a macro changes every model
 * that uses it.
 */
export function parseModelFile(file: string, source: string, macros: Macros = new Map()): ModelDefinition {
  const text = expandMacros(source, macros, file);
  const base = file.split('/').pop() ?? file;
  const name = base.replace(/\.sql$/, '');
  if (!NAME.test(name)) throw new ModelProjectError(`${file}: model names are lower_snake_case`, file);
  const layer = file.includes('/') ? file.split('/')[0] : '';
  const header = parseHeader(text, file, KNOWN_KEYS);
  const version = header.single.get('version');
  if (!version) throw new ModelProjectError(`${file}: header has no "version"`, file);
  const materialized = header.single.get('materialized') as ModelMaterialization | undefined;
  if (!materialized || !MODEL_MATERIALIZATIONS.includes(materialized)) {
    throw new ModelProjectError(`${file}: header "materialized" must be one of ${MODEL_MATERIALIZATIONS.join(', ')}`, file);
  }
  const description = header.single.get('description') ?? '';
  if (!description) throw new ModelProjectError(`${file}: header has no "description"`, file);
  const uniqueKeyText = header.single.get('unique_key');
  const uniqueKey = uniqueKeyText ? identList(uniqueKeyText, 'unique_key', file) : [];
  if (materialized === 'incremental' && uniqueKey.length === 0)
    throw new ModelProjectError(`${file}: an incremental model needs a "unique_key"`, file);
  const strategy = (header.single.get('strategy') ?? 'delete+insert') as IncrementalStrategy;
  if (!INCREMENTAL_STRATEGIES.includes(strategy))
    throw new ModelProjectError(`${file}: strategy must be one of ${INCREMENTAL_STRATEGIES.join(', ')}`, file);
  const tailKey = header.single.get('tail_key') ?? null;
  if (strategy === 'tail' && !tailKey) throw new ModelProjectError(`${file}: strategy "tail" needs a "tail_key"`, file);
  const indexes = (header.multi.get('index') ?? []).map((i) => identList(i, 'index', file));
  if (materialized === 'view' && indexes.length) throw new ModelProjectError(`${file}: a view cannot have indexes`, file);

  const body = header.body.trim().replace(/;\s*$/, '');
  if (hasReplaces(body) && (materialized !== 'incremental' || strategy !== 'delete+insert'))
    throw new ModelProjectError(`${file}: {% replaces %} belongs to an incremental model with strategy delete+insert`, file);
  if (!/^(select|with)\b/i.test(body.replace(/\{%[\s\S]*?%\}/g, '').trim()))
    throw new ModelProjectError(`${file}: the model must be one SELECT (or WITH ... SELECT)`, file);
  if (body.includes(';')) throw new ModelProjectError(`${file}: the model must be a single statement (found ";")`, file);
  checkTemplate(text, file);

  const tests = (header.multi.get('test') ?? []).flatMap((decl) => parseTestDeclaration(decl, name, file));
  return {
    name,
    file,
    layer,
    version,
    materialized,
    uniqueKey,
    strategy,
    tailKey,
    description,
    indexes,
    sql: body,
    checksum: checksumOf(text),
    refs: extractRefs(body),
    sources: extractSources(body),
    tests,
  };
}

/** A singular test: a SELECT returning failing rows; named after its file. */
export function parseSingularTestFile(file: string, source: string, macros: Macros = new Map()): DataTestDefinition {
  const text = expandMacros(source, macros, file);
  const base = file.split('/').pop() ?? file;
  const name = base.replace(/\.sql$/, '');
  if (!NAME.test(name)) throw new ModelProjectError(`${file}: test names are lower_snake_case`, file);
  const header = parseHeader(text, file, new Set(['description']));
  const body = header.body.trim().replace(/;\s*$/, '');
  if (!/^(select|with)\b/i.test(body))
    throw new ModelProjectError(`${file}: a singular test must be one SELECT returning the failing rows`, file);
  checkTemplate(text, file);
  const refs = extractRefs(body);
  if (refs.length === 0) throw new ModelProjectError(`${file}: a singular test must ref() at least one model`, file);
  return { name, kind: 'singular', model: '', file, columns: [], sql: body, description: header.single.get('description'), refs };
}
