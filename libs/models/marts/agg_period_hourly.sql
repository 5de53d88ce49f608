-- version: 1
-- materialized: incremental
-- unique_key: account_id, grain, period_start
-- description: Plays and listening time per account, calendar month / year (grain), weekday
--   (0 = Monday) and local hour: agg_hourly summed over the period (hour-of-week heatmap, hour buckets).
-- index: account_id, grain, period_start, weekday, hour
-- test: unique(account_id, grain, period_start, weekday, hour)
-- test: not_null(account_id, grain, period_start, weekday, hour, plays, listening_ms)
-- test: accepted_values(grain: month, year)
-- test: accepted_values(hour: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23)
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
  x.weekday,
  x.hour,
  sum(x.plays)::integer as plays,
  sum(x.listening_ms)::bigint as listening_ms
from p
join {{ ref('agg_hourly') }} x on x.account_id = p.account_id and x.local_date >= p.period_start and x.local_date < p.period_end
group by p.account_id, p.grain, p.period_start, x.weekday, x.hour
