/**
 * Column order of the staging table (see ImportLoader). Only these values ever leave
 * the parser: `ip_addr`, `ip_addr_decrypted`, `user_agent_decrypted` and `username`
 * are never read, so they are dropped here, at parse time (docs/metrics.md).
 */
export const STAGE_COLUMNS = [
  'ord',
  'kind',
  'source',
  'played_ms',
  'ms_played',
  'track_id',
  'track_name',
  'artist_name',
  'album_name',
  'reason_start',
  'reason_end',
  'shuffle',
  'skipped',
  'offline',
  'offline_ms',
  'platform',
  'conn_country',
  'show_name',
  'episode_name',
  'episode_uri',
  'audiobook_title',
  'audiobook_uri',
  'chapter_title',
  'chapter_uri',
] as const;
