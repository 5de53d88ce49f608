// A Wrapped recap's content: the dashboard's Wrapped card and a share link's public page show
// the same thing. Typed by the share's id-less document, which the dashboard's own satisfies.
import { artwork, h } from './dom';
import { fmtDate, fmtDateTime, fmtInt, fmtMeasure, fmtMinutes, hourLabel, WEEKDAYS } from './format';
import {
  albumCredits,
  albumRefOf,
  artistRefOf,
  genreRefOf,
  heatmapGrid,
  plainNames,
  refLine,
  trackCredits,
  trackRefOf,
  type EntityRef,
  type Linker,
} from './lists';
import type { Measure, PublicWrapped } from '@rewind/contracts';

interface Line {
  entity: EntityRef;
  sub?: EntityRef[][];
  image?: HTMLElement;
  row: { plays: number; minutes: number };
}

function list<T>(title: string, rows: T[], line: (row: T) => Line, by: Measure, link: Linker): HTMLElement {
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
              h('span', { class: 'rank-text' }, link(l.entity), l.sub ? refLine(l.sub, link) : null),
              h('span', { class: 'rank-value' }, fmtMeasure(l.row, by)),
            );
          }),
        )
      : h('p', { class: 'muted' }, 'None yet.'),
  );
}

/**
 * The recap of `w` in `by`, dates and times read in `timeZone`; `title` heads it; `link` makes
 * the names links (the dashboard's) or text (a share page's).
 */
export function wrappedContent(
  w: PublicWrapped,
  by: Measure,
  timeZone: string,
  title = `Your ${w.year} in music`,
  link: Linker = plainNames,
): HTMLElement[] {
  const big = (id: string, value: string, label: string) =>
    h(
      'div',
      { class: 'stat' },
      h('span', { class: 'stat-value', 'data-testid': `wrapped-${id}` }, value),
      h('span', { class: 'stat-label' }, label),
    );
  const fact = (label: string, text: string) => h('li', {}, h('span', { class: 'muted' }, label), h('strong', {}, text));
  const peak = w.busiestHourOfWeek;
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
      list('Top artists', w.topArtists, (a) => ({ entity: artistRefOf(a), image: artwork(a.imageUrl, a.name, true), row: a }), by, link),
      list('Top tracks', w.topTracks, (t) => ({ entity: trackRefOf(t), sub: trackCredits(t).slice(0, 1), row: t }), by, link),
      list(
        'Top albums',
        w.topAlbums,
        (a) => ({ entity: albumRefOf(a), sub: albumCredits(a), image: artwork(a.imageUrl, a.name), row: a }),
        by,
        link,
      ),
      list('Top genres', w.topGenres, (g) => ({ entity: genreRefOf(g), row: g }), by, link),
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
