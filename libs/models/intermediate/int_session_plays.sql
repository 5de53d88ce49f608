-- version: 1
-- materialized: incremental
-- unique_key: account_id
-- strategy: tail
-- tail_key: played_at
-- description: Every play with the running totals of its listening session so far (the base of
--   mart_sessions): session_start, plays, listening time, distinct tracks, end and local date of
--   the session up to and including this play. A play starting more than 10 minutes after the
--   previous play ended (played_at + listening time) starts a session. Incremental runs start
--   from the earliest rebuilt play of fct_plays and carry on from the stored running totals of the
--   play before it, so appending to a session costs the new plays only, however long it is.
-- index: account_id, played_at
-- index: _built_at
-- test: unique(account_id, played_at)
-- test: not_null(account_id, played_at, session_start, session_end, session_plays, session_ms, session_tracks, session_local_date)
with
{% if is_incremental() %}
changed as (
  select c.account_id, min(c.played_at) as from_at
  from {{ ref('fct_plays') }} c
  where c._built_at > {{ last_run_started_at }}
  group by c.account_id
),
base as (
  -- The running totals at the play just before the first changed one (none: the account starts over).
  select ch.account_id, ch.from_at, b.ended_at, b.session_start, b.session_end, b.session_plays, b.session_ms, b.session_tracks, b.session_local_date
  from changed ch
  left join lateral (
    select s.* from {{ this }} s where s.account_id = ch.account_id and s.played_at < ch.from_at order by s.played_at desc limit 1
  ) b on true
),
plays as (
  select f.account_id, f.played_at, f.track_key, f.local_date, f.listening_ms,
    f.played_at + f.listening_ms * interval '1 millisecond' as ended_at,
    coalesce(lag(f.played_at + f.listening_ms * interval '1 millisecond') over w, b.ended_at) as prev_ended_at,
    b.from_at, b.session_start as base_start, b.session_end as base_end, b.session_plays as base_plays,
    b.session_ms as base_ms, b.session_tracks as base_tracks, b.session_local_date as base_local_date
  from base b
  join {{ ref('fct_plays') }} f on f.account_id = b.account_id and f.played_at >= b.from_at
  window w as (partition by f.account_id order by f.played_at)
),
{% else %}
plays as (
  select f.account_id, f.played_at, f.track_key, f.local_date, f.listening_ms,
    f.played_at + f.listening_ms * interval '1 millisecond' as ended_at,
    lag(f.played_at + f.listening_ms * interval '1 millisecond') over w as prev_ended_at,
    null::timestamptz as from_at, null::timestamptz as base_start, null::timestamptz as base_end, 0 as base_plays,
    0::bigint as base_ms, 0 as base_tracks, null::date as base_local_date
  from {{ ref('fct_plays') }} f
  window w as (partition by f.account_id order by f.played_at)
),
{% endif %}
numbered as (
  -- sno 0: continues the stored session of the play before the batch, 1, 2, ...: sessions starting here.
  select m.*, count(*) filter (where m.is_start) over (partition by m.account_id order by m.played_at) as sno
  from (
    select p.*, (p.prev_ended_at is null or p.played_at > p.prev_ended_at + interval '10 minutes') as is_start
    from plays p
  ) m
),
firsts as (
  select n.*,
    case
      when row_number() over (partition by n.account_id, n.sno, n.track_key order by n.played_at) > 1 then 0
{% if is_incremental() %}
      -- a continued session: was the track already played in its stored part?
      when n.sno = 0 and exists (
        select 1 from {{ ref('fct_plays') }} e
        where e.account_id = n.account_id and e.track_key = n.track_key and e.played_at >= n.base_start and e.played_at < n.from_at
      ) then 0
{% endif %}
      else 1
    end as new_track
  from numbered n
)
select
  x.account_id,
  x.played_at,
  x.track_key,
  x.ended_at,
  case when x.sno = 0 then x.base_start else first_value(x.played_at) over s end as session_start,
  case when x.sno = 0 then greatest(x.base_end, max(x.ended_at) over s) else max(x.ended_at) over s end as session_end,
  case when x.sno = 0 then least(x.base_local_date, min(x.local_date) over s) else min(x.local_date) over s end as session_local_date,
  ((case when x.sno = 0 then x.base_plays else 0 end) + count(*) over s)::integer as session_plays,
  ((case when x.sno = 0 then x.base_ms else 0 end) + sum(x.listening_ms) over s)::bigint as session_ms,
  ((case when x.sno = 0 then x.base_tracks else 0 end) + sum(x.new_track) over s)::integer as session_tracks,
  {{ run_started_at }} as _built_at
from firsts x
window s as (partition by x.account_id, x.sno order by x.played_at rows between unbounded preceding and current row)
