import { Pool } from 'pg';
import { STATS_ROUTES } from '@rewind/contracts';

/** Plain SQL over raw.plays (no marts) for the 2023 answer of a route in the account's zone (null: none written for it). */
function rawSql(route: string): string | null {
  const base = `with p as (
      select r.*, t.duration_ms, ta.artist_id, coalesce(ta.artist_id, r.artist_name) as artist_key, coalesce(r.track_id, r.artist_name || ' - ' || r.track_name) as track_key,
        coalesce(t.album_id, r.artist_name || ' - ' || r.album_name) as album_key,
        case when r.source = 'poll' then coalesce(least(t.duration_ms::bigint, (extract(epoch from (lead(r.played_at) over (order by r.played_at) - r.played_at)) * 1000)::bigint), 0) else r.ms_played end as ms,
        r.played_at at time zone 'Europe/Berlin' as local
      from raw.plays r left join raw.tracks t on t.id = r.track_id left join raw.track_artists ta on ta.track_id = r.track_id and ta.position = 0
      where r.account_id = $1 and r.played_at >= timestamptz '2023-01-01 00:00 Europe/Berlin' and r.played_at < timestamptz '2024-01-01 00:00 Europe/Berlin' + interval '1 day')
    `;
  const inRange = `p.played_at < timestamptz '2024-01-01 00:00 Europe/Berlin'`;
  switch (route) {
    case 'summary':
      return `${base} select count(*), sum(ms), count(distinct track_key), count(distinct artist_key), count(distinct album_key), min(played_at), max(played_at) from p where ${inRange}`;
    case 'top-artists':
      return `${base} select artist_key, count(*) n, sum(ms) from p where ${inRange} group by 1 order by n desc, 1 limit 10`;
    case 'top-tracks':
      return `${base} select track_key, count(*) n, sum(ms) from p where ${inRange} group by 1 order by n desc, 1 limit 10`;
    case 'top-albums':
      return `${base} select album_key, count(*) n, sum(ms) from p where ${inRange} and album_key is not null group by 1 order by n desc, 1 limit 10`;
    case 'top-genres':
      return `${base} select g.genre, count(*) n, sum(ms) from p join raw.artist_genres g on g.artist_id = p.artist_id where ${inRange} group by 1 order by n desc, 1 limit 10`;
    case 'activity':
      return `${base} select local::date, count(*), sum(ms) from p where ${inRange} group by 1 order by 1`;
    case 'heatmap':
      return `${base} select extract(isodow from local), extract(hour from local), count(*), sum(ms) from p where ${inRange} group by 1, 2`;
    case 'recent':
      return `select * from raw.plays where account_id = $1 and played_at < timestamptz '2024-01-01 00:00 Europe/Berlin' order by played_at desc limit 10`;
    case 'discoveries':
      return `select * from (select distinct on (coalesce(ta.artist_id, r.artist_name)) coalesce(ta.artist_id, r.artist_name) k, r.played_at from raw.plays r left join raw.track_artists ta on ta.track_id = r.track_id and ta.position = 0 where r.account_id = $1 order by coalesce(ta.artist_id, r.artist_name), r.played_at) d where played_at >= timestamptz '2023-01-01 00:00 Europe/Berlin' and played_at < timestamptz '2024-01-01 00:00 Europe/Berlin' order by played_at limit 10`;
    case 'streaks':
      return `${base} select min(d), max(d), count(*) from (select d, d - (row_number() over (order by d))::int g from (select distinct local::date d from p where ${inRange}) x) y group by g order by 3 desc limit 1`;
    case 'sessions':
      return `${base} select min(played_at), sum(ms) s from (select *, sum(st) over (order by played_at) sn from (select *, case when played_at > lag(played_at + ms * interval '1 ms') over (order by played_at) + interval '10 minutes' then 1 else 0 end st from p) a) b group by sn order by s desc limit 10`;
    case 'wrapped':
      // The heaviest of its parts (every top list and the summary over the year).
      return `${base} select (select count(*) from p where ${inRange}), (select count(distinct track_key) from p where ${inRange}), (select count(distinct artist_key) from p where ${inRange}), (select count(distinct album_key) from p where ${inRange})`;
    default:
      return null;
  }
}

/** Milliseconds of each route's plain SQL, best of three: what answering from raw.plays would cost. */
export async function rawSqlBaselines(pool: Pool, accountId: string): Promise<Record<string, number>> {
  const ms: Record<string, number> = {};
  for (const route of STATS_ROUTES) {
    const sql = rawSql(route);
    if (sql === null) continue;
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const started = process.hrtime.bigint();
      await pool.query(sql, [accountId]);
      best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
    }
    ms[route] = Math.round(best * 10) / 10;
  }
  return ms;
}
