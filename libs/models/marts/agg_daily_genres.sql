-- version: 1
-- materialized: incremental
-- unique_key: account_id, local_date
-- description: Plays and listening time per account, local day and genre: a play counts once
--   toward each genre of its primary artist (plays of artists without genres are left out).
-- index: account_id, local_date, genre
-- test: unique(account_id, local_date, genre)
-- test: not_null(account_id, local_date, genre, plays, listening_ms)
select
  f.account_id,
  f.local_date,
  g.genre,
  count(*)::integer as plays,
  sum(f.listening_ms)::bigint as listening_ms
from {{ ref('fct_plays') }} f
join {{ source('raw', 'artist_genres') }} g on g.artist_id = f.artist_id
{% if is_incremental() %}
where (f.account_id, f.local_date) in ({{ rebuilt('local_date') }})
{% endif %}
group by f.account_id, f.local_date, g.genre

{% replaces %}{{ rebuilt('local_date') }}{% endreplaces %}
