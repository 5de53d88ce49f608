-- version: 1
-- materialized: view
-- description: Tracks with their primary (position 0) artist and every credited artist as
--   a JSON array [{ id, name }] in credit order.
-- test: unique(track_id)
-- test: not_null(track_id, name)
select
  t.id as track_id,
  t.name,
  t.album_id,
  t.duration_ms,
  t.explicit,
  t.is_local,
  pa.artist_id as primary_artist_id,
  coalesce(credits.artists, '[]'::jsonb) as artists,
  t.updated_at
from {{ source('raw', 'tracks') }} t
left join {{ source('raw', 'track_artists') }} pa on pa.track_id = t.id and pa.position = 0
left join lateral (
  select jsonb_agg(jsonb_build_object('id', ta.artist_id, 'name', a.name) order by ta.position) as artists
  from {{ source('raw', 'track_artists') }} ta
  left join {{ source('raw', 'artists') }} a on a.id = ta.artist_id
  where ta.track_id = t.id
) credits on true
