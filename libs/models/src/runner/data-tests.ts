import { PoolClient } from 'pg';
import { quoteIdent, render } from '../template';
import { DataTestDefinition } from '../types';
import { martsRelation, TestRunResult } from './types';

const lit = (v: string) => `'${v.replace(/'/g, "''")}'`;

/**
 * SQL counting the failing rows of a generic test on `relation`. When `batch` is given (an
 * incremental run), only rows of the batch are judged: the previous table passed already, so a
 * new violation must involve a row that was just inserted.
 */
export function genericTestSql(test: DataTestDefinition, relation: string, resolve: (model: string) => string, batch?: string): string {
  const cols = test.columns.map(quoteIdent);
  const rows = batch ?? relation;
  switch (test.kind) {
    case 'unique': {
      const restrict = batch ? `where (${cols.join(', ')}) in (select ${cols.join(', ')} from ${batch})` : '';
      return `select count(*)::int as failures from (select ${cols.join(', ')} from ${relation} ${restrict} group by ${cols.join(', ')} having count(*) > 1) t`;
    }
    case 'not_null':
      return `select count(*)::int as failures from ${rows} where ${cols[0]} is null`;
    case 'accepted_values':
      return `select count(*)::int as failures from ${rows} where ${cols[0]} is not null and ${cols[0]}::text not in (${(test.values ?? []).map(lit).join(', ')})`;
    case 'relationships':
      return `select count(*)::int as failures from ${rows} c where c.${cols[0]} is not null and not exists (select 1 from ${resolve(test.to!.model)} p where p.${quoteIdent(test.to!.column)} = c.${cols[0]})`;
    default:
      throw new Error(`not a generic test: ${test.kind}`);
  }
}

export function singularTestSql(renderedSelect: string): string {
  return `select count(*)::int as failures from (${renderedSelect}) t`;
}

/** The tests that judge each row on its own (not_null, accepted_values): all of them in one scan. */
export function isColumnCheck(test: DataTestDefinition): boolean {
  return test.kind === 'not_null' || test.kind === 'accepted_values';
}

/** One scan of `rows` counting the failing rows of every column check: columns f0, f1, ... in order. */
export function columnChecksSql(tests: DataTestDefinition[], rows: string): string {
  const counts = tests.map((test, i) => {
    const col = quoteIdent(test.columns[0]);
    const failing =
      test.kind === 'not_null'
        ? `${col} is null`
        : `${col} is not null and ${col}::text not in (${(test.values ?? []).map(lit).join(', ')})`;
    return `count(*) filter (where ${failing})::int as f${i}`;
  });
  return `select ${counts.join(', ')} from ${rows}`;
}

/**
 * Failing keys of a unique test over the table plus a batch that could not be inserted because a
 * unique index refused it: the same count the test would give on the table after the insert.
 */
export function uniqueWithBatchSql(test: DataTestDefinition, relation: string, batch: string): string {
  const cols = test.columns.map(quoteIdent).join(', ');
  return `select count(*)::int as failures from (
    select ${cols} from (select ${cols} from ${relation} where (${cols}) in (select ${cols} from ${batch}) union all select ${cols} from ${batch}) u
    group by ${cols} having count(*) > 1) t`;
}

/** The unique test whose columns are exactly `columns` (in any order), if any. */
export function uniqueTestFor(tests: DataTestDefinition[], columns: string[]): DataTestDefinition | undefined {
  const key = [...columns].sort().join('\u0000');
  return tests.find((t) => t.kind === 'unique' && [...t.columns].sort().join('\u0000') === key);
}

export class TestsFailed extends Error {
  constructor(readonly failed: string[]) {
    super(`data tests failed: ${failed.join(', ')}`);
  }
}

/**
 * Runs a model's data tests on `relation` (or, for an incremental run, on the rows of `batch`),
 * appending each result to `out`, and throws TestsFailed when any fails. `known` holds failure
 * counts already established (unique tests enforced by a unique index); every not_null and
 * accepted_values test is answered by one scan. `resolve` names the relation a ref() reads.
 */
export async function runDataTests(
  client: PoolClient,
  tests: DataTestDefinition[],
  target: { relation: string; batch?: string; resolve?: (model: string) => string },
  out: TestRunResult[],
  known: Map<string, number> = new Map(),
): Promise<void> {
  const { relation, batch } = target;
  const resolve = target.resolve ?? martsRelation;
  const failed: string[] = [];
  const counted = new Map(known);
  const checks = tests.filter((t) => isColumnCheck(t) && !counted.has(t.name));
  if (checks.length > 1) {
    await client.query('SAVEPOINT data_test');
    try {
      const { rows } = await client.query<Record<string, number>>(columnChecksSql(checks, batch ?? relation));
      await client.query('RELEASE SAVEPOINT data_test');
      checks.forEach((t, i) => counted.set(t.name, rows[0][`f${i}`]));
    } catch {
      // A broken check (e.g. an unknown column): run them one by one below to say which.
      await client.query('ROLLBACK TO SAVEPOINT data_test');
    }
  }
  for (const test of tests) {
    const failures = counted.get(test.name);
    if (failures !== undefined) {
      out.push({ name: test.name, model: test.model, status: failures === 0 ? 'pass' : 'fail', failures, error: null });
      if (failures) failed.push(`${test.name} (${failures})`);
      continue;
    }
    const sql =
      test.kind === 'singular'
        ? singularTestSql(render(test.sql!, { ref: (n) => (n === test.model ? (batch ?? relation) : resolve(n)), incremental: false }))
        : genericTestSql(test, relation, resolve, batch);
    await client.query('SAVEPOINT data_test');
    try {
      const { rows } = await client.query<{ failures: number }>(sql);
      await client.query('RELEASE SAVEPOINT data_test');
      const failures = rows[0].failures;
      out.push({ name: test.name, model: test.model, status: failures === 0 ? 'pass' : 'fail', failures, error: null });
      if (failures) failed.push(`${test.name} (${failures})`);
    } catch (e) {
      await client.query('ROLLBACK TO SAVEPOINT data_test');
      out.push({ name: test.name, model: test.model, status: 'error', failures: 0, error: e instanceof Error ? e.message : String(e) });
      failed.push(`${test.name} (error)`);
    }
  }
  if (failed.length) throw new TestsFailed(failed);
}
