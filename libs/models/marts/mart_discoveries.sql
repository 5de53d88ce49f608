-- version: 1
-- materialized: incremental
-- unique_key: account_id, kind, item_key
-- description: First play of each artist (kind 'artist', item_key = artist_key) and each track
--   (kind 'track', item_key = track_key) per account, with the local date of that first play.
--   An incremental run recomputes the keys of rebuilt plays and the keys they had before
--   (fct_plays._prev_*): an old key left without plays is deleted (_deleted).
-- index: account_id, kind, first_played_at
-- index: account_id, kind, item_key
-- test: unique(account_id, kind, item_key)
-- test: not_null(account_id, kind, item_key, first_played_at, local_date)
-- test: accepted_values(kind: artist, track)
{% if is_incremental() %}
with rebuilt as (
  select c.account_id, c.artist_key, c.track_key, c._prev_artist_key, c._prev_track_key
  from {{ ref('fct_plays') }} c where c._built_at > {{ last_run_started_at }}
),
artist_keys as (
  select account_id, artist_key from rebuilt
  union
  select account_id, _prev_artist_key from rebuilt where _prev_artist_key is not null
),
track_keys as (
  select account_id, track_key from rebuilt
  union
  select account_id, _prev_track_key from rebuilt where _prev_track_key is not null
)
select k.account_id, 'artist'::text as kind, k.artist_key as item_key, f.artist_id as item_id, f.artist_name as item_name,
  f.artist_key, f.artist_name, f.played_at as first_played_at, f.local_date, f.played_at is null as _deleted
from artist_keys k
left join lateral (
  select * from {{ ref('fct_plays') }} p
  where p.account_id = k.account_id and p.artist_key = k.artist_key
  order by p.played_at limit 1
) f on true
union all
select k.account_id, 'track'::text as kind, k.track_key as item_key, f.track_id as item_id, f.track_name as item_name,
  f.artist_key, f.artist_name, f.played_at as first_played_at, f.local_date, f.played_at is null as _deleted
from track_keys k
left join lateral (
  select * from {{ ref('fct_plays') }} p
  where p.account_id = k.account_id and p.track_key = k.track_key
  order by p.played_at limit 1
) f on true
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
