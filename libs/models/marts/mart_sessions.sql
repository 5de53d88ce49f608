-- version: 3
-- materialized: incremental
-- unique_key: account_id
-- strategy: tail
-- tail_key: session_start
-- description: Listening sessions per account: a play starting more than 10 minutes after the
--   previous play ended (played_at + listening time) starts a new session. local_date is the
--   local date of the session's first play; distinct_tracks counts each track once per session.
--   Incremental runs recompute each account's sessions from the start of the stored session
--   holding (or preceding) its earliest rebuilt play: a run reads the plays of the session it
--   continues and the new ones, and no per-play copy is kept (the per-play running totals this
--   replaced held 160 bytes per play).
-- index: account_id, session_start
-- index: account_id, listening_ms
-- test: unique(account_id, session_start)
-- test: not_null(account_id, session_start, session_end, plays, listening_ms, local_date)
with
{% if is_incremental() %}
changed as (
  select c.account_id, min(c.played_at) as from_at
  from {{ ref('fct_plays') }} c
  where c._built_at > {{ last_run_started_at }}
  group by c.account_id
),
starts as (
  -- A session starts where the play before it ended more than 10 minutes earlier: plays before the
  -- stored session holding from_at are unchanged, so that session's start still starts one.
  select ch.account_id, coalesce(s.session_start, ch.from_at) as from_at
  from changed ch
  left join lateral (
    select t.session_start from {{ this }} t
    where t.account_id = ch.account_id and t.session_start <= ch.from_at
    order by t.session_start desc limit 1
  ) s on true
),
plays as (
  select f.account_id, f.played_at, f.track_key, f.local_date, f.listening_ms,
    f.played_at + f.listening_ms * interval '1 millisecond' as ended_at
  from starts b
  join {{ ref('fct_plays') }} f on f.account_id = b.account_id and f.played_at >= b.from_at
),
{% else %}
plays as (
  select f.account_id, f.played_at, f.track_key, f.local_date, f.listening_ms,
    f.played_at + f.listening_ms * interval '1 millisecond' as ended_at
  from {{ ref('fct_plays') }} f
),
{% endif %}
numbered as (
  select m.*, count(*) filter (where m.is_start) over (partition by m.account_id order by m.played_at) as sno
  from (
    select p.*, coalesce(p.played_at > lag(p.ended_at) over (partition by p.account_id order by p.played_at) + interval '10 minutes', true) as is_start
    from plays p
  ) m
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
group by n.account_id, n.sno
