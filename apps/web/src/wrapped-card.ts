// A Wrapped recap's content: the dashboard's Wrapped card and a share link's public page show
// the same thing. Typed by the share's id-less document, which the dashboard's own satisfies.
import { artwork, h } from './dom';
import { fmtDate, fmtDateTime, fmtInt, fmtMeasure, fmtMinutes, hourLabel, WEEKDAYS } from './format';
import { heatmapGrid } from './lists';
import type { Measure, PublicWrapped } from '@rewind/contracts';

interface Line {
  name: string;
  sub?: string;
  image?: HTMLElement;
  row: { plays: number; minutes: number };
}

function list<T>(title: string, rows: T[], line: (row: T) => Line, by: Measure): HTMLElement {
  return h(
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
}

/** The recap of `w` in `by`, dates and times read in `timeZone`; `title` heads it. */
export function wrappedContent(w: PublicWrapped, by: Measure, timeZone: string, title = `Your ${w.year} in music`): HTMLElement[] {
  const big = (id: string, value: string, label: string) =>
    h(
      'div',
      { class: 'stat' },
      h('span', { class: 'stat-value', 'data-testid': `wrapped-${id}` }, value),
      h('span', { class: 'stat-label' }, label),
    );
  const fact = (label: string, text: string) => h('li', {}, h('span', { class: 'muted' }, label), h('strong', {}, text));
  const peak = w.busiestHourOfWeek;
  const names = (refs: Array<{ name: string }>) => refs.map((x) => x.name).join(', ');
  const parts: Array<HTMLElement | null> = [
    h('p', { class: 'wrapped-title' }, title),
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
      list('Top tracks', w.topTracks, (t) => ({ name: t.name, sub: names(t.artists), row: t }), by),
      list('Top albums', w.topAlbums, (a) => ({ name: a.name, sub: names(a.artists), image: artwork(a.imageUrl, a.name), row: a }), by),
      list('Top genres', w.topGenres, (g) => ({ name: g.genre, row: g }), by),
    ),
    h(
      'ul',
      { class: 'facts' },
      w.busiestDay ? fact('Busiest day', `${fmtDate(w.busiestDay.date)} · ${fmtMeasure(w.busiestDay, by)}`) : null,
      peak ? fact('Favourite hour', `${WEEKDAYS[peak.weekday]} ${hourLabel(peak.hour)} · ${fmtMeasure(peak, by)}`) : null,
      w.longestStreak.days
        ? fact('Longest streak', `${w.longestStreak.days} days${w.longestStreak.from ? ` from ${fmtDate(w.longestStreak.from)}` : ''}`)
        : null,
      w.longestSession
        ? fact('Longest session', `${fmtMinutes(w.longestSession.minutes)} on ${fmtDateTime(w.longestSession.start, timeZone)}`)
        : null,
      fact('New tracks', fmtInt(w.discoveries.tracks)),
    ),
    w.hourOfWeek.length ? h('details', {}, h('summary', {}, 'Hour of the week'), heatmapGrid(w.hourOfWeek, by)) : null,
  ];
  return parts.filter((el): el is HTMLElement => el !== null);
}
