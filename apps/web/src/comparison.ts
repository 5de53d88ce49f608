// "vs previous period": the top of a dimension over the range with each item's place in the
// range of equal length just before (GET /api/stats/compare), asked for once per dimension and
// load, shared by the summary (totals) and the top lists (movement arrows).
import type { Api, Params } from './api';
import { h } from './dom';
import { fmtInt } from './format';
import { previousRange, type DateRange } from './range';
import type { Dimension } from './routes';
import type { Comparison, Measure } from '@rewind/contracts';

export type Comparisons = (dimension: Dimension) => Promise<Comparison | null>;

/** How many items of each top list are compared (the dashboard's top lists show 10). */
export const COMPARED_ITEMS = 10;

/** Comparisons over `range` (null for an unbounded range, which has no period before it, or when the API cannot answer). */
export function comparisons(api: Api, params: Params, range: DateRange): Comparisons {
  const asked = new Map<Dimension, Promise<Comparison | null>>();
  return (dimension) => {
    if (!previousRange(range)) return Promise.resolve(null);
    let answer = asked.get(dimension);
    if (!answer) {
      answer = api.get<Comparison>('/api/stats/compare', { ...params, dimension, limit: COMPARED_ITEMS }).catch((error: unknown) => {
        console.warn('compare', dimension, error);
        return null;
      });
      asked.set(dimension, answer);
    }
    return answer;
  };
}

/** "+12% vs previous period (1,234)" for plays or minutes; null when the previous period had none. */
export function vsPrevious(totals: Comparison['totals'], measure: Measure, testId: string): HTMLElement | null {
  const now = measure === 'plays' ? totals.plays : totals.minutes;
  const before = measure === 'plays' ? totals.previousPlays : totals.previousMinutes;
  if (before <= 0) return h('span', { class: 'stat-sub vs', 'data-testid': testId, 'data-change': 'new' }, 'none in the previous period');
  const change = ((now - before) / before) * 100;
  const rounded = Math.round(change);
  const sign = rounded > 0 ? '+' : rounded < 0 ? '−' : '±';
  return h(
    'span',
    {
      class: `stat-sub vs ${rounded > 0 ? 'up' : rounded < 0 ? 'down' : 'same'}`,
      'data-testid': testId,
      'data-previous': before,
      title: `${fmtInt(before)} ${measure} in the previous period of equal length`,
    },
    `${sign}${Math.abs(rounded)}% vs previous period (${fmtInt(before)})`,
  );
}
