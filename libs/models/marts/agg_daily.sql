-- version: 1
-- materialized: incremental
-- unique_key: account_id, local_date
-- description: Listening per account and local day (account's time zone): plays, listening
--   time, distinct tracks/artists/albums, first and last play. Only days with plays have a row.
-- index: account_id, local_date
-- test: unique(account_id, local_date)
-- test: not_null(account_id, local_date, plays, listening_ms)
select
  f.account_id,
  f.local_date,
  min(f.weekday) as weekday,
  count(*)::integer as plays,
  sum(f.listening_ms)::bigint as listening_ms,
  count(distinct f.track_key)::integer as distinct_tracks,
  count(distinct f.artist_key)::integer as distinct_artists,
  count(distinct f.album_key)::integer as distinct_albums,
  min(f.played_at) as first_played_at,
  max(f.played_at) as last_played_at
from {{ ref('fct_plays') }} f
{% if is_incremental() %}
where (f.account_id, f.local_date) in ({{ rebuilt('local_date') }})
{% endif %}
group by f.account_id, f.local_date

{% replaces %}{{ rebuilt('local_date') }}{% endreplaces %}
