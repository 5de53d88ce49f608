-- version: 1
-- materialized: view
-- description: Music plays as stored, one row per account and instant. Imports not yet enriched
--   carry the track, artist and album names; listening time is ms_played (null only for polled
--   plays stored before polls kept it).
-- test: not_null(account_id, played_at, source)
-- test: accepted_values(source: poll, extended_history, account_data)
select
  p.account_id,
  p.played_at,
  p.track_id,
  p.track_name,
  p.artist_name,
  p.album_name,
  p.ms_played,
  p.source,
  p.loaded_at
from {{ source('raw', 'plays') }} p
