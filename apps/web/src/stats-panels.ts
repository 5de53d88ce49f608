import type { Api, Params } from './api';
import { drawChart } from './charts';
import { COMPARED_ITEMS, vsPrevious, type Comparisons } from './comparison';
import { clear, h } from './dom';
import { fmtDate, fmtDateTime, fmtInt, fmtMinutes, WEEKDAYS } from './format';
import { albumRow, artistRow, genreRow, heatmapGrid, rankList, trackRow, value, type Linker, type RankRow } from './lists';
import { Panel } from './panel';
import { defaultBucket, describeRange, previousRange, type DateRange } from './range';
import { compareHref, type Dimension } from './routes';
import type { Filters } from './state';
import type { ActivityBucket, HeatmapCell, Summary, TopAlbum, TopArtist, TopGenre, TopTrack } from '@rewind/contracts';

export interface StatsContext {
  api: Api;
  filters: Filters;
  params: Params;
  range: DateRange;
  /** makes artist, track, album and genre names links to their pages over this range */
  link: Linker;
  /** this range against the one of equal length just before */
  comparison: Comparisons;
}

export interface StatsPanel {
  panel: Panel;
  load(ctx: StatsContext): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Summary

export function summaryPanel(): StatsPanel {
  const panel = new Panel('summary', 'Summary', 'span-all');
  const stat = (id: string, label: string, valueText: string, ...subs: Array<HTMLElement | string | null>) =>
    h(
      'div',
      { class: 'stat' },
      h('span', { class: 'stat-value', 'data-testid': `summary-${id}` }, valueText),
      h('span', { class: 'stat-label' }, label),
      ...subs.map((sub) => (typeof sub === 'string' ? h('span', { class: 'stat-sub' }, sub) : sub)),
    );
  return {
    panel,
    load: (ctx) =>
      panel.run(
        () => Promise.all([ctx.api.get<Summary>('/api/stats/summary', ctx.params), ctx.comparison('artists')]),
        ([s, compared]) => {
          const previous = previousRange(ctx.range);
          const totals = compared?.totals;
          clear(
            panel.actions,
            h('span', { class: 'muted', 'data-testid': 'range-label' }, describeRange(ctx.range)),
            previous
              ? h(
                  'a',
                  {
                    class: 'button small ghost',
                    'data-testid': 'open-compare',
                    href: compareHref(
                      'artists',
                      { ...ctx.range, tz: ctx.filters.tz, accountId: ctx.filters.accountId ?? undefined },
                      previous.from,
                      previous.to,
                    ),
                    title: `Compare with ${describeRange(previous)}`,
                  },
                  'Compare',
                )
              : null,
          );
          clear(
            panel.body,
            h(
              'div',
              { class: 'stats-row' },
              stat('plays', 'plays', fmtInt(s.plays), totals ? vsPrevious(totals, 'plays', 'summary-plays-vs') : null),
              stat(
                'minutes',
                'minutes listened',
                fmtInt(s.minutes),
                `${fmtInt(s.minutes / 60)} hours`,
                totals ? vsPrevious(totals, 'minutes', 'summary-minutes-vs') : null,
              ),
              stat('tracks', 'tracks', fmtInt(s.distinctTracks)),
              stat('artists', 'artists', fmtInt(s.distinctArtists)),
              stat('albums', 'albums', fmtInt(s.distinctAlbums)),
            ),
            s.firstPlayedAt && s.lastPlayedAt
              ? h(
                  'p',
                  { class: 'muted small' },
                  `First play ${fmtDateTime(s.firstPlayedAt, ctx.filters.tz)} · last play ${fmtDateTime(s.lastPlayedAt, ctx.filters.tz)}`,
                )
              : null,
          );
          return s.plays > 0;
        },
        'No plays in this range: pick a wider one.',
      ),
  };
}

// ---------------------------------------------------------------------------------------------
// Top lists

/** A top list with each row's movement since the period before (by key, from GET /api/stats/compare). */
function topPanel<T>(id: string, title: string, dimension: Dimension, toRow: (row: T) => RankRow): StatsPanel {
  const panel = new Panel(id, title);
  return {
    panel,
    load: (ctx) =>
      panel.run(
        () =>
          Promise.all([
            ctx.api.get<T[]>(`/api/stats/top-${dimension}`, { ...ctx.params, limit: COMPARED_ITEMS }),
            ctx.comparison(dimension),
          ]),
        ([rows, compared]) => {
          const before = new Map((compared?.items ?? []).map((item) => [item.key, item]));
          const ranked = rows.map(toRow).map((row) => ({ ...row, movement: row.entity.key ? before.get(row.entity.key) : undefined }));
          clear(panel.body, rankList(ranked, ctx.filters.by, ctx.link));
          return rows.length > 0;
        },
        id === 'top-genres' ? 'No genres in this range (genres appear once artists are enriched from Spotify).' : 'Nothing in this range.',
      ),
  };
}

export const topArtistsPanel = () => topPanel<TopArtist>('top-artists', 'Top artists', 'artists', artistRow);
export const topTracksPanel = () => topPanel<TopTrack>('top-tracks', 'Top tracks', 'tracks', trackRow);
export const topAlbumsPanel = () => topPanel<TopAlbum>('top-albums', 'Top albums', 'albums', albumRow);
export const topGenresPanel = () => topPanel<TopGenre>('top-genres', 'Top genres', 'genres', genreRow);

// ---------------------------------------------------------------------------------------------
// Activity charts

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function bucketLabel(bucket: string | number, kind: string): string {
  const b = String(bucket);
  if (kind === 'month') return `${MONTHS[Number(b.slice(5, 7)) - 1]} ${b.slice(0, 4)}`;
  if (kind === 'day' || kind === 'week') return fmtDate(b);
  return b;
}

type TimeBucket = 'day' | 'week' | 'month' | 'year';

export function activityPanel(): StatsPanel {
  const panel = new Panel('activity', 'Listening over time', 'span-all');
  let chosen: TimeBucket | null = null;
  let lastRange = '';
  let ctxRef: StatsContext | null = null;
  const tabs = (['day', 'week', 'month', 'year'] as const).map((b) =>
    h('button', { type: 'button', class: 'tab', 'data-bucket': b, onclick: () => ((chosen = b), ctxRef && void load(ctxRef)) }, b),
  );
  panel.actions.append(h('div', { class: 'tabs', role: 'group', 'aria-label': 'Bucket' }, ...tabs));
  const canvas = h('canvas', { 'aria-label': 'Plays over time', role: 'img' });
  const total = h('p', { class: 'muted small' });
  const load = (ctx: StatsContext) => {
    ctxRef = ctx;
    const rangeKey = `${ctx.range.from}|${ctx.range.to}`;
    if (rangeKey !== lastRange) chosen = null; // a new range gets the bucket that suits it
    lastRange = rangeKey;
    const bucket = chosen ?? defaultBucket(ctx.range);
    for (const t of tabs) t.setAttribute('aria-pressed', String(t.dataset.bucket === bucket));
    return panel.run(
      () => ctx.api.get<ActivityBucket[]>('/api/stats/activity', { ...ctx.params, bucket }),
      (rows) => {
        if (!canvas.isConnected) clear(panel.body, h('div', { class: 'chart chart-tall' }, canvas), total);
        canvas.setAttribute('aria-label', `${ctx.filters.by} per ${bucket}`);
        drawChart(canvas, {
          labels: rows.map((r) => bucketLabel(r.bucket, bucket)),
          values: rows.map((r) => value(r, ctx.filters.by)),
          by: ctx.filters.by,
          type: bucket === 'day' && rows.length > 60 ? 'line' : 'bar',
        });
        const sum = rows.reduce((s, r) => s + value(r, ctx.filters.by), 0);
        total.textContent = `${rows.length} ${bucket}${rows.length === 1 ? '' : 's'} with listening · ${ctx.filters.by === 'plays' ? `${fmtInt(sum)} plays` : fmtMinutes(sum)}`;
        return rows.length > 0;
      },
    );
  };
  return { panel, load };
}

function cyclePanel(id: 'weekday' | 'hour', title: string): StatsPanel {
  const panel = new Panel(id, title);
  const canvas = h('canvas', { role: 'img', 'aria-label': title });
  return {
    panel,
    load: (ctx) =>
      panel.run(
        () => ctx.api.get<ActivityBucket[]>('/api/stats/activity', { ...ctx.params, bucket: id }),
        (rows) => {
          if (!canvas.isConnected) clear(panel.body, h('div', { class: 'chart' }, canvas));
          const labels = rows.map((r) =>
            id === 'weekday' ? (WEEKDAYS[Number(r.bucket)] ?? String(r.bucket)) : String(r.bucket).padStart(2, '0'),
          );
          drawChart(canvas, { labels, values: rows.map((r) => value(r, ctx.filters.by)), by: ctx.filters.by });
          return rows.some((r) => r.plays > 0);
        },
      ),
  };
}

export const weekdayPanel = () => cyclePanel('weekday', 'By day of the week');
export const hourPanel = () => cyclePanel('hour', 'By hour of the day');

// ---------------------------------------------------------------------------------------------
// Heatmap (CSS grid, lists.ts)

export function heatmapPanel(): StatsPanel {
  const panel = new Panel('heatmap', 'Hour of the week', 'span-2');
  return {
    panel,
    load: (ctx) =>
      panel.run(
        () => ctx.api.get<HeatmapCell[]>('/api/stats/heatmap', ctx.params),
        (cells) => {
          clear(
            panel.body,
            heatmapGrid(cells, ctx.filters.by),
            h('p', { class: 'muted small' }, `Times in ${ctx.filters.tz}. Darker = more ${ctx.filters.by}.`),
          );
          return cells.some((c) => c.plays > 0);
        },
      ),
  };
}
