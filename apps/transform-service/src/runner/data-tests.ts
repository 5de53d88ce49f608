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
