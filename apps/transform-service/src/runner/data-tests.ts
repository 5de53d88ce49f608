import { DataTestDefinition, quoteIdent } from '@rewind/models';

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
