-- version: 1
-- materialized: incremental
-- unique_key: account_id, kind, item_key
-- description: First play of each artist (kind 'artist', item_key = artist_key) and each track
--   (kind 'track', item_key = track_key) per account, with the local date of that first play.
--   An incremental run recomputes the keys of rebuilt plays and the keys they had before
--   (macro rebuilt()); an old key left without plays is deleted (the replaces block).
-- index: account_id, kind, first_played_at
-- index: account_id, kind, item_key
-- test: unique(account_id, kind, item_key)
-- test: not_null(account_id, kind, item_key, first_played_at, local_date)
-- test: accepted_values(kind: artist, track)
{% if is_incremental() %}
with artist_keys as ({{ rebuilt('artist_key') }}),
track_keys as ({{ rebuilt('track_key') }})
select k.account_id, 'artist'::text as kind, k.artist_key as item_key, f.artist_id as item_id, f.artist_name as item_name,
  f.artist_key, f.artist_name, f.played_at as first_played_at, f.local_date
from artist_keys k
cross join lateral (
  select * from {{ ref('fct_plays') }} p
  where p.account_id = k.account_id and p.artist_key = k.artist_key
  order by p.played_at limit 1
) f
union all
select k.account_id, 'track'::text as kind, k.track_key as item_key, f.track_id as item_id, f.track_name as item_name,
  f.artist_key, f.artist_name, f.played_at as first_played_at, f.local_date
from track_keys k
cross join lateral (
  select * from {{ ref('fct_plays') }} p
  where p.account_id = k.account_id and p.track_key = k.track_key
  order by p.played_at limit 1
) f
{% else %}
select * from (
  select distinct on (f.account_id, f.artist_key)
    f.account_id, 'artist'::text as kind, f.artist_key as item_key, f.artist_id as item_id, f.artist_name as item_name,
    f.artist_key, f.artist_name, f.played_at as first_played_at, f.local_date
  from {{ ref('fct_plays') }} f
  order by f.account_id, f.artist_key, f.played_at
) a
union all
select * from (
  select distinct on (f.account_id, f.track_key)
    f.account_id, 'track'::text as kind, f.track_key as item_key, f.track_id as item_id, f.track_name as item_name,
    f.artist_key, f.artist_name, f.played_at as first_played_at, f.local_date
  from {{ ref('fct_plays') }} f
  order by f.account_id, f.track_key, f.played_at
) t
{% endif %}

{% replaces %}
select account_id, 'artist'::text as kind, artist_key as item_key from ({{ rebuilt('artist_key') }}) a
union all
select account_id, 'track'::text as kind, track_key as item_key from ({{ rebuilt('track_key') }}) t
{% endreplaces %}
