-- version: 2
-- materialized: view
-- description: Music plays as stored, one row per account and instant. Imports not yet enriched
--   carry the track, artist and album names; listening time is ms_played (null only for polled
--   plays stored before polls kept it). Listening behaviour from extended-history exports:
--   skipped, shuffle, offline, reason_start and reason_end as the row has them, and platform as
--   its family (macro platform_family: android, ios, windows, macos, linux, web, cast, other);
--   null on polled plays and account-data imports, which carry none. conn_country and the raw
--   platform string stay in raw.plays.
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
  p.skipped,
  p.shuffle,
  {{ platform_family('p.platform') }} as platform,
  p.offline,
  p.reason_start,
  p.reason_end,
  p.loaded_at
from {{ source('raw', 'plays') }} p
