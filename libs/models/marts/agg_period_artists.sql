-- version: 1
-- materialized: incremental
-- unique_key: account_id, grain, period_start
-- description: Plays and listening time per account, calendar month / year (grain) and primary
--   artist (agg_daily_artists summed over the period).
-- index: account_id, grain, period_start, artist_key
-- test: unique(account_id, grain, period_start, artist_key)
-- test: not_null(account_id, grain, period_start, artist_key, plays, listening_ms)
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
)
select
  p.account_id,
  p.grain,
  p.period_start,
  x.artist_key,
  max(x.artist_id) as artist_id,
  max(x.artist_name) as artist_name,
  sum(x.plays)::integer as plays,
  sum(x.listening_ms)::bigint as listening_ms
from p
join {{ ref('agg_daily_artists') }} x on x.account_id = p.account_id and x.local_date >= p.period_start and x.local_date < p.period_end
group by p.account_id, p.grain, p.period_start, x.artist_key
