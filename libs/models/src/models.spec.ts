import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProject, loadModelProject, ModelProjectError, parseModelFile, render, renderReplaces, selectModels } from './index';

const header = (materialized = 'view', extra = '') =>
  `-- version: 1\n-- materialized: ${materialized}\n-- description: test model\n${extra}`;

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'rewind-models-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('model project', () => {
  it('loads the shipped models in topological order', () => {
    const p = loadModelProject();
    const order = p.models.map((m) => m.name);
    for (const model of p.models) for (const ref of model.refs) expect(order.indexOf(ref)).toBeLessThan(order.indexOf(model.name));
    expect(order).toEqual(
      expect.arrayContaining([
        'stg_plays',
        'stg_tracks',
        'stg_artists',
        'stg_albums',
        'fct_plays',
        'agg_daily_artists',
        'agg_daily_tracks',
        'agg_daily_genres',
        'mart_activity_daily',
        'mart_discoveries',
        'mart_streaks',
        'mart_sessions',
      ]),
    );
    expect(p.tests.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'no_future_plays',
        'positive_durations',
        'polled_listening_within_track_length',
        'unique_fct_plays__account_id__played_at',
      ]),
    );
    expect(p.tests.find((t) => t.name === 'no_future_plays')!.model).toBe('fct_plays');
  });

  it('keeps each shipped model in the folder of its layer', () => {
    const folder: Record<string, string> = { stg: 'staging', int: 'intermediate', fct: 'marts', agg: 'marts', mart: 'marts' };
    for (const model of loadModelProject().models) {
      const prefix = model.name.split('_')[0];
      expect({ model: model.name, layer: model.layer }).toEqual({ model: model.name, layer: folder[prefix] });
    }
  });

  it('reads models from every layer, subfolders included, and nothing outside the layers', () => {
    const root = project({
      'staging/stg_a.sql': `${header()}select 1 as x`,
      'intermediate/int_b.sql': `${header()}select * from {{ ref('stg_a') }}`,
      'marts/daily/agg_c.sql': `${header()}select * from {{ ref('int_b') }}`,
      'scratch/ignored.sql': `${header()}select 1 as x`,
    });
    const p = loadModelProject(root);
    expect(p.models.map((m) => [m.name, m.file, m.layer])).toEqual([
      ['stg_a', 'staging/stg_a.sql', 'staging'],
      ['int_b', 'intermediate/int_b.sql', 'intermediate'],
      ['agg_c', 'marts/daily/agg_c.sql', 'marts'],
    ]);
  });

  it('orders a diamond with dependencies first and ties by name', () => {
    const root = project({
      'staging/b.sql': `${header()}select * from {{ source('raw', 'plays') }}`,
      'staging/a.sql': `${header()}select 1 as x`,
      'marts/c.sql': `${header()}select * from {{ ref('a') }} join {{ ref('b') }} on true`,
      'marts/d.sql': `${header()}select * from {{ ref('c') }}`,
      'marts/aa.sql': `${header()}select * from {{ ref('b') }}`,
    });
    const p = loadModelProject(root);
    expect(p.models.map((m) => m.name)).toEqual(['a', 'b', 'aa', 'c', 'd']);
    expect(p.dependsOn('c')).toEqual(['a', 'b']);
    expect(p.descendants('b')).toEqual(['aa', 'c', 'd']);
    expect(selectModels(p, 'c+')).toEqual(['c', 'd']);
    expect(selectModels(p, '+c')).toEqual(['a', 'b', 'c']);
    expect(selectModels(p, 'a, aa')).toEqual(['a', 'aa']);
    expect(() => selectModels(p, 'nope+')).toThrow('no model named "nope"');
  });

  it('rejects a cycle, naming the files', () => {
    const root = project({
      'marts/x.sql': `${header()}select * from {{ ref('y') }}`,
      'marts/y.sql': `${header()}select * from {{ ref('z') }}`,
      'marts/z.sql': `${header()}select * from {{ ref('x') }}`,
      'marts/ok.sql': `${header()}select 1 as one`,
    });
    expect(() => loadModelProject(root)).toThrow(ModelProjectError);
    expect(() => loadModelProject(root)).toThrow(/marts\/x\.sql: dependency cycle \(each refs the next\) x -> y -> z -> x/);
  });

  it('rejects an unknown ref, naming the file', () => {
    const root = project({ 'marts/x.sql': `${header()}select * from {{ ref('missing') }}` });
    expect(() => loadModelProject(root)).toThrow("marts/x.sql: ref('missing') names no model");
  });

  it('rejects bad headers and bodies with the file name', () => {
    expect(() => parseModelFile('marts/m.sql', `-- materialized: view\n-- description: d\nselect 1`)).toThrow(
      'marts/m.sql: header has no "version"',
    );
    expect(() => parseModelFile('marts/m.sql', header('incremental') + 'select 1')).toThrow('needs a "unique_key"');
    expect(() => parseModelFile('marts/m.sql', header('table') + 'delete from x')).toThrow('one SELECT');
    expect(() => parseModelFile('marts/m.sql', header('table') + 'select 1; select 2')).toThrow('single statement');
    expect(() => parseModelFile('marts/m.sql', header('table', '-- colour: red\n') + 'select 1')).toThrow('unknown header key "colour"');
    expect(() => parseModelFile('marts/m.sql', header('table') + "select * from {{ source('marts', 'x') }}")).toThrow(
      'outside the readable schemas',
    );
    expect(() => parseModelFile('marts/m.sql', header('table') + 'select {{ nope }}')).toThrow('unknown template tag');
  });

  it('parses declared tests', () => {
    const m = parseModelFile(
      'marts/m.sql',
      header('table', '-- test: unique(a, b)\n-- test: not_null(a, b)\n-- test: accepted_values(s: x, y)\n') + 'select 1 as a',
    );
    expect(m.tests.map((t) => [t.name, t.kind, t.columns, t.values])).toEqual([
      ['unique_m__a__b', 'unique', ['a', 'b'], undefined],
      ['not_null_m__a', 'not_null', ['a'], undefined],
      ['not_null_m__b', 'not_null', ['b'], undefined],
      ['accepted_values_m__s', 'accepted_values', ['s'], ['x', 'y']],
    ]);
    expect(() =>
      buildProject([parseModelFile('marts/m.sql', header('table', '-- test: relationships(a -> ghost.a)\n') + 'select 1 as a')]),
    ).toThrow('unknown model "ghost"');
  });

  it('renders refs, sources and incremental blocks', () => {
    const sql = `select * from {{ ref('a') }} join {{ source('raw', 'plays') }} p on true {% if is_incremental() %}where t > {{ watermark }}{% else %}where true{% endif %}`;
    const ctx = { ref: (n: string) => `"marts"."${n}"`, watermark: `'2026-01-01'::timestamptz`, runStartedAt: 'now()' };
    expect(render(sql, { ...ctx, incremental: true })).toBe(
      `select * from "marts"."a" join "raw"."plays" p on true where t > '2026-01-01'::timestamptz`,
    );
    expect(render(sql, { ...ctx, incremental: false })).toBe(`select * from "marts"."a" join "raw"."plays" p on true where true`);
  });
  it('expands macros from macros/*.sql (arguments, nesting) and counts them in the checksum', () => {
    const macro = (body: string) =>
      `-- key columns\n{% macro keys_of(model, column) %}select account_id, {{ column }} from {{ ref('{{ model }}') }}{% endmacro %}\n` +
      `{% macro day_keys() %}{{ keys_of('base', 'local_date') }}{% endmacro %}\n${body}`;
    const files = {
      'marts/base.sql': `${header('table')}select 1 as account_id, current_date as local_date`,
      'marts/m.sql': `${header('view')}select * from ({{ day_keys() }}) k`,
    };
    const p = loadModelProject(project({ ...files, 'macros/keys.sql': macro('') }));
    const m = p.byName.get('m')!;
    expect(m.sql).toBe("select * from (select account_id, local_date from {{ ref('base') }}) k");
    expect(m.refs).toEqual(['base']);
    const edited = loadModelProject(project({ ...files, 'macros/keys.sql': macro('').replace('account_id,', 'account_id, 1 as n,') }));
    expect(edited.byName.get('m')!.checksum).not.toBe(m.checksum);
    expect(edited.byName.get('base')!.checksum).toBe(p.byName.get('base')!.checksum);
  });

  it('rejects a macro called with the wrong arguments, a reserved name, a duplicate and stray text', () => {
    const model = (call: string) => ({ 'marts/m.sql': `${header('view')}select {{ ${call} }}` });
    const macros = { 'macros/a.sql': `{% macro one(x) %}{{ x }}{% endmacro %}` };
    expect(() => loadModelProject(project({ ...macros, ...model('one()') }))).toThrow('marts/m.sql: macro one takes 1 argument(s), got 0');
    expect(() => loadModelProject(project({ ...macros, ...model('one(x)') }))).toThrow('arguments are quoted strings');
    expect(() => loadModelProject(project({ 'macros/a.sql': `{% macro ref(x) %}{% endmacro %}` }))).toThrow('not a macro name');
    expect(() => loadModelProject(project({ ...macros, 'macros/b.sql': `{% macro one() %}{% endmacro %}` }))).toThrow(
      'macros/b.sql: macro "one" is also defined in macros/a.sql',
    );
    expect(() => loadModelProject(project({ 'macros/a.sql': `select 1` }))).toThrow('only {% macro %} definitions');
    expect(() => loadModelProject(project({ 'macros/a.sql': `{% macro loop() %}{{ loop() }}{% endmacro %}`, ...model('loop()') }))).toThrow(
      'nest deeper',
    );
  });

  it('keeps a replaces block out of the SELECT and renders it on its own', () => {
    const m = parseModelFile(
      'marts/m.sql',
      header('incremental', '-- unique_key: k\n') +
        `select k from {{ ref('a') }}\n{% replaces %}select k from {{ ref('b') }}{% endreplaces %}`,
    );
    expect(m.refs.sort()).toEqual(['a', 'b']);
    const ctx = { ref: (n: string) => `"marts"."${n}"`, incremental: true };
    expect(render(m.sql, ctx).trim()).toBe('select k from "marts"."a"');
    expect(renderReplaces(m.sql, ctx)).toBe('select k from "marts"."b"');
    expect(renderReplaces('select 1', ctx)).toBeNull();
    expect(() => parseModelFile('marts/m.sql', header('table') + `select 1 {% replaces %}select 1{% endreplaces %}`)).toThrow(
      'belongs to an incremental model',
    );
  });
});
