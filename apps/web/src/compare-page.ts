// The compare view (hash route #/compare?dimension&from&to&compareFrom&compareTo&tz, see
// routes.ts): the top of a dimension in the range, with each item's movement, beside the top of
// the compared range (default: the one of equal length just before). GET /api/stats/compare for
// the left, GET /api/stats/top-<dimension> over the compared range for the right.
import type { Api } from './api';
import { vsPrevious } from './comparison';
import { clear, h } from './dom';
import { fmtMeasure } from './format';
import { albumRow, artistRow, entityLinker, genreRow, movementBadge, rankList, trackRow, type RankRow } from './lists';
import { Panel } from './panel';
import { describeRange, previousRange } from './range';
import { compareHref, DIMENSIONS, type Dimension, type RouteRange } from './routes';
import type { Filters } from './state';
import type { Comparison, CompareItem, Measure, TopAlbum, TopArtist, TopGenre, TopTrack } from '@rewind/contracts';

const LIMIT = 20;
const KIND = { artists: 'artist', tracks: 'track', albums: 'album', genres: 'genre' } as const;

function toRows(dimension: Dimension, rows: unknown[]): RankRow[] {
  switch (dimension) {
    case 'artists':
      return (rows as TopArtist[]).map(artistRow);
    case 'tracks':
      return (rows as TopTrack[]).map(trackRow);
    case 'albums':
      return (rows as TopAlbum[]).map(albumRow);
    case 'genres':
      return (rows as TopGenre[]).map(genreRow);
  }
}

/** The range's side: each item with its movement and its place before. */
function currentList(dimension: Dimension, items: CompareItem[], by: Measure, range: RouteRange): HTMLElement {
  const link = entityLinker(range);
  return h(
    'ol',
    { class: 'rank-list compare-list', 'data-testid': 'compare-current' },
    ...items.map((item) =>
      h(
        'li',
        { 'data-key': item.key },
        h('span', { class: 'rank' }, item.rank),
        h(
          'span',
          { class: 'rank-text' },
          link({ kind: KIND[dimension], key: item.key, name: item.name }),
          h(
            'span',
            { class: 'rank-sub' },
            item.previousRank === null
              ? 'not ranked before'
              : `before: #${item.previousRank}, ${fmtMeasure({ plays: item.previousPlays, minutes: item.previousMinutes }, by)}`,
          ),
        ),
        movementBadge(item),
        h('span', { class: 'rank-value' }, fmtMeasure(item, by)),
      ),
    ),
  );
}

export interface ComparePageInput {
  api: Api;
  dimension: Dimension;
  range: RouteRange;
  compareFrom?: string;
  compareTo?: string;
  filters: Filters;
}

export async function showComparePage(root: HTMLElement, input: ComparePageInput): Promise<void> {
  const { api, dimension, filters } = input;
  const tz = input.range.tz ?? filters.tz;
  const range = { from: input.range.from, to: input.range.to, tz, accountId: input.range.accountId ?? filters.accountId ?? undefined };
  const before = input.compareFrom && input.compareTo ? { from: input.compareFrom, to: input.compareTo } : previousRange(range);
  const by = filters.by;
  const panel = new Panel('compare', `Compare ${dimension}`, 'span-all');
  const tabs = h(
    'div',
    { class: 'tabs', role: 'group', 'aria-label': 'Dimension' },
    ...DIMENSIONS.map((d) =>
      h(
        'a',
        {
          class: 'tab',
          href: compareHref(d, range, before?.from, before?.to),
          'aria-pressed': String(d === dimension),
          'data-dimension': d,
        },
        d,
      ),
    ),
  );
  panel.actions.append(tabs);
  clear(
    root,
    h(
      'nav',
      { class: 'page-nav' },
      h('a', { href: '#/', class: 'back-link', 'data-testid': 'back-to-dashboard' }, '← Dashboard'),
      h('span', { class: 'muted' }, tz),
    ),
    h('div', { class: 'grid' }, panel.root),
  );
  document.title = `Rewind – compare ${dimension}`;
  if (!before || !range.from || !range.to) {
    panel.setState('empty', 'Pick a bounded date range (not "All time") to compare it with another.');
    return;
  }
  const common = { accountId: range.accountId, tz, by, limit: LIMIT };
  await panel.run(
    () =>
      Promise.all([
        api.get<Comparison>('/api/stats/compare', {
          ...common,
          dimension,
          from: range.from,
          to: range.to,
          compareFrom: before.from,
          compareTo: before.to,
        }),
        api.get<unknown[]>(`/api/stats/top-${dimension}`, { ...common, from: before.from, to: before.to }),
      ]),
    ([compared, previousTop]) => {
      const column = (title: string, testId: string, ...content: Array<HTMLElement | null>) =>
        h('div', { class: 'compare-column', 'data-testid': testId }, h('h3', {}, title), ...content);
      clear(
        panel.body,
        h(
          'p',
          { class: 'compare-totals' },
          h(
            'span',
            {},
            fmtMeasure(compared.totals, by),
            ' vs ',
            fmtMeasure({ plays: compared.totals.previousPlays, minutes: compared.totals.previousMinutes }, by),
            ' ',
          ),
          vsPrevious(compared.totals, by, 'compare-change'),
        ),
        h(
          'div',
          { class: 'compare-columns' },
          column(
            describeRange(range),
            'compare-range',
            compared.items.length
              ? currentList(dimension, compared.items, by, range)
              : h('p', { class: 'muted' }, 'Nothing in this range.'),
          ),
          column(
            describeRange(before),
            'compare-previous',
            previousTop.length
              ? rankList(toRows(dimension, previousTop), by, entityLinker({ ...before, tz, accountId: range.accountId }))
              : h('p', { class: 'muted' }, 'Nothing in this range.'),
          ),
        ),
      );
      return compared.items.length > 0 || previousTop.length > 0;
    },
    'Nothing played in either range.',
  );
}
