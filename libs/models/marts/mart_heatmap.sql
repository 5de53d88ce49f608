-- version: 1
-- materialized: view
-- description: All-time hour-of-week heatmap per account in the account's time zone: one row per
--   (weekday 0 = Monday, hour) that has plays; missing cells are zero.
select
  h.account_id,
  h.weekday,
  h.hour,
  sum(h.plays)::bigint as plays,
  sum(h.listening_ms)::bigint as listening_ms
from {{ ref('agg_hourly') }} h
group by h.account_id, h.weekday, h.hour
