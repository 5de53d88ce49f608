-- version: 1
-- materialized: view
-- description: Artists with their image and every genre (sorted array; empty until enriched).
-- test: unique(artist_id)
-- test: not_null(artist_id, name, genres)
select
  a.id as artist_id,
  a.name,
  a.image_url,
  coalesce(g.genres, '{}'::text[]) as genres,
  a.enriched_at,
  a.updated_at
from {{ source('raw', 'artists') }} a
left join lateral (
  select array_agg(ag.genre order by ag.genre) as genres
  from {{ source('raw', 'artist_genres') }} ag
  where ag.artist_id = a.id
) g on true
