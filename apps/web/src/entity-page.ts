// One artist, track, album or genre over a range (hash route #/artists/<key>?from&to&tz, see
// routes.ts): totals, rank, first and last play, listening over time, the hours of the day, and
// the lists of its kind (GET /api/stats/{artists,tracks,albums,genres}/:key).
import { ApiError, type Api } from './api';
import { drawChart } from './charts';
import { artwork, clear, h } from './dom';
import { fmtDate, fmtDateTime, fmtInt } from './format';
import { albumRow, artistRow, entityLinker, rankList, refLine, trackRow, value, type EntityRef, type Linker } from './lists';
import { entityHabits } from './habits';
import { Panel } from './panel';
import { describeRange } from './range';
import { DIMENSION_OF, type EntityKind, type RouteRange } from './routes';
import { bucketLabel } from './stats-panels';
import type { Filters } from './state';
import type { AlbumStats, ArtistStats, GenreStats, Measure, TrackStats } from '@rewind/contracts';

type EntityStats = ArtistStats | TrackStats | AlbumStats | GenreStats;

const KIND_LABEL: Record<EntityKind, string> = { artist: 'Artist', track: 'Track', album: 'Album', genre: 'Genre' };

/** A card of the page: a titled section with the dashboard's panel look. */
const card = (title: string, className: string, ...content: Array<HTMLElement | null>) =>
  h('section', { class: `panel ${className}`.trim() }, h('header', { class: 'panel-head' }, h('h2', {}, title)), ...content);

function stat(id: string, label: string, text: string, sub?: string, className = ''): HTMLElement {
  return h(
    'div',
    { class: `stat ${className}`.trim() },
    h('span', { class: 'stat-value', 'data-testid': `entity-${id}` }, text),
    h('span', { class: 'stat-label' }, label),
    sub ? h('span', { class: 'stat-sub' }, sub) : null,
  );
}

function chartCard(title: string, labels: string[], values: number[], by: Measure, className = ''): HTMLElement {
  const canvas = h('canvas', { role: 'img', 'aria-label': `${title} (${by})` });
  const section = card(title, className, h('div', { class: 'chart' }, canvas));
  // Chart.js measures its box: draw once the card is on the page.
  requestAnimationFrame(() => drawChart(canvas, { labels, values, by, type: values.length > 60 ? 'line' : 'bar' }));
  return section;
}

/** What only this kind has: an artist's genres, top tracks and albums; a track's credits and streak; … */
function kindCards(kind: EntityKind, stats: EntityStats, by: Measure, link: Linker): HTMLElement[] {
  const list = (title: string, rows: Parameters<typeof rankList>[0]) =>
    card(title, '', rows.length ? rankList(rows, by, link) : h('p', { class: 'muted' }, 'None in this range.'));
  switch (kind) {
    case 'artist': {
      const a = stats as ArtistStats;
      return [
        list('Top tracks', a.topTracks.map(trackRow)),
        list('Top albums', a.topAlbums.map(albumRow)),
        card(
          'Genres',
          '',
          a.genres.length
            ? h(
                'p',
                { class: 'entity-refs' },
                refLine([a.genres.map((g): EntityRef => ({ kind: 'genre', key: g, name: g }))], link, 'refs'),
              )
            : h('p', { class: 'muted' }, 'No genres known (they come from Spotify once the artist is enriched).'),
        ),
      ];
    }
    case 'track': {
      const t = stats as TrackStats;
      const streak = t.longestStreak;
      return [
        card(
          'Credits',
          '',
          h(
            'p',
            { class: 'entity-refs' },
            h('span', { class: 'muted' }, 'By '),
            refLine([t.artists.map((r) => ({ kind: 'artist', key: r.id, name: r.name }))], link, 'refs'),
          ),
          t.album
            ? h(
                'p',
                { class: 'entity-refs' },
                h('span', { class: 'muted' }, 'On '),
                refLine([[{ kind: 'album', key: t.album.id, name: t.album.name }]], link, 'refs'),
              )
            : null,
        ),
        card(
          'Longest streak',
          '',
          h(
            'div',
            { class: 'stats-row compact' },
            stat(
              'streak',
              streak.days === 1 ? 'day in a row' : 'days in a row',
              fmtInt(streak.days),
              streak.from && streak.to ? `${fmtDate(streak.from)} – ${fmtDate(streak.to)}` : undefined,
            ),
          ),
        ),
      ];
    }
    case 'album': {
      const a = stats as AlbumStats;
      return [
        card(
          'Artists',
          '',
          h('p', { class: 'entity-refs' }, refLine([a.artists.map((r) => ({ kind: 'artist', key: r.id, name: r.name }))], link, 'refs')),
        ),
        list('Tracks', a.tracks.map(trackRow)),
      ];
    }
    case 'genre':
      return [list('Top artists', (stats as GenreStats).topArtists.map(artistRow))];
  }
}

function pictureOf(kind: EntityKind, stats: EntityStats): HTMLElement {
  const url = 'imageUrl' in stats ? stats.imageUrl : null;
  return artwork(url, stats.name, kind === 'artist' || kind === 'genre');
}

export interface EntityPageInput {
  api: Api;
  kind: EntityKind;
  key: string;
  range: RouteRange;
  filters: Filters;
}

/** Renders the page into `root` (cleared); resolves once it is shown. */
export async function showEntityPage(root: HTMLElement, input: EntityPageInput): Promise<void> {
  const { api, kind, key, filters } = input;
  const tz = input.range.tz ?? filters.tz;
  const range = { from: input.range.from, to: input.range.to, tz, accountId: input.range.accountId ?? filters.accountId ?? undefined };
  const by = filters.by;
  const link = entityLinker(range);
  const panel = new Panel('entity', KIND_LABEL[kind], 'span-all entity-head');
  const more = h('div', { class: 'grid entity-grid' });
  clear(
    root,
    h(
      'nav',
      { class: 'page-nav' },
      h('a', { href: '#/', class: 'back-link', 'data-testid': 'back-to-dashboard' }, '← Dashboard'),
      h('span', { class: 'muted', 'data-testid': 'page-range' }, `${describeRange(range)} · ${tz}`),
    ),
    h('div', { class: 'grid' }, panel.root),
    more,
  );
  await panel.run(
    async () => {
      try {
        return await api.get<EntityStats>(`/api/stats/${DIMENSION_OF[kind]}/${encodeURIComponent(key)}`, {
          accountId: range.accountId,
          from: range.from,
          to: range.to,
          tz,
          by,
          limit: 10,
        });
      } catch (error) {
        // The key was never played by this account (a Nest "Cannot GET" is a missing route instead).
        if (error instanceof ApiError && error.status === 404 && !/^Cannot GET/.test(error.message)) return null;
        throw error;
      }
    },
    (stats) => {
      if (!stats) {
        panel.setTitle(`${KIND_LABEL[kind]} not found`);
        clear(
          panel.body,
          h(
            'p',
            { class: 'not-found', role: 'alert', 'data-testid': 'entity-not-found' },
            `No ${kind} “${key}” in this account's listening. The link may be mistyped, or it belongs to another account.`,
          ),
          h('p', {}, h('a', { href: '#/' }, 'Back to the dashboard')),
        );
        document.title = `Rewind – ${kind} not found`;
        return true;
      }
      document.title = `Rewind – ${stats.name}`;
      panel.setTitle(KIND_LABEL[kind]);
      clear(
        panel.body,
        h(
          'div',
          { class: 'entity-title' },
          pictureOf(kind, stats),
          h('h1', { 'data-testid': 'entity-name' }, stats.name),
          kind === 'track'
            ? refLine([(stats as TrackStats).artists.map((r) => ({ kind: 'artist' as const, key: r.id, name: r.name }))], link)
            : null,
          kind === 'album'
            ? refLine([(stats as AlbumStats).artists.map((r) => ({ kind: 'artist' as const, key: r.id, name: r.name }))], link)
            : null,
        ),
        h(
          'div',
          { class: 'stats-row' },
          stat('plays', 'plays', fmtInt(stats.plays)),
          stat('minutes', 'minutes listened', fmtInt(stats.minutes), `${fmtInt(stats.minutes / 60)} hours`),
          stat('rank', `rank among ${DIMENSION_OF[kind]}`, stats.rank === null ? '–' : `#${stats.rank}`),
          stat('first', 'first play ever', fmtDateTime(stats.firstPlayedAt, tz), undefined, 'date'),
          stat('last', 'last play ever', fmtDateTime(stats.lastPlayedAt, tz), undefined, 'date'),
        ),
      );
      const hours = Array.from({ length: 24 }, (_, hour) => stats.hours.find((x) => x.hour === hour) ?? { hour, plays: 0, minutes: 0 });
      clear(
        more,
        chartCard(
          'Listening over time',
          stats.activity.map((a) => bucketLabel(a.bucket, stats.activityBucket)),
          stats.activity.map((a) => value(a, by)),
          by,
          'span-2',
        ),
        chartCard(
          'By hour of the day',
          hours.map((x) => String(x.hour).padStart(2, '0')),
          hours.map((x) => value(x, by)),
          by,
        ),
        ...kindCards(kind, stats, by, link),
        // how its plays were listened to (GET /api/stats/behaviour?<kind>=<key>); genres have none
        kind === 'genre' ? null : entityHabits(api, kind, key, range).root,
      );
      return true;
    },
  );
}
