-- version: 2
-- materialized: incremental
-- unique_key: account_id, played_at
-- description: One row per play with everything stats need: catalog names (the name stands in
--   for the id while only a name is known), listening time (ms_played, for every source: imports
--   take it from the export, polls store min(track duration, time since the previous play ended);
--   polled plays stored before polls kept ms_played: min(track duration, time until the
--   account's next play)), and the local date, weekday (0 = Monday) and hour in the account's
--   time zone (UTC when unset), and the listening behaviour an extended-history export records
--   (skipped, shuffle, platform family, offline, reason_start, reason_end: from stg_plays, null
--   on polled plays and account-data imports). Incremental on raw.plays.loaded_at; also
--   rebuilds the play before each new one (an old polled play's listening time may end at the
--   new play), plays whose track, primary artist or album changed, and every play of an account
--   whose time zone changed.
--   _prev_artist_key / _prev_track_key / _prev_local_date: the value a rebuilt play had before,
--   when it changed (a name-only play enriched to an id, a new time zone), so models keyed by it
--   can drop what the old value built (macro rebuilt(); null in a full build).
-- index: account_id, played_at
-- index: account_id, local_date
-- index: account_id, artist_key, played_at
-- index: account_id, track_key, played_at
-- index: track_id
-- index: artist_id
-- index: _built_at
-- test: unique(account_id, played_at)
-- test: not_null(account_id, played_at, local_date, weekday, hour, listening_ms, track_key, artist_key, source, time_zone)
-- test: accepted_values(source: poll, extended_history, account_data)
-- test: accepted_values(weekday: 0, 1, 2, 3, 4, 5, 6)
-- test: accepted_values(platform: android, ios, windows, macos, linux, web, cast, other)
with recursive accounts as (
  select a.id as account_id, coalesce(a.time_zone, 'UTC') as time_zone
  from {{ source('auth', 'accounts') }} a
),
{% if is_incremental() %}
-- Every account with plays, by a loose index scan of the primary key (one probe per account), so
-- the (account_id, loaded_at) index finds new rows without scanning all plays.
play_accounts as (
  (select p.account_id from {{ source('raw', 'plays') }} p order by p.account_id limit 1)
  union all
  select (select p.account_id from {{ source('raw', 'plays') }} p where p.account_id > pa.account_id order by p.account_id limit 1)
  from play_accounts pa
  where pa.account_id is not null
),
changed as (
  select p.account_id, p.played_at
  from play_accounts pa
  join {{ ref('stg_plays') }} p on p.account_id = pa.account_id and p.loaded_at >= {{ watermark }}
),
affected as (
  select account_id, played_at from changed
  union
  select prev.account_id, prev.played_at
  from changed c
  cross join lateral (
    select p.account_id, p.played_at
    from {{ ref('stg_plays') }} p
    where p.account_id = c.account_id and p.played_at < c.played_at
    order by p.played_at desc
    limit 1
  ) prev
  union
  select f.account_id, f.played_at
  from {{ this }} f
  join {{ source('raw', 'tracks') }} t on t.id = f.track_id
  where t.updated_at >= {{ watermark }}
  union
  select f.account_id, f.played_at
  from {{ this }} f
  join {{ source('raw', 'artists') }} ar on ar.id = f.artist_id
  where ar.updated_at >= {{ watermark }}
  union
  select f.account_id, f.played_at
  from {{ this }} f
  join {{ source('raw', 'tracks') }} t on t.id = f.track_id
  join {{ source('raw', 'albums') }} al on al.id = t.album_id
  where al.updated_at >= {{ watermark }}
  union
  select p.account_id, p.played_at
  from (
    select a.account_id
    from accounts a
    where (select f.time_zone from {{ this }} f where f.account_id = a.account_id order by f.played_at desc limit 1) <> a.time_zone
  ) moved
  join {{ ref('stg_plays') }} p on p.account_id = moved.account_id
),
plays as (
  select
    p.*,
    (
      select n.played_at
      from {{ ref('stg_plays') }} n
      where n.account_id = p.account_id and n.played_at > p.played_at
      order by n.played_at
      limit 1
    ) as next_played_at
  from affected a
  cross join lateral (
    -- limit 1 (the key is unique) keeps this a per-play index probe, never a merge join over all plays
    select * from {{ ref('stg_plays') }} s where s.account_id = a.account_id and s.played_at = a.played_at limit 1
  ) p
)
{% else %}
plays as (
  select p.*, lead(p.played_at) over (partition by p.account_id order by p.played_at) as next_played_at
  from {{ ref('stg_plays') }} p
)
{% endif %}
select
  p.account_id,
  p.played_at,
  p.source,
  p.track_id,
  coalesce(t.name, p.track_name) as track_name,
  k.track_key,
  pa.artist_id as artist_id,
  k.artist_key,
  coalesce(ar.name, p.artist_name, '(unknown artist)') as artist_name,
  t.album_id,
  coalesce(t.album_id, nullif(concat_ws(' - ', p.artist_name, p.album_name), coalesce(p.artist_name, ''))) as album_key,
  coalesce(al.name, p.album_name) as album_name,
  t.duration_ms,
  case
    when p.ms_played is not null then p.ms_played::bigint
    when p.source = 'poll' then coalesce(least(t.duration_ms::bigint, (extract(epoch from (p.next_played_at - p.played_at)) * 1000)::bigint), 0)
    else 0
  end as listening_ms,
  k.local_date,
  (extract(isodow from p.played_at at time zone acc.time_zone) - 1)::smallint as weekday,
  extract(hour from p.played_at at time zone acc.time_zone)::smallint as hour,
  acc.time_zone,
  p.skipped,
  p.shuffle,
  p.platform,
  p.offline,
  p.reason_start,
  p.reason_end,
  p.loaded_at,
  {{ run_started_at }} as _built_at,
{% if is_incremental() %}
  case when o.artist_key is distinct from k.artist_key then o.artist_key else o._prev_artist_key end as _prev_artist_key,
  case when o.track_key is distinct from k.track_key then o.track_key else o._prev_track_key end as _prev_track_key,
  case when o.local_date is distinct from k.local_date then o.local_date else o._prev_local_date end as _prev_local_date
{% else %}
  null::text as _prev_artist_key,
  null::text as _prev_track_key,
  null::date as _prev_local_date
{% endif %}
from plays p
left join accounts acc0 on acc0.account_id = p.account_id
cross join lateral (select coalesce(acc0.time_zone, 'UTC') as time_zone) acc
left join {{ source('raw', 'tracks') }} t on t.id = p.track_id
left join {{ source('raw', 'track_artists') }} pa on pa.track_id = t.id and pa.position = 0
left join {{ source('raw', 'artists') }} ar on ar.id = pa.artist_id
left join {{ source('raw', 'albums') }} al on al.id = t.album_id
cross join lateral (
  select
    coalesce(p.track_id, concat_ws(' - ', p.artist_name, p.track_name)) as track_key,
    coalesce(pa.artist_id, p.artist_name, '(unknown artist)') as artist_key,
    (p.played_at at time zone acc.time_zone)::date as local_date
) k
{% if is_incremental() %}
left join {{ this }} o on o.account_id = p.account_id and o.played_at = p.played_at
{% endif %}
