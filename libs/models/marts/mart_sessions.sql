-- version: 2
-- materialized: incremental
-- unique_key: account_id
-- strategy: tail
-- tail_key: session_start
-- description: Listening sessions per account: a play starting more than 10 minutes after the
--   previous play ended (played_at + listening time) starts a new session. Each session is the
--   last running-total row of int_session_plays. Incremental runs read only the rebuilt rows of
--   that model, since the last play of every session with a rebuilt play was rebuilt too (a batch
--   holds every play from its first one on), so a session of any length costs only its new plays.
-- index: account_id, session_start
-- index: account_id, listening_ms
-- test: unique(account_id, session_start)
-- test: not_null(account_id, session_start, session_end, plays, listening_ms, local_date)
{% if is_incremental() %}
select distinct on (x.account_id, x.session_start)
  x.account_id, x.session_start, x.session_end, x.session_local_date as local_date,
  x.session_plays as plays, x.session_tracks as distinct_tracks, x.session_ms as listening_ms
from {{ ref('int_session_plays') }} x
where x._built_at > {{ last_run_started_at }}
order by x.account_id, x.session_start, x.played_at desc
{% else %}
select distinct on (x.account_id, x.session_start)
  x.account_id, x.session_start, x.session_end, x.session_local_date as local_date,
  x.session_plays as plays, x.session_tracks as distinct_tracks, x.session_ms as listening_ms
from {{ ref('int_session_plays') }} x
order by x.account_id, x.session_start, x.played_at desc
{% endif %}
