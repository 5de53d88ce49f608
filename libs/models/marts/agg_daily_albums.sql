-- version: 1
-- materialized: incremental
-- unique_key: account_id, local_date
-- description: Plays and listening time per account, local day and album. album_key is the
--   Spotify album id, or "artist - album" for name-only imports; plays without any album are left out.
-- index: account_id, local_date, album_key
-- index: account_id, album_key, local_date
-- test: unique(account_id, local_date, album_key)
-- test: not_null(account_id, local_date, album_key, plays, listening_ms)
select
  f.account_id,
  f.local_date,
  f.album_key,
  max(f.album_id) as album_id,
  max(f.album_name) as album_name,
  max(f.artist_name) as artist_name,
  count(*)::integer as plays,
  sum(f.listening_ms)::bigint as listening_ms
from {{ ref('fct_plays') }} f
where f.album_key is not null
{% if is_incremental() %}
  and (f.account_id, f.local_date) in ({{ rebuilt('local_date') }})
{% endif %}
group by f.account_id, f.local_date, f.album_key

{% replaces %}{{ rebuilt('local_date') }}{% endreplaces %}
