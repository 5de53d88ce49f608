-- version: 2
-- materialized: incremental
-- unique_key: account_id
-- strategy: tail
-- tail_key: session_start
-- description: Listening sessions per account: a play starting more than 10 minutes after the
--   previous play ended (played_at + listening time) starts a new session. Each session is the
--   last running-total row of int_session_plays, and incremental runs read that row (one index probe)
--   for each session with rebuilt plays, so a session of any length costs only its new plays.
-- index: account_id, session_start
-- index: account_id, listening_ms
-- test: unique(account_id, session_start)
-- test: not_null(account_id, session_start, session_end, plays, listening_ms, local_date)
{% if is_incremental() %}
select s.account_id, s.session_start, l.session_end, l.session_local_date as local_date,
  l.session_plays as plays, l.session_tracks as distinct_tracks, l.session_ms as listening_ms
from (
  select distinct c.account_id, c.session_start from {{ ref('int_session_plays') }} c where c._built_at > {{ last_run_started_at }}
) s
cross join lateral (
  select x.* from {{ ref('int_session_plays') }} x
  where x.account_id = s.account_id and x.session_start = s.session_start
  order by x.played_at desc limit 1
) l
{% else %}
select distinct on (x.account_id, x.session_start)
  x.account_id, x.session_start, x.session_end, x.session_local_date as local_date,
  x.session_plays as plays, x.session_tracks as distinct_tracks, x.session_ms as listening_ms
from {{ ref('int_session_plays') }} x
order by x.account_id, x.session_start, x.played_at desc
{% endif %}
