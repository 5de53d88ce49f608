-- version: 1
-- materialized: incremental
-- unique_key: account_id, grain, period_start
-- description: Listening per account and calendar month / year (grain) of the local date: plays,
--   listening time (sums of agg_period_artists, every play has one primary artist) and the exact
--   distinct tracks/artists/albums of the period (row counts of agg_period_tracks/artists/albums).
--   Only periods with plays have a row.
-- index: account_id, grain, period_start
-- test: unique(account_id, grain, period_start)
-- test: not_null(account_id, grain, period_start, plays, listening_ms, distinct_tracks, distinct_artists, distinct_albums)
-- test: accepted_values(grain: month, year)
with periods as (
  -- Months and years whose days changed since the last run (every month and year on a full refresh).
  select distinct c.account_id, g.grain, date_trunc(g.grain, c.local_date::timestamp)::date as period_start
  {% if is_incremental() %}
  from {{ ref('fct_plays') }} c
  cross join (values ('month'), ('year')) g(grain)
  where c._built_at > {{ last_run_started_at }}
  {% else %}
  from {{ ref('agg_hourly') }} c
  cross join (values ('month'), ('year')) g(grain)
  {% endif %}
), p as (
  select account_id, grain, period_start, (period_start + ('1 ' || grain)::interval)::date as period_end from periods
), totals as (
  select x.account_id, x.grain, x.period_start, sum(x.plays)::integer as plays, sum(x.listening_ms)::bigint as listening_ms, count(*)::integer as distinct_artists
  from p
  join {{ ref('agg_period_artists') }} x on x.account_id = p.account_id and x.grain = p.grain and x.period_start = p.period_start
  group by x.account_id, x.grain, x.period_start
)
select
  t.account_id,
  t.grain,
  t.period_start,
  t.plays,
  t.listening_ms,
  (select count(*) from {{ ref('agg_period_tracks') }} k where k.account_id = t.account_id and k.grain = t.grain and k.period_start = t.period_start)::integer as distinct_tracks,
  t.distinct_artists,
  (select count(*) from {{ ref('agg_period_albums') }} k where k.account_id = t.account_id and k.grain = t.grain and k.period_start = t.period_start)::integer as distinct_albums
from totals t
