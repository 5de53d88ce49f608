-- version: 3
-- materialized: incremental
-- unique_key: account_id, grain, period_start, album_key
-- description: Plays and listening time per account, calendar month / year (grain) and album:
--   agg_daily_albums summed over the period (plays without album left out).
--   Months come from the daily rows, years from the month rows: an incremental run recomputes the
--   changed months, and the year rows of the keys in them from those and the year's other months as
--   stored (rows are replaced per key: a key whose plays all moved to another key keeps its stale
--   month and year rows until the next full refresh, like agg_alltime_*).
-- index: account_id, grain, period_start, album_key
-- test: unique(account_id, grain, period_start, album_key)
-- test: not_null(account_id, grain, period_start, album_key, plays, listening_ms)
-- test: accepted_values(grain: month, year)
with periods as (
  -- Months whose days changed since the last run (every month on a full refresh).
  select distinct c.account_id, date_trunc('month', c.local_date::timestamp)::date as month_start
  {% if is_incremental() %}
  from {{ ref('fct_plays') }} c
  where c._built_at > {{ last_run_started_at }}
  {% else %}
  from {{ ref('agg_hourly') }} c
  {% endif %}
),
months as (
  select
    p.account_id,
    'month'::text as grain,
    p.month_start as period_start,
    x.album_key,
    max(x.album_id) as album_id,
    max(x.album_name) as album_name,
    max(x.artist_name) as artist_name,
    sum(x.plays)::integer as plays,
    sum(x.listening_ms)::bigint as listening_ms
  from periods p
  join {{ ref('agg_daily_albums') }} x on x.account_id = p.account_id and x.local_date >= p.month_start and x.local_date < (p.month_start + interval '1 month')::date
  group by p.account_id, p.month_start, x.album_key
),
years as (
  select
    x.account_id,
    'year'::text as grain,
    date_trunc('year', x.period_start::timestamp)::date as period_start,
    x.album_key,
    max(x.album_id) as album_id,
    max(x.album_name) as album_name,
    max(x.artist_name) as artist_name,
    sum(x.plays)::integer as plays,
    sum(x.listening_ms)::bigint as listening_ms
  from (
    select m.account_id, m.period_start, m.album_key, m.album_id, m.album_name, m.artist_name, m.plays, m.listening_ms from months m
    {% if is_incremental() %}
    union all
    select t.account_id, t.period_start, t.album_key, t.album_id, t.album_name, t.artist_name, t.plays, t.listening_ms
    from (select distinct account_id, date_trunc('year', month_start::timestamp)::date as year_start from periods) y
    -- per year an index range scan (OFFSET 0 keeps the lateral from becoming a join over the whole table)
    cross join lateral (
      select t.* from {{ this }} t
      where t.account_id = y.account_id and t.grain = 'month' and t.period_start >= y.year_start and t.period_start < (y.year_start + interval '1 year')::date
      offset 0
    ) t
    where not exists (select 1 from periods p where p.account_id = t.account_id and p.month_start = t.period_start)
      and (t.account_id, t.album_key) in (select m.account_id, m.album_key from months m)
    {% endif %}
  ) x
  group by x.account_id, date_trunc('year', x.period_start::timestamp)::date, x.album_key
)
select * from months
union all
select * from years
