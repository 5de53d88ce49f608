-- version: 1
-- materialized: view
-- description: Activity per account and listening day (account's time zone) with the 7-day
--   rolling average (calendar window of the day and the 6 before it; days without plays count as 0)
--   and the change against the previous calendar day (0 plays when that day had none).
select
  d.account_id,
  d.local_date,
  d.weekday,
  d.plays,
  d.listening_ms,
  round(d.listening_ms / 60000.0, 2) as minutes,
  round(sum(d.plays) over w7 / 7.0, 2) as plays_7d_avg,
  round(sum(d.listening_ms) over w7 / 7.0 / 60000.0, 2) as minutes_7d_avg,
  d.plays - case when lag(d.local_date) over w = d.local_date - 1 then lag(d.plays) over w else 0 end as plays_change,
  round((d.listening_ms - case when lag(d.local_date) over w = d.local_date - 1 then lag(d.listening_ms) over w else 0 end) / 60000.0, 2) as minutes_change
from {{ ref('agg_daily') }} d
window
  w as (partition by d.account_id order by d.local_date),
  w7 as (partition by d.account_id order by d.local_date range between interval '6 days' preceding and current row)
