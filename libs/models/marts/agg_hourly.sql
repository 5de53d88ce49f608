-- version: 1
-- materialized: incremental
-- unique_key: account_id, local_date
-- description: Plays and listening time per account, local day and local hour (with the weekday,
--   0 = Monday): the base of the hour-of-week heatmap and of hour buckets over whole days.
-- index: account_id, local_date, hour
-- test: unique(account_id, local_date, hour)
-- test: not_null(account_id, local_date, hour, weekday, plays, listening_ms)
-- test: accepted_values(hour: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23)
select
  f.account_id,
  f.local_date,
  f.hour,
  min(f.weekday) as weekday,
  count(*)::integer as plays,
  sum(f.listening_ms)::bigint as listening_ms
from {{ ref('fct_plays') }} f
{% if is_incremental() %}
where (f.account_id, f.local_date) in ({{ rebuilt('local_date') }})
{% endif %}
group by f.account_id, f.local_date, f.hour

{% replaces %}{{ rebuilt('local_date') }}{% endreplaces %}
