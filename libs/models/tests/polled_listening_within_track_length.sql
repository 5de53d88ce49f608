-- description: The listening time of a polled play never exceeds its track's length.
select account_id, played_at, listening_ms, duration_ms
from {{ ref('fct_plays') }}
where source = 'poll' and duration_ms is not null and listening_ms > duration_ms
