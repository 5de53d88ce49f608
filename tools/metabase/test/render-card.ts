import { ACCOUNT_COLUMN, ACCOUNT_TAG, CardDefinition, DATE_TAG } from '../src/cards';

export interface DateRange {
  /** Inclusive first day, YYYY-MM-DD. */
  from: string;
  /** Inclusive last day, YYYY-MM-DD (Metabase's "between" on a date column). */
  to: string;
}

/**
 * Renders a card's SQL the way Metabase renders its field-filter tags: the date tag as the
 * qualified column `"marts"."<table>"."<column>"` inside the specific-dates range (inclusive
 * days), the listener tag as `"marts"."<table>"."account_id" = '<id>'`, each `1 = 1` when its
 * dashboard filter is empty. Any other `{{tag}}` or `[[optional]]` clause is an error.
 */
export function renderCardSql(card: CardDefinition, range: DateRange | null, accountId: string | null = null): string {
  const column = `"marts"."${card.dateField.table}"."${card.dateField.column}"`;
  const condition = range ? `(${column} >= date '${range.from}' and ${column} < date '${range.to}' + 1)` : '1 = 1';
  const account = accountId ? `"marts"."${card.dateField.table}"."${ACCOUNT_COLUMN}" = '${accountId}'` : '1 = 1';
  const sql = card.sql
    .replace(new RegExp(`\\{\\{\\s*${DATE_TAG}\\s*\\}\\}`, 'g'), condition)
    .replace(new RegExp(`\\{\\{\\s*${ACCOUNT_TAG}\\s*\\}\\}`, 'g'), account);
  const leftover = sql.match(/\{\{[\s\S]*?\}\}|\[\[/);
  if (leftover) throw new Error(`${card.name}: unrendered template ${leftover[0]}`);
  return sql;
}
