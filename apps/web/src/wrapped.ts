import type { Api } from './api';
import { clear, h } from './dom';
import { entityLinker } from './lists';
import { Panel } from './panel';
import { todayIn } from './range';
import type { Filters } from './state';
import type { Summary, Wrapped } from '@rewind/contracts';
import { wrappedContent } from './wrapped-card';

/**
 * "Wrapped" for one calendar year (in the chosen zone): follows account, time zone and
 * plays/minutes, not the range. `onYear` hears the year shown (the share links offer it).
 */
export function wrappedPanel(onYear: (year: number) => void = () => undefined) {
  const panel = new Panel('wrapped', 'Wrapped', 'span-all wrapped');
  const select = h('select', { 'aria-label': 'Wrapped year', 'data-testid': 'wrapped-year' });
  panel.actions.append(select);
  let chosenYear: number | null = null;
  let last: { api: Api; filters: Filters } | null = null;
  select.addEventListener('change', () => {
    chosenYear = Number(select.value);
    if (last) void load(last.api, last.filters);
  });

  async function load(api: Api, filters: Filters): Promise<void> {
    last = { api, filters };
    await panel.run(
      async () => {
        // The years on offer: from the first to the last play of the account, in the chosen zone.
        const all = await api.get<Summary>('/api/stats/summary', {
          accountId: filters.accountId ?? undefined,
          tz: filters.tz,
          by: filters.by,
        });
        const thisYear = Number(todayIn(filters.tz).slice(0, 4));
        const first = all.firstPlayedAt ? Number(todayIn(filters.tz, new Date(all.firstPlayedAt)).slice(0, 4)) : thisYear;
        const lastYear = all.lastPlayedAt ? Number(todayIn(filters.tz, new Date(all.lastPlayedAt)).slice(0, 4)) : thisYear;
        const years: number[] = [];
        for (let y = lastYear; y >= first; y--) years.push(y);
        const year = chosenYear !== null && years.includes(chosenYear) ? chosenYear : years[0];
        select.replaceChildren(...years.map((y) => h('option', { value: y, selected: y === year }, y)));
        onYear(year);
        const wrapped = await api.get<Wrapped>('/api/stats/wrapped', {
          accountId: filters.accountId ?? undefined,
          tz: filters.tz,
          by: filters.by,
          year,
          limit: 5,
        });
        return wrapped;
      },
      (w) => {
        // Names link to their pages over the year shown.
        const year = { from: `${w.year}-01-01`, to: `${w.year + 1}-01-01`, tz: filters.tz, accountId: filters.accountId ?? undefined };
        clear(panel.body, ...wrappedContent(w, filters.by, filters.tz, undefined, entityLinker(year)));
        return w.totals.plays > 0;
      },
      'No plays in this year.',
    );
  }

  return { panel, load };
}
