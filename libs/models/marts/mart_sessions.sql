-- version: 1
-- materialized: incremental
-- unique_key: account_id
-- strategy: tail
-- tail_key: session_start
-- description: Listening sessions per account: a play starting more than 10 minutes after the
--   previous play ended (played_at + listening time) starts a new session. Incremental runs
--   recompute from the last session that starts at or before the earliest changed play.
-- index: account_id, session_start
-- index: account_id, listening_ms
-- test: unique(account_id, session_start)
-- test: not_null(account_id, session_start, session_end, plays, listening_ms, local_date)
with plays as (
  select f.account_id, f.played_at, f.listening_ms, f.local_date, f.track_key,
    f.played_at + f.listening_ms * interval '1 millisecond' as ended_at
  from {{ ref('fct_plays') }} f
{% if is_incremental() %}
  join (
    select c.account_id,
      coalesce(
        (select max(s.session_start) from {{ this }} s where s.account_id = c.account_id and s.session_start <= min(c.played_at)),
        min(c.played_at)
      ) as from_at
    from {{ ref('fct_plays') }} c
    where c._built_at > {{ last_run_started_at }}
    group by c.account_id
  ) b on b.account_id = f.account_id and f.played_at >= b.from_at
{% endif %}
),
marked as (
  select p.*,
    case when lag(p.ended_at) over w is null or p.played_at > lag(p.ended_at) over w + interval '10 minutes' then 1 else 0 end as is_start
  from plays p
  window w as (partition by p.account_id order by p.played_at)
),
numbered as (
  select m.*, sum(m.is_start) over (partition by m.account_id order by m.played_at) as session_no
  from marked m
)
select
  n.account_id,
  min(n.played_at) as session_start,
  max(n.ended_at) as session_end,
  min(n.local_date) as local_date,
  count(*)::integer as plays,
  count(distinct n.track_key)::integer as distinct_tracks,
  sum(n.listening_ms)::bigint as listening_ms
from numbered n
group by n.account_id, n.session_no
