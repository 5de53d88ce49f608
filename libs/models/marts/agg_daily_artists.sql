-- version: 2
-- materialized: incremental
-- unique_key: account_id, local_date
-- description: Plays and listening time per account, local day and primary artist. artist_key is
--   the Spotify artist id, or the artist's name while only the name is known (artist_id null).
-- index: account_id, local_date, artist_key
-- test: unique(account_id, local_date, artist_key)
-- test: not_null(account_id, local_date, artist_key, artist_name, plays, listening_ms)
-- test: relationships(account_id -> agg_daily.account_id)
select
  f.account_id,
  f.local_date,
  f.artist_key,
  max(f.artist_id) as artist_id,
  max(f.artist_name) as artist_name,
  count(*)::integer as plays,
  sum(f.listening_ms)::bigint as listening_ms,
  min(f.played_at) as first_played_at
from {{ ref('fct_plays') }} f
{% if is_incremental() %}
where (f.account_id, f.local_date) in ({{ rebuilt('local_date') }})
{% endif %}
group by f.account_id, f.local_date, f.artist_key

{% replaces %}{{ rebuilt('local_date') }}{% endreplaces %}
