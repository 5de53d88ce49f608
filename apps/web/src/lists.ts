// Ranked lists and the hour-of-week grid: plain DOM, shared by the dashboard's cards and a share
// link's public page (which loads no charting code). Rows are typed by the share link's
// id-less documents, which the dashboard's own (with ids) satisfy too.
//
// Every artist, track, album and genre name on screen goes through a Linker: the dashboard's
// (entityLinker) makes it a link to its entity page, carrying the range and zone; a share
// page's (plainNames) keeps it text, since a visitor cannot open entity pages.
import { artwork, h } from './dom';
import { fmtMeasure, hourLabel, WEEKDAYS } from './format';
import { entityHref, type EntityKind, type RouteRange } from './routes';
import type { CompareItem, HeatmapCell, Measure, PublicTopAlbum, PublicTopArtist, PublicTopTrack, TopGenre } from '@rewind/contracts';

export const names = (refs: Array<{ name: string }>) => refs.map((a) => a.name).join(', ');
export const value = (row: { plays: number; minutes: number }, by: Measure) => (by === 'plays' ? row.plays : row.minutes);

/** An artist, track, album or genre as a list names it; `key` is absent in a share's documents. */
export interface EntityRef {
  kind: EntityKind;
  key?: string;
  name: string;
}

/** Renders a name: a link to its entity page, or text. */
export type Linker = (ref: EntityRef, className?: string) => HTMLElement;

/** Names as text: a share link's public page. */
export const plainNames: Linker = (ref, className = 'rank-title') => h('span', { class: className, title: ref.name }, ref.name);

/** Names as links to their entity pages over `range` (the one place entity links are made). */
export function entityLinker(range: RouteRange): Linker {
  return (ref, className = 'rank-title') =>
    ref.key
      ? h(
          'a',
          { class: `${className} entity-link`, href: entityHref(ref.kind, ref.key, range), title: ref.name, 'data-entity': ref.kind },
          ref.name,
        )
      : plainNames(ref, className);
}

/** Groups of names joined by " · ", the names of a group by ", " (e.g. a track's artists · its album). */
export function refLine(groups: EntityRef[][], link: Linker, className = 'rank-sub'): HTMLElement | null {
  const parts = groups.filter((g) => g.length);
  if (!parts.length) return null;
  const line = h('span', { class: className, title: parts.map((g) => names(g)).join(' · ') });
  parts.forEach((group, i) => {
    if (i) line.append(' · ');
    group.forEach((ref, j) => {
      if (j) line.append(', ');
      line.append(link(ref, 'ref'));
    });
  });
  return line;
}

type Keyed<T, K extends string> = T & Partial<Record<K, string>>;
const artistRefs = (refs: Array<{ name: string; id?: string }>): EntityRef[] =>
  refs.map((r) => ({ kind: 'artist', key: r.id, name: r.name }));
const albumRefs = (album: { name: string; id?: string } | null | undefined): EntityRef[] =>
  album ? [{ kind: 'album', key: album.id, name: album.name }] : [];

export const artistRefOf = (a: Keyed<PublicTopArtist, 'artistId'>): EntityRef => ({ kind: 'artist', key: a.artistId, name: a.name });
export const trackRefOf = (t: Keyed<PublicTopTrack, 'trackId'>): EntityRef => ({ kind: 'track', key: t.trackId, name: t.name });
export const albumRefOf = (a: Keyed<PublicTopAlbum, 'albumId'>): EntityRef => ({ kind: 'album', key: a.albumId, name: a.name });
export const genreRefOf = (g: TopGenre): EntityRef => ({ kind: 'genre', key: g.genre, name: g.genre });
/** A track's artists, then its album. */
export const trackCredits = (t: Pick<PublicTopTrack, 'artists' | 'album'>): EntityRef[][] => [artistRefs(t.artists), albumRefs(t.album)];
export const albumCredits = (a: Pick<PublicTopAlbum, 'artists'>): EntityRef[][] => [artistRefs(a.artists)];

export interface RankRow {
  rank: number;
  entity: EntityRef;
  subtitle: EntityRef[][];
  image?: HTMLElement;
  plays: number;
  minutes: number;
  /** Where the row stood in the compared range (top lists with movement arrows). */
  movement?: CompareItem;
}

export const artistRow = (a: Keyed<PublicTopArtist, 'artistId'>): RankRow => ({
  ...a,
  entity: artistRefOf(a),
  subtitle: [],
  image: artwork(a.imageUrl, a.name, true),
});

export const trackRow = (t: Keyed<PublicTopTrack, 'trackId'>): RankRow => ({
  ...t,
  entity: trackRefOf(t),
  subtitle: trackCredits(t),
  image: artwork(null, t.album?.name ?? t.name),
});

export const albumRow = (a: Keyed<PublicTopAlbum, 'albumId'>): RankRow => ({
  ...a,
  entity: albumRefOf(a),
  subtitle: albumCredits(a),
  image: artwork(a.imageUrl, a.name),
});

export const genreRow = (g: TopGenre): RankRow => ({ ...g, entity: genreRefOf(g), subtitle: [], image: artwork(null, g.genre, true) });

/** ▲ n (up n places since the compared range), ▼ n, = (same place) or new (not ranked then). */
export function movementBadge(item: CompareItem): HTMLElement {
  const m = item.movement;
  const [kind, text, title] =
    item.previousRank === null || m === null
      ? ['new', 'new', 'Not ranked in the compared range']
      : m > 0
        ? ['up', `▲ ${m}`, `Up ${m} from #${item.previousRank}`]
        : m < 0
          ? ['down', `▼ ${-m}`, `Down ${-m} from #${item.previousRank}`]
          : ['same', '=', `Same place as before (#${item.previousRank})`];
  return h('span', { class: `movement ${kind}`, title, 'data-movement': kind }, text);
}

export function rankList(rows: RankRow[], by: Measure, link: Linker = plainNames): HTMLElement {
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
        h('span', { class: 'rank-text' }, link(r.entity), refLine(r.subtitle, link), bar),
        r.movement ? movementBadge(r.movement) : null,
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
