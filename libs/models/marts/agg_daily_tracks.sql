-- version: 2
-- materialized: incremental
-- unique_key: account_id, local_date
-- description: Plays and listening time per account, local day and track. track_key is the
--   Spotify track id, or "artist - track" for name-only imports (track_id null).
-- index: account_id, local_date, track_key
-- test: unique(account_id, local_date, track_key)
-- test: not_null(account_id, local_date, track_key, plays, listening_ms)
select
  f.account_id,
  f.local_date,
  f.track_key,
  max(f.track_id) as track_id,
  max(f.track_name) as track_name,
  max(f.artist_key) as artist_key,
  max(f.artist_name) as artist_name,
  max(f.album_key) as album_key,
  max(f.album_name) as album_name,
  count(*)::integer as plays,
  sum(f.listening_ms)::bigint as listening_ms
from {{ ref('fct_plays') }} f
{% if is_incremental() %}
where (f.account_id, f.local_date) in ({{ rebuilt('local_date') }})
{% endif %}
group by f.account_id, f.local_date, f.track_key

{% replaces %}{{ rebuilt('local_date') }}{% endreplaces %}
