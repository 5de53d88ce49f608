-- description: Track durations are positive, listening time is never negative, and imported plays
--   (which carry ms_played) always have positive listening time.
select account_id, played_at, duration_ms, listening_ms
from {{ ref('fct_plays') }}
where duration_ms <= 0 or listening_ms < 0 or (source <> 'poll' and listening_ms <= 0)
