import type { Api } from './api';
import { artwork, clear, h } from './dom';
import { fmtDate, fmtDateTime, fmtInt, fmtMeasure, fmtMinutes, hourLabel, WEEKDAYS } from './format';
import { Panel } from './panel';
import { todayIn } from './range';
import type { Filters } from './state';
import type { Measure, Summary, Wrapped } from '@rewind/contracts';
import { heatmapGrid } from './stats-panels';

/** "Wrapped" for one calendar year (in the chosen zone): follows account, time zone and plays/minutes, not the range. */
export function wrappedPanel() {
  const panel = new Panel('wrapped', 'Wrapped', 'span-all wrapped');
  const select = h('select', { 'aria-label': 'Wrapped year', 'data-testid': 'wrapped-year' });
  panel.actions.append(select);
  let chosenYear: number | null = null;
  let last: { api: Api; filters: Filters } | null = null;
  select.addEventListener('change', () => {
    chosenYear = Number(select.value);
    if (last) void load(last.api, last.filters);
  });

  const list = <T>(
    title: string,
    rows: T[],
    line: (row: T) => { name: string; sub?: string; image?: HTMLElement; row: { plays: number; minutes: number } },
    by: Measure,
  ) =>
    h(
      'div',
      { class: 'wrapped-list' },
      h('h3', {}, title),
      rows.length
        ? h(
            'ol',
            {},
            ...rows.slice(0, 5).map((r) => {
              const l = line(r);
              return h(
                'li',
                {},
                l.image ?? null,
                h(
                  'span',
                  { class: 'rank-text' },
                  h('span', { class: 'rank-title' }, l.name),
                  l.sub && h('span', { class: 'rank-sub' }, l.sub),
                ),
                h('span', { class: 'rank-value' }, fmtMeasure(l.row, by)),
              );
            }),
          )
        : h('p', { class: 'muted' }, 'None yet.'),
    );

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
        const by = filters.by;
        const big = (id: string, value: string, label: string) =>
          h(
            'div',
            { class: 'stat' },
            h('span', { class: 'stat-value', 'data-testid': `wrapped-${id}` }, value),
            h('span', { class: 'stat-label' }, label),
          );
        const fact = (label: string, text: string) => h('li', {}, h('span', { class: 'muted' }, label), h('strong', {}, text));
        const peak = w.busiestHourOfWeek;
        clear(
          panel.body,
          h('p', { class: 'wrapped-title' }, `Your ${w.year} in music`),
          h(
            'div',
            { class: 'stats-row' },
            big('minutes', fmtInt(w.totals.minutes), 'minutes listened'),
            big('plays', fmtInt(w.totals.plays), 'plays'),
            big('days', fmtInt(w.listeningDays), 'days with music'),
            big('artists', fmtInt(w.totals.distinctArtists), 'artists'),
            big('new-artists', fmtInt(w.discoveries.artists), 'new artists'),
          ),
          h(
            'div',
            { class: 'wrapped-grid' },
            list('Top artists', w.topArtists, (a) => ({ name: a.name, image: artwork(a.imageUrl, a.name, true), row: a }), by),
            list('Top tracks', w.topTracks, (t) => ({ name: t.name, sub: t.artists.map((a) => a.name).join(', '), row: t }), by),
            list(
              'Top albums',
              w.topAlbums,
              (a) => ({ name: a.name, sub: a.artists.map((x) => x.name).join(', '), image: artwork(a.imageUrl, a.name), row: a }),
              by,
            ),
            list('Top genres', w.topGenres, (g) => ({ name: g.genre, row: g }), by),
          ),
          h(
            'ul',
            { class: 'facts' },
            w.busiestDay ? fact('Busiest day', `${fmtDate(w.busiestDay.date)} · ${fmtMeasure(w.busiestDay, by)}`) : null,
            peak ? fact('Favourite hour', `${WEEKDAYS[peak.weekday]} ${hourLabel(peak.hour)} · ${fmtMeasure(peak, by)}`) : null,
            w.longestStreak.days
              ? fact(
                  'Longest streak',
                  `${w.longestStreak.days} days${w.longestStreak.from ? ` from ${fmtDate(w.longestStreak.from)}` : ''}`,
                )
              : null,
            w.longestSession
              ? fact('Longest session', `${fmtMinutes(w.longestSession.minutes)} on ${fmtDateTime(w.longestSession.start, filters.tz)}`)
              : null,
            fact('New tracks', fmtInt(w.discoveries.tracks)),
          ),
          w.hourOfWeek.length ? h('details', {}, h('summary', {}, 'Hour of the week'), heatmapGrid(w.hourOfWeek, by)) : null,
        );
        return w.totals.plays > 0;
      },
      'No plays in this year.',
    );
  }

  return { panel, load };
}
