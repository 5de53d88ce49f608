// Ranked lists and the hour-of-week grid: plain DOM, shared by the dashboard's cards and a share
// link's public page (which loads no charting code). Rows are typed by the share link's
// id-less documents, which the dashboard's own (with ids) satisfy too.
import { artwork, h } from './dom';
import { fmtMeasure, hourLabel, WEEKDAYS } from './format';
import type { HeatmapCell, Measure, PublicTopAlbum, PublicTopArtist, PublicTopTrack, TopGenre } from '@rewind/contracts';

export const names = (refs: Array<{ name: string }>) => refs.map((a) => a.name).join(', ');
export const value = (row: { plays: number; minutes: number }, by: Measure) => (by === 'plays' ? row.plays : row.minutes);

export interface RankRow {
  rank: number;
  title: string;
  subtitle: string;
  image?: HTMLElement;
  plays: number;
  minutes: number;
}

export const artistRow = (a: PublicTopArtist): RankRow => ({ ...a, title: a.name, subtitle: '', image: artwork(a.imageUrl, a.name, true) });

export const trackRow = (t: PublicTopTrack): RankRow => ({
  ...t,
  title: t.name,
  subtitle: [names(t.artists), t.album?.name].filter(Boolean).join(' · '),
  image: artwork(null, t.album?.name ?? t.name),
});

export const albumRow = (a: PublicTopAlbum): RankRow => ({
  ...a,
  title: a.name,
  subtitle: names(a.artists),
  image: artwork(a.imageUrl, a.name),
});

export const genreRow = (g: TopGenre): RankRow => ({ ...g, title: g.genre, subtitle: '', image: artwork(null, g.genre, true) });

export function rankList(rows: RankRow[], by: Measure): HTMLElement {
  const max = Math.max(1, ...rows.map((r) => value(r, by)));
  return h(
    'ol',
    { class: 'rank-list' },
    ...rows.map((r) => {
      const bar = h('span', { class: 'rank-bar' });
      bar.style.width = `${Math.max(2, (value(r, by) / max) * 100)}%`;
      return h(
        'li',
        {},
        h('span', { class: 'rank' }, r.rank),
        r.image ?? null,
        h(
          'span',
          { class: 'rank-text' },
          h('span', { class: 'rank-title', title: r.title }, r.title),
          r.subtitle && h('span', { class: 'rank-sub', title: r.subtitle }, r.subtitle),
          bar,
        ),
        h('span', { class: 'rank-value' }, fmtMeasure(r, by)),
      );
    }),
  );
}

export function heatmapGrid(cells: HeatmapCell[], by: Measure): HTMLElement {
  const max = Math.max(1, ...cells.map((c) => value(c, by)));
  const grid = h('div', { class: 'heatmap', role: 'img', 'aria-label': `Hour-of-week heatmap (${by}); hover a cell for its value` });
  grid.append(h('span', { class: 'hm-corner' }));
  for (let hour = 0; hour < 24; hour++) grid.append(h('span', { class: 'hm-hour' }, hour % 3 === 0 ? String(hour).padStart(2, '0') : ''));
  const byKey = new Map(cells.map((c) => [`${c.weekday}:${c.hour}`, c]));
  for (let day = 0; day < 7; day++) {
    grid.append(h('span', { class: 'hm-day' }, WEEKDAYS[day]));
    for (let hour = 0; hour < 24; hour++) {
      const c = byKey.get(`${day}:${hour}`) ?? { weekday: day, hour, plays: 0, minutes: 0 };
      const cell = h('span', {
        class: 'hm-cell',
        title: `${WEEKDAYS[day]} ${hourLabel(hour)}: ${fmtMeasure(c, by)}`,
        'data-value': value(c, by),
      });
      cell.style.setProperty('--level', (value(c, by) / max).toFixed(3));
      grid.append(cell);
    }
  }
  return grid;
}
