/**
 * The native-SQL questions of the "Spotify Wrapped" dashboard, read from schema `marts`
 * (docs/data-model.md). Every card has two field-filter template tags on the same table:
 * `{{date_range}}`, bound to the card's date column (`dateField`), and `{{account}}`, bound to
 * that table's `account_id`; the dashboard's date and listener filters map to them. Metabase
 * renders each tag as a condition on `"marts"."<table>"."<column>"` (or `1 = 1` when the filter
 * is empty), so the filtered table is never aliased in the SQL.
 *
 * Dates are local dates of the account's time zone (`local_date`), as in the REST API.
 * Minutes = round(sum(listening_ms) / 60000, 2), summed before rounding (docs/metrics.md).
 */

export const DATE_TAG = 'date_range';
/** The listener filter: one account's data (a household's listeners are never summed unless it is left empty). */
export const ACCOUNT_TAG = 'account';
/** The column of a card's table the listener filter applies to. */
export const ACCOUNT_COLUMN = 'account_id';
const FILTERS = `{{${DATE_TAG}}} and {{${ACCOUNT_TAG}}}`;

export type CardDisplay = 'scalar' | 'bar' | 'row' | 'line' | 'area' | 'pie' | 'table';

export interface CardLayout {
  row: number;
  col: number;
  size_x: number;
  size_y: number;
}

export interface CardDefinition {
  /** Unique name inside the Rewind collection: provisioning finds the card by it. */
  name: string;
  description: string;
  display: CardDisplay;
  sql: string;
  /** The column the date filter applies to (must be a date column in `marts`); the listener filter applies to the same table's account_id. */
  dateField: { table: string; column: string };
  visualization_settings: Record<string, unknown>;
  layout: CardLayout;
}

const minutes = (expr: string) => `round(coalesce(sum(${expr}), 0) / 60000.0, 2)`;
const chart = (dimension: string, metrics: string[], extra: Record<string, unknown> = {}) => ({
  'graph.dimensions': [dimension],
  'graph.metrics': metrics,
  ...extra,
});

/** Plays and minutes of agg_daily grouped by `bucket` (an expression of local_date), one row per bucket in order. */
function dailyBucketCard(
  name: string,
  description: string,
  display: CardDisplay,
  bucket: string,
  alias: string,
  layout: CardLayout,
  chartExtra: Record<string, unknown> = {},
): CardDefinition {
  return {
    name,
    description,
    display,
    sql: `select ${bucket} as ${alias},
  sum(plays)::bigint as plays,
  ${minutes('listening_ms')} as minutes
from marts.agg_daily
where ${FILTERS}
group by 1
order by 1`,
    dateField: { table: 'agg_daily', column: 'local_date' },
    visualization_settings: chart(alias, ['plays'], chartExtra),
    layout,
  };
}

/** A single number over one table's rows in the range, in the top row of the dashboard. */
function scalarCard(name: string, description: string, select: string, table: string, col: number): CardDefinition {
  return {
    name,
    description,
    display: 'scalar',
    sql: `select ${select}
from marts.${table}
where ${FILTERS}`,
    dateField: { table, column: 'local_date' },
    visualization_settings: {},
    layout: { row: 0, col, size_x: 6, size_y: 3 },
  };
}

export const CARDS: CardDefinition[] = [
  scalarCard('Songs played', 'Plays of music tracks in the range.', 'coalesce(sum(plays), 0)::bigint as plays', 'agg_daily', 0),
  scalarCard(
    'Different songs',
    'Distinct tracks played in the range.',
    'count(distinct track_key)::bigint as songs',
    'agg_daily_tracks',
    6,
  ),
  scalarCard(
    'Artists',
    'Distinct primary artists played in the range.',
    'count(distinct artist_key)::bigint as artists',
    'agg_daily_artists',
    12,
  ),
  scalarCard(
    'Minutes listened',
    'Listening time in minutes (summed before rounding).',
    `${minutes('listening_ms')} as minutes`,
    'agg_daily',
    18,
  ),
  {
    name: 'Top songs',
    description: 'The 10 most played tracks (ties by name).',
    display: 'table',
    sql: `select row_number() over (order by sum(plays) desc, max(track_name), track_key) as rank,
  max(track_name) as song,
  max(artist_name) as artist,
  sum(plays)::bigint as plays,
  ${minutes('listening_ms')} as minutes
from marts.agg_daily_tracks
where ${FILTERS}
group by track_key
order by rank
limit 10`,
    dateField: { table: 'agg_daily_tracks', column: 'local_date' },
    visualization_settings: {},
    layout: { row: 3, col: 0, size_x: 12, size_y: 9 },
  },
  {
    name: 'Top artists',
    description: 'The 10 most played primary artists (ties by name).',
    display: 'row',
    sql: `select max(artist_name) as artist,
  sum(plays)::bigint as plays,
  ${minutes('listening_ms')} as minutes
from marts.agg_daily_artists
where ${FILTERS}
group by artist_key
order by plays desc, artist, artist_key
limit 10`,
    dateField: { table: 'agg_daily_artists', column: 'local_date' },
    visualization_settings: chart('artist', ['plays']),
    layout: { row: 3, col: 12, size_x: 12, size_y: 9 },
  },
  {
    name: 'Top genres',
    description: 'The 10 most played genres: a play counts once toward each genre of its primary artist.',
    display: 'row',
    sql: `select genre,
  sum(plays)::bigint as plays,
  ${minutes('listening_ms')} as minutes
from marts.agg_daily_genres
where ${FILTERS}
group by genre
order by plays desc, genre
limit 10`,
    dateField: { table: 'agg_daily_genres', column: 'local_date' },
    visualization_settings: chart('genre', ['plays']),
    layout: { row: 12, col: 0, size_x: 12, size_y: 6 },
  },
  {
    name: 'Most played',
    description: 'The most played song, artist, album and genre of the range (ties by name).',
    display: 'table',
    sql: `with p as (
  select track_key, track_name, artist_key, artist_name, album_key, album_name, plays, listening_ms
  from marts.agg_daily_tracks
  where ${FILTERS}
),
ranked as (
  (select 1 as ord, 'Song' as kind, max(track_name) || ' — ' || max(artist_name) as name, sum(plays)::bigint as plays, ${minutes('listening_ms')} as minutes
   from p group by track_key order by plays desc, name, track_key limit 1)
  union all
  (select 2, 'Artist', max(artist_name), sum(plays)::bigint as plays, ${minutes('listening_ms')}
   from p group by artist_key order by plays desc, max(artist_name), artist_key limit 1)
  union all
  (select 3, 'Album', max(album_name) || ' — ' || max(artist_name), sum(plays)::bigint as plays, ${minutes('listening_ms')}
   from p where album_key is not null group by album_key order by plays desc, max(album_name), album_key limit 1)
  union all
  (select 4, 'Genre', g.genre, sum(p.plays)::bigint as plays, ${minutes('p.listening_ms')}
   from p join marts.stg_artists a on a.artist_id = p.artist_key cross join unnest(a.genres) as g(genre)
   group by g.genre order by plays desc, g.genre limit 1)
)
select kind, name, plays, minutes from ranked order by ord`,
    dateField: { table: 'agg_daily_tracks', column: 'local_date' },
    visualization_settings: {},
    layout: { row: 12, col: 12, size_x: 12, size_y: 6 },
  },
  {
    name: 'By day of week',
    description: 'Plays and minutes per weekday (Monday first, account time zone).',
    display: 'bar',
    sql: `select w.weekday, w.day,
  coalesce(sum(marts.agg_daily.plays), 0)::bigint as plays,
  ${minutes('marts.agg_daily.listening_ms')} as minutes
from (values (0, 'Mon'), (1, 'Tue'), (2, 'Wed'), (3, 'Thu'), (4, 'Fri'), (5, 'Sat'), (6, 'Sun')) as w(weekday, day)
left join marts.agg_daily on marts.agg_daily.weekday = w.weekday and ${FILTERS}
group by w.weekday, w.day
order by w.weekday`,
    dateField: { table: 'agg_daily', column: 'local_date' },
    visualization_settings: chart('day', ['plays']),
    layout: { row: 18, col: 0, size_x: 12, size_y: 6 },
  },
  {
    name: 'By hour of day',
    description: 'Plays and minutes per hour of the day (account time zone).',
    display: 'bar',
    sql: `select h.hour,
  coalesce(sum(marts.agg_hourly.plays), 0)::bigint as plays,
  ${minutes('marts.agg_hourly.listening_ms')} as minutes
from generate_series(0, 23) as h(hour)
left join marts.agg_hourly on marts.agg_hourly.hour = h.hour and ${FILTERS}
group by h.hour
order by h.hour`,
    dateField: { table: 'agg_hourly', column: 'local_date' },
    visualization_settings: chart('hour', ['plays']),
    layout: { row: 18, col: 12, size_x: 12, size_y: 6 },
  },
  dailyBucketCard('By day', 'Plays and minutes per listening day.', 'line', 'local_date', 'day', {
    row: 24,
    col: 0,
    size_x: 24,
    size_y: 6,
  }),
  dailyBucketCard('By week', 'Plays and minutes per week (weeks start on Monday).', 'bar', "date_trunc('week', local_date)::date", 'week', {
    row: 30,
    col: 0,
    size_x: 12,
    size_y: 6,
  }),
  dailyBucketCard('By month', 'Plays and minutes per month.', 'bar', "date_trunc('month', local_date)::date", 'month', {
    row: 30,
    col: 12,
    size_x: 12,
    size_y: 6,
  }),
  dailyBucketCard(
    'By year',
    'Plays and minutes per year.',
    'bar',
    'extract(year from local_date)::integer',
    'year',
    { row: 36, col: 0, size_x: 12, size_y: 6 },
    { 'graph.x_axis.scale': 'ordinal' },
  ),
  {
    name: 'Trend',
    description: 'Minutes per listening day with the 7-day rolling average (calendar window, days without plays count as 0).',
    display: 'line',
    sql: `select local_date as day,
  sum(minutes) as minutes,
  sum(minutes_7d_avg) as minutes_7d_avg,
  sum(plays)::bigint as plays,
  sum(plays_7d_avg) as plays_7d_avg
from marts.mart_activity_daily
where ${FILTERS}
group by local_date
order by local_date`,
    dateField: { table: 'mart_activity_daily', column: 'local_date' },
    visualization_settings: chart('day', ['minutes', 'minutes_7d_avg']),
    layout: { row: 36, col: 12, size_x: 12, size_y: 6 },
  },
  {
    name: 'Hour-of-week heatmap',
    description: 'Plays per hour (rows) and weekday (columns), account time zone. Darker = more plays.',
    display: 'table',
    sql: `select h.hour,
${['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].map((d, i) => `  coalesce(sum(marts.agg_hourly.plays) filter (where marts.agg_hourly.weekday = ${i}), 0)::bigint as "${d}"`).join(',\n')}
from generate_series(0, 23) as h(hour)
left join marts.agg_hourly on marts.agg_hourly.hour = h.hour and ${FILTERS}
group by h.hour
order by h.hour`,
    dateField: { table: 'agg_hourly', column: 'local_date' },
    visualization_settings: {
      'table.column_formatting': [
        {
          id: 0,
          columns: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
          type: 'range',
          colors: ['#ffffff', '#1db954'],
          min_type: null,
          max_type: null,
          highlight_row: false,
        },
      ],
    },
    layout: { row: 42, col: 0, size_x: 12, size_y: 9 },
  },
  {
    name: 'Recently played',
    description: 'The 50 latest plays, newest first.',
    display: 'table',
    sql: `select played_at, track_name as song, artist_name as artist, album_name as album,
  round(listening_ms / 60000.0, 2) as minutes
from marts.fct_plays
where ${FILTERS}
order by played_at desc
limit 50`,
    dateField: { table: 'fct_plays', column: 'local_date' },
    visualization_settings: {},
    layout: { row: 42, col: 12, size_x: 12, size_y: 9 },
  },
  {
    name: 'New artists this week',
    description: 'Artists heard for the first time in the last 7 days up to the latest listening day (and inside the range).',
    display: 'table',
    sql: `select item_name as artist, first_played_at
from marts.mart_discoveries
where kind = 'artist'
  and local_date > (select max(d.local_date) from marts.agg_daily d where d.account_id = marts.mart_discoveries.account_id) - 7
  and ${FILTERS}
order by first_played_at desc, item_name`,
    dateField: { table: 'mart_discoveries', column: 'local_date' },
    visualization_settings: {},
    layout: { row: 51, col: 0, size_x: 12, size_y: 6 },
  },
  {
    name: 'Discoveries',
    description: 'Artists and tracks heard for the first time, per week.',
    display: 'bar',
    sql: `select date_trunc('week', local_date)::date as week,
  count(*) filter (where kind = 'artist')::bigint as new_artists,
  count(*) filter (where kind = 'track')::bigint as new_tracks
from marts.mart_discoveries
where ${FILTERS}
group by 1
order by 1`,
    dateField: { table: 'mart_discoveries', column: 'local_date' },
    visualization_settings: chart('week', ['new_artists', 'new_tracks']),
    layout: { row: 51, col: 12, size_x: 12, size_y: 6 },
  },
  {
    name: 'Longest streaks',
    description: 'The 10 longest runs of consecutive listening days starting in the range.',
    display: 'table',
    sql: `select streak_start, streak_end, days, plays
from marts.mart_streaks
where ${FILTERS}
order by days desc, streak_start desc
limit 10`,
    dateField: { table: 'mart_streaks', column: 'streak_start' },
    visualization_settings: {},
    layout: { row: 57, col: 0, size_x: 12, size_y: 6 },
  },
  {
    name: 'Longest sessions',
    description: 'The 10 longest listening sessions (a gap over 10 minutes starts a new one).',
    display: 'table',
    sql: `select session_start, session_end, plays, distinct_tracks as songs,
  round(listening_ms / 60000.0, 2) as minutes
from marts.mart_sessions
where ${FILTERS}
order by listening_ms desc, session_start
limit 10`,
    dateField: { table: 'mart_sessions', column: 'local_date' },
    visualization_settings: {},
    layout: { row: 57, col: 12, size_x: 12, size_y: 6 },
  },
];
