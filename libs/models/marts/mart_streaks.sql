-- version: 1
-- materialized: view
-- description: Streaks of consecutive listening days per account (account's time zone): one row
--   per maximal run of days with at least one play.
select
  s.account_id,
  min(s.local_date) as streak_start,
  max(s.local_date) as streak_end,
  count(*)::integer as days,
  sum(s.plays)::bigint as plays
from (
  select
    d.account_id,
    d.local_date,
    d.plays,
    d.local_date - (row_number() over (partition by d.account_id order by d.local_date))::integer as grp
  from {{ ref('agg_daily') }} d
) s
group by s.account_id, s.grp
