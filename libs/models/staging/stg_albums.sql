-- version: 1
-- materialized: view
-- description: Albums with cover image and album artists as a JSON array [{ id, name }] in credit order.
-- test: unique(album_id)
-- test: not_null(album_id, name)
select
  al.id as album_id,
  al.name,
  al.album_type,
  al.release_date,
  al.image_url,
  coalesce(credits.artists, '[]'::jsonb) as artists,
  al.updated_at
from {{ source('raw', 'albums') }} al
left join lateral (
  select jsonb_agg(jsonb_build_object('id', aa.artist_id, 'name', a.name) order by aa.position) as artists
  from {{ source('raw', 'album_artists') }} aa
  left join {{ source('raw', 'artists') }} a on a.id = aa.artist_id
  where aa.album_id = al.id
) credits on true
