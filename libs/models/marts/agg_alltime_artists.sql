-- version: 1
-- materialized: incremental
-- unique_key: account_id, artist_key
-- description: All-time plays and listening time per account and primary artist (stats-api's ranges without
--   bounds, and exact all-time distinct counts as row counts). Incremental runs recompute only the keys
--   of fct_plays rows rebuilt since the last run, from agg_daily_artists (index by key); a full refresh sums
--   the year rows of agg_period_artists. A key whose every play moved to another key (name-only artist
--   enriched) keeps its row until the next full refresh.
-- index: account_id, artist_key
-- test: unique(account_id, artist_key)
-- test: not_null(account_id, artist_key, plays, listening_ms)
{% if is_incremental() %}
with keys as (
  select distinct c.account_id, c.artist_key
  from {{ ref('fct_plays') }} c
  where c._built_at > {{ last_run_started_at }}
)
select
  x.account_id,
  x.artist_key,
  max(x.artist_id) as artist_id,
  max(x.artist_name) as artist_name,
  sum(x.plays)::integer as plays,
  sum(x.listening_ms)::bigint as listening_ms
from keys k
join {{ ref('agg_daily_artists') }} x on x.account_id = k.account_id and x.artist_key = k.artist_key
group by x.account_id, x.artist_key
{% else %}
select
  x.account_id,
  x.artist_key,
  max(x.artist_id) as artist_id,
  max(x.artist_name) as artist_name,
  sum(x.plays)::integer as plays,
  sum(x.listening_ms)::bigint as listening_ms
from {{ ref('agg_period_artists') }} x
where x.grain = 'year'
group by x.account_id, x.artist_key
{% endif %}
