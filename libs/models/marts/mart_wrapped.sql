-- version: 1
-- materialized: incremental
-- unique_key: account_id, year
-- description: The per-year recap of each account (years of the account's time zone): totals,
--   distinct counts, top 5 artists/tracks/albums/genres (by plays, ties by name), the top day,
--   busiest hour and weekday, longest streak inside the year, longest session, and how many
--   artists and tracks were heard for the first time that year.
-- index: account_id, year
-- test: unique(account_id, year)
-- test: not_null(account_id, year, plays, listening_ms, minutes, listening_days, top_artists, top_tracks, top_albums, top_genres)
with years as (
{% if is_incremental() %}
  select distinct c.account_id, extract(year from c.local_date)::integer as year
  from {{ ref('fct_plays') }} c
  where c._built_at > {{ last_run_started_at }}
{% else %}
  select distinct d.account_id, extract(year from d.local_date)::integer as year
  from {{ ref('agg_daily') }} d
{% endif %}
),
days as (
  select d.*, y.year
  from {{ ref('agg_daily') }} d
  join years y on y.account_id = d.account_id and d.local_date >= make_date(y.year, 1, 1) and d.local_date < make_date(y.year + 1, 1, 1)
),
totals as (
  select account_id, year, sum(plays)::bigint as plays, sum(listening_ms)::bigint as listening_ms, count(*)::integer as listening_days
  from days group by account_id, year
),
top_day as (
  select distinct on (account_id, year) account_id, year, local_date, plays, listening_ms
  from days order by account_id, year, listening_ms desc, local_date
),
streak_groups as (
  select account_id, year, local_date, local_date - (row_number() over (partition by account_id, year order by local_date))::integer as grp
  from days
),
longest_streak as (
  select distinct on (account_id, year) account_id, year, count(*)::integer as days, min(local_date) as streak_start, max(local_date) as streak_end
  from streak_groups group by account_id, year, grp
  order by account_id, year, count(*) desc, min(local_date)
),
-- The year rows of the agg_period_* rollups are the year's daily rows summed per key (names: max over them).
artists as (
  select x.account_id, y.year, x.artist_key, x.artist_name as name, x.plays::bigint as plays, x.listening_ms
  from {{ ref('agg_period_artists') }} x
  join years y on x.account_id = y.account_id and x.grain = 'year' and x.period_start = make_date(y.year, 1, 1)
),
top_artists as (
  -- Only rows whose plays rank (an integer sort) is in the top 5 can make the top 5 by (plays, name):
  -- the collation-aware sort runs on those few candidates, not on every artist of the year.
  select account_id, year, max(n)::integer as distinct_artists,
    coalesce(jsonb_agg(jsonb_build_object('rank', rk, 'artistId', artist_key, 'name', name, 'plays', plays, 'minutes', round(listening_ms / 60000.0, 2)) order by rk) filter (where rk <= 5), '[]'::jsonb) as top
  from (
    select c.*, row_number() over (partition by c.account_id, c.year order by c.plays desc, c.name, c.artist_key) as rk
    from (
      select *, rank() over (partition by account_id, year order by plays desc) as plays_rank, count(*) over (partition by account_id, year) as n
      from artists
    ) c
    where c.plays_rank <= 5
  ) r
  group by account_id, year
),
tracks as (
  select x.account_id, y.year, x.track_key, x.track_name as name, x.artist_name, x.plays::bigint as plays, x.listening_ms
  from {{ ref('agg_period_tracks') }} x
  join years y on x.account_id = y.account_id and x.grain = 'year' and x.period_start = make_date(y.year, 1, 1)
),
top_tracks as (
  -- Only rows whose plays rank (an integer sort) is in the top 5 can make the top 5 by (plays, name):
  -- the collation-aware sort runs on those few candidates, not on every track of the year.
  select account_id, year, max(n)::integer as distinct_tracks,
    coalesce(jsonb_agg(jsonb_build_object('rank', rk, 'trackId', track_key, 'name', name, 'artistName', artist_name, 'plays', plays, 'minutes', round(listening_ms / 60000.0, 2)) order by rk) filter (where rk <= 5), '[]'::jsonb) as top
  from (
    select c.*, row_number() over (partition by c.account_id, c.year order by c.plays desc, c.name, c.track_key) as rk
    from (
      select *, rank() over (partition by account_id, year order by plays desc) as plays_rank, count(*) over (partition by account_id, year) as n
      from tracks
    ) c
    where c.plays_rank <= 5
  ) r
  group by account_id, year
),
albums as (
  select x.account_id, y.year, x.album_key, x.album_name as name, x.artist_name, x.plays::bigint as plays, x.listening_ms
  from {{ ref('agg_period_albums') }} x
  join years y on x.account_id = y.account_id and x.grain = 'year' and x.period_start = make_date(y.year, 1, 1)
),
top_albums as (
  -- Only rows whose plays rank (an integer sort) is in the top 5 can make the top 5 by (plays, name):
  -- the collation-aware sort runs on those few candidates, not on every album of the year.
  select account_id, year, max(n)::integer as distinct_albums,
    coalesce(jsonb_agg(jsonb_build_object('rank', rk, 'albumId', album_key, 'name', name, 'artistName', artist_name, 'plays', plays, 'minutes', round(listening_ms / 60000.0, 2)) order by rk) filter (where rk <= 5), '[]'::jsonb) as top
  from (
    select c.*, row_number() over (partition by c.account_id, c.year order by c.plays desc, c.name, c.album_key) as rk
    from (
      select *, rank() over (partition by account_id, year order by plays desc) as plays_rank, count(*) over (partition by account_id, year) as n
      from albums
    ) c
    where c.plays_rank <= 5
  ) r
  group by account_id, year
),
genres as (
  select x.account_id, y.year, x.genre, x.plays::bigint as plays, x.listening_ms
  from {{ ref('agg_period_genres') }} x
  join years y on x.account_id = y.account_id and x.grain = 'year' and x.period_start = make_date(y.year, 1, 1)
),
top_genres as (
  -- Only rows whose plays rank (an integer sort) is in the top 5 can make the top 5 by (plays, name):
  -- the collation-aware sort runs on those few candidates, not on every genre of the year.
  select account_id, year, max(n)::integer as distinct_genres,
    coalesce(jsonb_agg(jsonb_build_object('rank', rk, 'genre', genre, 'plays', plays, 'minutes', round(listening_ms / 60000.0, 2)) order by rk) filter (where rk <= 5), '[]'::jsonb) as top
  from (
    select c.*, row_number() over (partition by c.account_id, c.year order by c.plays desc, c.genre) as rk
    from (
      select *, rank() over (partition by account_id, year order by plays desc) as plays_rank, count(*) over (partition by account_id, year) as n
      from genres
    ) c
    where c.plays_rank <= 5
  ) r
  group by account_id, year
),
hours as (
  select h.account_id, y.year, h.hour, sum(h.plays)::bigint as plays
  from {{ ref('agg_period_hourly') }} h
  join years y on h.account_id = y.account_id and h.grain = 'year' and h.period_start = make_date(y.year, 1, 1)
  group by h.account_id, y.year, h.hour
),
busiest_hour as (
  select distinct on (account_id, year) account_id, year, hour from hours order by account_id, year, plays desc, hour
),
weekdays as (
  select account_id, year, weekday, sum(plays)::bigint as plays from days group by account_id, year, weekday
),
busiest_weekday as (
  select distinct on (account_id, year) account_id, year, weekday from weekdays order by account_id, year, plays desc, weekday
),
longest_session as (
  select distinct on (s.account_id, y.year) s.account_id, y.year, s.session_start, s.session_end, s.listening_ms, s.plays
  from {{ ref('mart_sessions') }} s
  join years y on y.account_id = s.account_id and s.local_date >= make_date(y.year, 1, 1) and s.local_date < make_date(y.year + 1, 1, 1)
    -- the same sessions, as an index range on (account_id, session_start): local dates are within a day of UTC
    and s.session_start >= make_date(y.year, 1, 1) - interval '2 days' and s.session_start < make_date(y.year + 1, 1, 1) + interval '2 days'
  order by s.account_id, y.year, s.listening_ms desc, s.session_start
),
firsts as (
  select d.account_id, y.year,
    count(*) filter (where d.kind = 'artist')::integer as new_artists,
    count(*) filter (where d.kind = 'track')::integer as new_tracks
  from {{ ref('mart_discoveries') }} d
  join years y on y.account_id = d.account_id and d.local_date >= make_date(y.year, 1, 1) and d.local_date < make_date(y.year + 1, 1, 1)
    -- index range on (account_id, kind, first_played_at): local dates are within a day of UTC
    and d.kind in ('artist', 'track')
    and d.first_played_at >= make_date(y.year, 1, 1) - interval '2 days' and d.first_played_at < make_date(y.year + 1, 1, 1) + interval '2 days'
  group by d.account_id, y.year
)
select
  t.account_id,
  t.year,
  t.plays,
  t.listening_ms,
  round(t.listening_ms / 60000.0, 2) as minutes,
  t.listening_days,
  coalesce(tt.distinct_tracks, 0) as distinct_tracks,
  coalesce(ta.distinct_artists, 0) as distinct_artists,
  coalesce(tal.distinct_albums, 0) as distinct_albums,
  coalesce(tg.distinct_genres, 0) as distinct_genres,
  coalesce(ta.top, '[]'::jsonb) as top_artists,
  coalesce(tt.top, '[]'::jsonb) as top_tracks,
  coalesce(tal.top, '[]'::jsonb) as top_albums,
  coalesce(tg.top, '[]'::jsonb) as top_genres,
  td.local_date as top_day,
  round(td.listening_ms / 60000.0, 2) as top_day_minutes,
  bh.hour as busiest_hour,
  bw.weekday as busiest_weekday,
  ls.days as longest_streak_days,
  ls.streak_start as longest_streak_start,
  ls.streak_end as longest_streak_end,
  lss.session_start as longest_session_start,
  lss.session_end as longest_session_end,
  round(lss.listening_ms / 60000.0, 2) as longest_session_minutes,
  coalesce(fi.new_artists, 0) as new_artists,
  coalesce(fi.new_tracks, 0) as new_tracks
from totals t
left join top_artists ta using (account_id, year)
left join top_tracks tt using (account_id, year)
left join top_albums tal using (account_id, year)
left join top_genres tg using (account_id, year)
left join top_day td using (account_id, year)
left join busiest_hour bh using (account_id, year)
left join busiest_weekday bw using (account_id, year)
left join longest_streak ls using (account_id, year)
left join longest_session lss using (account_id, year)
left join firsts fi using (account_id, year)
