import { CardDefinition, DATE_TAG } from '../src/cards';

export interface DateRange {
  /** Inclusive first day, YYYY-MM-DD. */
  from: string;
  /** Inclusive last day, YYYY-MM-DD (Metabase's "between" on a date column). */
  to: string;
}

/**
 * Renders a card's SQL the way Metabase renders a field-filter tag on a date column: the
 * qualified column `"marts"."<table>"."<column>"` inside the specific-dates range (inclusive
 * days), or `1 = 1` when the dashboard filter is empty. Any other `{{tag}}` or `[[optional]]`
 * clause is an error (cards only use the date tag).
 */
export function renderCardSql(card: CardDefinition, range: DateRange | null): string {
  const column = `"marts"."${card.dateField.table}"."${card.dateField.column}"`;
  const condition = range ? `(${column} >= date '${range.from}' and ${column} < date '${range.to}' + 1)` : '1 = 1';
  const sql = card.sql.replace(new RegExp(`\\{\\{\\s*${DATE_TAG}\\s*\\}\\}`, 'g'), condition);
  const leftover = sql.match(/\{\{[\s\S]*?\}\}|\[\[/);
  if (leftover) throw new Error(`${card.name}: unrendered template ${leftover[0]}`);
  return sql;
}
