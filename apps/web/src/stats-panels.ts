import type { Api, Params } from './api';
import { drawChart } from './charts';
import { artwork, clear, h } from './dom';
import { fmtDate, fmtDateTime, fmtInt, fmtMinutes, fmtTime, WEEKDAYS } from './format';
import { albumRow, artistRow, genreRow, heatmapGrid, names, rankList, trackRow, value, type RankRow } from './lists';
import { Panel } from './panel';
import { defaultBucket, describeRange, type DateRange } from './range';
import type { Filters } from './state';
import type {
  ActivityBucket,
  Discovery,
  HeatmapCell,
  RecentPlay,
  Session,
  Streaks,
  Summary,
  TopAlbum,
  TopArtist,
  TopGenre,
  TopTrack,
} from '@rewind/contracts';

export interface StatsContext {
  api: Api;
  filters: Filters;
  params: Params;
  range: DateRange;
}

export interface StatsPanel {
  panel: Panel;
  load(ctx: StatsContext): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Summary

export function summaryPanel(): StatsPanel {
  const panel = new Panel('summary', 'Summary', 'span-all');
  const stat = (id: string, label: string, valueText: string, sub = '') =>
    h(
      'div',
      { class: 'stat' },
      h('span', { class: 'stat-value', 'data-testid': `summary-${id}` }, valueText),
      h('span', { class: 'stat-label' }, label),
      sub && h('span', { class: 'stat-sub' }, sub),
    );
  return {
    panel,
    load: (ctx) =>
      panel.run(
        () => ctx.api.get<Summary>('/api/stats/summary', ctx.params),
        (s) => {
          panel.actions.replaceChildren(h('span', { class: 'muted', 'data-testid': 'range-label' }, describeRange(ctx.range)));
          clear(
            panel.body,
            h(
              'div',
              { class: 'stats-row' },
              stat('plays', 'plays', fmtInt(s.plays)),
              stat('minutes', 'minutes listened', fmtInt(s.minutes), `${fmtInt(s.minutes / 60)} hours`),
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

function topPanel<T>(id: string, title: string, route: string, toRow: (row: T) => RankRow): StatsPanel {
  const panel = new Panel(id, title);
  return {
    panel,
    load: (ctx) =>
      panel.run(
        () => ctx.api.get<T[]>(route, { ...ctx.params, limit: 10 }),
        (rows) => {
          clear(panel.body, rankList(rows.map(toRow), ctx.filters.by));
          return rows.length > 0;
        },
        id === 'top-genres' ? 'No genres in this range (genres appear once artists are enriched from Spotify).' : 'Nothing in this range.',
      ),
  };
}

export const topArtistsPanel = () => topPanel<TopArtist>('top-artists', 'Top artists', '/api/stats/top-artists', artistRow);
export const topTracksPanel = () => topPanel<TopTrack>('top-tracks', 'Top tracks', '/api/stats/top-tracks', trackRow);
export const topAlbumsPanel = () => topPanel<TopAlbum>('top-albums', 'Top albums', '/api/stats/top-albums', albumRow);
export const topGenresPanel = () => topPanel<TopGenre>('top-genres', 'Top genres', '/api/stats/top-genres', genreRow);

// ---------------------------------------------------------------------------------------------
// Activity charts

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function bucketLabel(bucket: string | number, kind: string): string {
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

// ---------------------------------------------------------------------------------------------
// Recently played, discoveries, streaks and sessions

export function recentPanel(): StatsPanel {
  const panel = new Panel('recent', 'Recently played');
  return {
    panel,
    load: (ctx) =>
      panel.run(
        () => ctx.api.get<RecentPlay[]>('/api/stats/recent', { ...ctx.params, limit: 10 }),
        (plays) => {
          clear(
            panel.body,
            h(
              'ul',
              { class: 'plain-list' },
              ...plays.map((p) =>
                h(
                  'li',
                  {},
                  h(
                    'time',
                    { class: 'when', datetime: p.playedAt, title: fmtDateTime(p.playedAt, ctx.filters.tz) },
                    fmtDateTime(p.playedAt, ctx.filters.tz),
                  ),
                  h(
                    'span',
                    { class: 'rank-text' },
                    h('span', { class: 'rank-title' }, p.name ?? p.trackId),
                    h('span', { class: 'rank-sub' }, [names(p.artists), p.album?.name].filter(Boolean).join(' · ')),
                  ),
                  h('span', { class: `badge src-${p.source}`, title: `source: ${p.source}` }, p.source === 'poll' ? 'polled' : 'import'),
                ),
              ),
            ),
          );
          return plays.length > 0;
        },
      ),
  };
}

export function discoveriesPanel(): StatsPanel {
  const panel = new Panel('discoveries', 'Discoveries');
  return {
    panel,
    load: (ctx) =>
      panel.run(
        () => ctx.api.get<Discovery[]>('/api/stats/discoveries', { ...ctx.params, limit: 12 }),
        (artists) => {
          clear(
            panel.body,
            h('p', { class: 'muted small' }, 'Artists first heard in this range, in order of discovery.'),
            h(
              'ul',
              { class: 'chips' },
              ...artists.map((a) =>
                h(
                  'li',
                  { class: 'chip' },
                  artwork(a.imageUrl, a.name, true),
                  h(
                    'span',
                    { class: 'rank-text' },
                    h('span', { class: 'rank-title' }, a.name),
                    h('span', { class: 'rank-sub' }, fmtDateTime(a.firstPlayedAt, ctx.filters.tz)),
                  ),
                ),
              ),
            ),
          );
          return artists.length > 0;
        },
        'No new artists in this range.',
      ),
  };
}

export function streaksPanel(): StatsPanel {
  const panel = new Panel('streaks', 'Streaks and sessions');
  return {
    panel,
    load: (ctx) =>
      panel.run(
        async () => {
          const [streaks, sessions] = await Promise.all([
            ctx.api.get<Streaks>('/api/stats/streaks', ctx.params),
            ctx.api.get<Session[]>('/api/stats/sessions', { ...ctx.params, limit: 5 }),
          ]);
          return { streaks, sessions };
        },
        ({ streaks, sessions }) => {
          const l = streaks.longest;
          clear(
            panel.body,
            h(
              'div',
              { class: 'stats-row compact' },
              h(
                'div',
                { class: 'stat' },
                h('span', { class: 'stat-value', 'data-testid': 'streak-current' }, streaks.current),
                h('span', { class: 'stat-label' }, 'day current streak'),
              ),
              h(
                'div',
                { class: 'stat' },
                h('span', { class: 'stat-value', 'data-testid': 'streak-longest' }, l.days),
                h('span', { class: 'stat-label' }, 'day longest streak'),
                l.from && l.to ? h('span', { class: 'stat-sub' }, `${fmtDate(l.from)} – ${fmtDate(l.to)}`) : null,
              ),
            ),
            h('h3', {}, 'Longest sessions'),
            sessions.length
              ? h(
                  'ol',
                  { class: 'plain-list sessions' },
                  ...sessions.map((s) =>
                    h(
                      'li',
                      {},
                      h('span', { class: 'when' }, `${fmtDateTime(s.start, ctx.filters.tz)} – ${fmtTime(s.end, ctx.filters.tz)}`),
                      h(
                        'span',
                        { class: 'rank-text' },
                        h('span', { class: 'rank-title' }, fmtMinutes(s.minutes)),
                        h('span', { class: 'rank-sub' }, `${fmtInt(s.plays)} plays, ${fmtInt(s.distinctTracks)} tracks`),
                      ),
                    ),
                  ),
                )
              : h('p', { class: 'muted' }, 'No sessions in this range.'),
          );
          return l.days > 0 || sessions.length > 0;
        },
      ),
  };
}
