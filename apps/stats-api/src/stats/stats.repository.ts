import { Inject, Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { localExpr, Params, playRows, instantRange, onePerKey, rollupParts, singlePeriod, unionAll, wholeDays } from './range-sql';
import { Bucket, By, RangePlan } from './stats-range';
import { STATS_POOL } from './stats.tokens';

export interface AccountContext {
  id: string;
  /** coalesce(auth.accounts.time_zone, 'UTC') */
  timeZone: string;
  /** Zone the marts were built in for this account (fct_plays.time_zone of its latest play), null without plays. */
  martsTimeZone: string | null;
}

export interface LookupResult {
  accounts: AccountContext[];
  /** Last finished transform run (`id@finished_at`), null before the first. */
  version: string | null;
}

export interface RankedRow {
  key: string;
  id: string | null;
  name: string | null;
  plays: string;
  ms: string;
}

/** A play as the recent route shows it (a row of marts.fct_plays with its track's credited artists). */
export interface PlayRow {
  played_at: Date;
  track_key: string;
  track_id: string | null;
  track_name: string | null;
  artist_key: string;
  artist_name: string;
  album_key: string | null;
  album_name: string | null;
  ms: string;
  source: string;
  artists: Array<{ id: string; name: string }> | null;
}

/** PlayRow's columns of marts.fct_plays `f` left joined with marts.stg_tracks `st`. */
export const PLAY_ROW_COLUMNS = `f.played_at, f.track_key, f.track_id, f.track_name, f.artist_key, f.artist_name, f.album_key, f.album_name,
  f.listening_ms::text as ms, f.source, st.artists`;

/** The marts' version: the last finished transform run, as `id@finished_at` (null before the first). */
export const MARTS_VERSION_SQL = `select r.id::text || '@' || to_char(r.finished_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')
  from transform.runs r where r.finished_at is not null order by r.requested_at desc, r.finished_at desc limit 1`;

const ORDER = (by: By) => (by === 'minutes' ? 'g.ms desc' : 'g.plays desc');
const NAME_ORDER = 'g.name collate "C" nulls last, g.key collate "C"';
/** A query of the right columns that yields nothing (it still binds the account parameter). */
const EMPTY = (cols: string, account: string) => `select ${cols} where ${account}::uuid is null`;
const when = (cond: string | null, sql: (cond: string) => string): string | null => (cond === null ? null : sql(cond));

/** SQL over the marts (and auth.accounts / transform.runs for context). Never scans raw plays. */
@Injectable()
export class StatsRepository {
  constructor(@Inject(STATS_POOL) private readonly pool: Pool) {}

  private async rows<T>(sql: string, params: unknown[]): Promise<T[]> {
    return (await this.pool.query(sql, params)).rows as T[];
  }

  /** The account(s) and the marts' version in one round trip: all accounts (up to 2) when none is named. */
  async lookup(accountId: string | null): Promise<LookupResult> {
    const rows = await this.rows<{ id: string | null; tz: string | null; marts_tz: string | null; version: string | null }>(
      `with acc as (
         select a.id, coalesce(a.time_zone, 'UTC') as tz from auth.accounts a
         where ($1::uuid is null or a.id = $1::uuid) order by a.id limit 2
       )
       select acc.id, acc.tz,
         (select f.time_zone from marts.fct_plays f where f.account_id = acc.id order by f.played_at desc limit 1) as marts_tz,
         (${MARTS_VERSION_SQL}) as version
       from (select 1) one left join acc on true`,
      [accountId],
    );
    return {
      accounts: rows.filter((r) => r.id !== null).map((r) => ({ id: r.id!, timeZone: r.tz!, martsTimeZone: r.marts_tz })),
      version: rows[0]?.version ?? null,
    };
  }

  async summary(account: string, plan: RangePlan) {
    const p = new Params();
    const a = p.add(account);
    const period = singlePeriod(plan);
    if (period) {
      // Exactly one month or year: its totals and distinct counts are one agg_period row.
      const bounds = `f.account_id = ${a} and ${instantRange(plan, p, 'f.played_at')}`;
      const sql = `select coalesce(t.plays, 0)::text as plays, coalesce(t.listening_ms, 0)::text as ms,
          (select f.played_at from marts.fct_plays f where ${bounds} order by f.played_at limit 1) as first,
          (select f.played_at from marts.fct_plays f where ${bounds} order by f.played_at desc limit 1) as last,
          coalesce(t.distinct_tracks, 0)::text as tracks, coalesce(t.distinct_artists, 0)::text as artists, coalesce(t.distinct_albums, 0)::text as albums
        from (select 1) one
        left join marts.agg_period t on t.account_id = ${a} and t.grain = ${p.add(period.grain)} and t.period_start = ${p.add(period.start)}::date`;
      const [row] = await this.rows<{
        plays: string;
        ms: string;
        first: Date | null;
        last: Date | null;
        tracks: string;
        artists: string;
        albums: string;
      }>(sql, p.values);
      return row;
    }
    const totals = unionAll(
      [
        ...rollupParts(
          plan,
          p,
          a,
          'agg_daily',
          'agg_period',
          (x) => `${x}.plays::bigint as plays, ${x}.listening_ms::bigint as ms`,
          '',
          undefined,
          true,
        ),
        when(playRows(plan, p, a, 'f'), (c) => `select 1::bigint as plays, f.listening_ms::bigint as ms from marts.fct_plays f where ${c}`),
      ],
      EMPTY('0::bigint as plays, 0::bigint as ms', a),
    );
    // First and last play of the range: one probe each of the (account_id, played_at) index.
    const bounds = `f.account_id = ${a} and ${instantRange(plan, p, 'f.played_at')}`;
    const distinct = (agg: string, key: string, extra = '') =>
      onePerKey(plan, true) && !singlePeriod(plan)
        ? `(select count(*) from marts.agg_alltime_${agg} x where x.account_id = ${a})`
        : `(select count(*) from (select k from (${unionAll(
            [
              ...rollupParts(plan, p, a, `agg_daily_${agg}`, `agg_period_${agg}`, (x) => `${x}.${key} as k`, '', `agg_alltime_${agg}`),
              when(playRows(plan, p, a, 'f'), (c) => `select f.${key} as k from marts.fct_plays f where ${c}${extra}`),
            ],
            EMPTY('null::text as k', a),
          )}) u where k is not null group by k) d)`;
    const sql = `with u as (${totals})
      select (select coalesce(sum(plays), 0)::text from u) as plays, (select coalesce(sum(ms), 0)::text from u) as ms,
        (select f.played_at from marts.fct_plays f where ${bounds} order by f.played_at limit 1) as first,
        (select f.played_at from marts.fct_plays f where ${bounds} order by f.played_at desc limit 1) as last,
        ${distinct('tracks', 'track_key')} as tracks,
        ${distinct('artists', 'artist_key')} as artists,
        ${distinct('albums', 'album_key', ' and f.album_key is not null')} as albums`;
    const [row] = await this.rows<{
      plays: string;
      ms: string;
      first: Date | null;
      last: Date | null;
      tracks: string;
      artists: string;
      albums: string;
    }>(sql, p.values);
    return row;
  }

  async topArtists(account: string, plan: RangePlan, by: By, limit: number) {
    const p = new Params();
    const a = p.add(account);
    const u = unionAll(
      [
        ...rollupParts(
          plan,
          p,
          a,
          'agg_daily_artists',
          'agg_period_artists',
          (x) =>
            `${x}.artist_key as key, ${x}.artist_id as id, ${x}.artist_name as name, ${x}.plays::bigint as plays, ${x}.listening_ms::bigint as ms`,
          '',
          'agg_alltime_artists',
          true,
        ),
        when(
          playRows(plan, p, a, 'f'),
          (c) =>
            `select f.artist_key as key, f.artist_id as id, f.artist_name as name, 1::bigint as plays, f.listening_ms::bigint as ms from marts.fct_plays f where ${c}`,
        ),
      ],
      EMPTY('null::text as key, null::text as id, null::text as name, 0::bigint as plays, 0::bigint as ms', a),
    );
    const g = onePerKey(plan, true)
      ? `select key, id, name, plays, ms from (${u}) u`
      : `select key, max(id) as id, max(name) as name, sum(plays) as plays, sum(ms) as ms from (${u}) u group by key having sum(plays) > 0`;
    const sql = `with g as (${g}), top as (select * from g order by ${ORDER(by)}, ${NAME_ORDER} limit ${p.add(limit)})
      select g.key, g.id, g.name, g.plays::text, g.ms::text, ar.image_url
      from top g left join raw.artists ar on ar.id = g.id
      order by ${ORDER(by)}, ${NAME_ORDER}`;
    return this.rows<RankedRow & { image_url: string | null }>(sql, p.values);
  }

  async topTracks(account: string, plan: RangePlan, by: By, limit: number) {
    const p = new Params();
    const a = p.add(account);
    const u = unionAll(
      [
        ...rollupParts(
          plan,
          p,
          a,
          'agg_daily_tracks',
          'agg_period_tracks',
          (x) =>
            `${x}.track_key as key, ${x}.track_id as id, ${x}.track_name as name, ${x}.artist_key, ${x}.artist_name, ${x}.album_key, ${x}.album_name, ${x}.plays::bigint as plays, ${x}.listening_ms::bigint as ms`,
          '',
          'agg_alltime_tracks',
          true,
        ),
        when(
          playRows(plan, p, a, 'f'),
          (c) =>
            `select f.track_key as key, f.track_id as id, f.track_name as name, f.artist_key, f.artist_name, f.album_key, f.album_name, 1::bigint as plays, f.listening_ms::bigint as ms from marts.fct_plays f where ${c}`,
        ),
      ],
      EMPTY(
        'null::text as key, null::text as id, null::text as name, null::text as artist_key, null::text as artist_name, null::text as album_key, null::text as album_name, 0::bigint as plays, 0::bigint as ms',
        a,
      ),
    );
    const lim = p.add(limit);
    const col = by === 'minutes' ? 'ms' : 'plays';
    // One row per key already (one month/year, all time): rank it directly; otherwise sum per key.
    const sql = onePerKey(plan, true)
      ? `with g as (select key, id, name, artist_key, artist_name, album_key, album_name, plays, ms from (${u}) u`
      : // Sums per key only; a key's names are the same on every row of every rollup (fct_plays rebuilds
        // all plays of a track whose catalog row changed), so they are read from its all-time row.
        // Names are looked up only for the keys at or above the limit-th value (ties included, so the name order stays exact).
        `with s as materialized (select key, sum(plays) as plays, sum(ms) as ms from (${u}) u group by key having sum(plays) > 0),
      cut as (select s.${col} as v from s order by s.${col} desc limit 1 offset ${lim}::int - 1),
      cand as (select s.* from s where not exists (select 1 from cut) or s.${col} >= (select v from cut)),
      g as (
        select s.key, t.track_id as id, t.track_name as name, t.artist_key, t.artist_name, t.album_key, t.album_name, s.plays, s.ms
        from cand s join marts.agg_alltime_tracks t on t.account_id = ${a} and t.track_key = s.key`;
    const sqlEnd = `), top as (select * from g order by ${ORDER(by)}, ${NAME_ORDER} limit ${lim})
      select g.key, g.id, g.name, g.artist_key, g.artist_name, g.album_key, g.album_name, g.plays::text, g.ms::text, st.artists
      from top g left join marts.stg_tracks st on st.track_id = g.id
      order by ${ORDER(by)}, ${NAME_ORDER}`;
    return this.rows<
      RankedRow & {
        artist_key: string;
        artist_name: string;
        album_key: string | null;
        album_name: string | null;
        artists: Array<{ id: string; name: string }> | null;
      }
    >(sql + sqlEnd, p.values);
  }

  async topAlbums(account: string, plan: RangePlan, by: By, limit: number) {
    const p = new Params();
    const a = p.add(account);
    const u = unionAll(
      [
        ...rollupParts(
          plan,
          p,
          a,
          'agg_daily_albums',
          'agg_period_albums',
          (x) =>
            `${x}.album_key as key, ${x}.album_id as id, ${x}.album_name as name, ${x}.artist_name, ${x}.plays::bigint as plays, ${x}.listening_ms::bigint as ms`,
          '',
          'agg_alltime_albums',
          true,
        ),
        when(
          playRows(plan, p, a, 'f'),
          (c) =>
            `select f.album_key as key, f.album_id as id, f.album_name as name, f.artist_name, 1::bigint as plays, f.listening_ms::bigint as ms from marts.fct_plays f where ${c} and f.album_key is not null`,
        ),
      ],
      EMPTY('null::text as key, null::text as id, null::text as name, null::text as artist_name, 0::bigint as plays, 0::bigint as ms', a),
    );
    const g = onePerKey(plan, true)
      ? `select key, id, name, artist_name, plays, ms from (${u}) u`
      : `select key, max(id) as id, max(name) as name, max(artist_name) as artist_name, sum(plays) as plays, sum(ms) as ms from (${u}) u group by key having sum(plays) > 0`;
    const sql = `with g as (${g}), top as (select * from g order by ${ORDER(by)}, ${NAME_ORDER} limit ${p.add(limit)})
      select g.key, g.id, g.name, g.artist_name, g.plays::text, g.ms::text, sa.artists, sa.image_url
      from top g left join marts.stg_albums sa on sa.album_id = g.id
      order by ${ORDER(by)}, ${NAME_ORDER}`;
    return this.rows<
      RankedRow & { artist_name: string | null; artists: Array<{ id: string; name: string }> | null; image_url: string | null }
    >(sql, p.values);
  }

  async topGenres(account: string, plan: RangePlan, by: By, limit: number) {
    const p = new Params();
    const a = p.add(account);
    const u = unionAll(
      [
        ...rollupParts(
          plan,
          p,
          a,
          'agg_daily_genres',
          'agg_period_genres',
          (x) => `${x}.genre as key, ${x}.plays::bigint as plays, ${x}.listening_ms::bigint as ms`,
          '',
          undefined,
          true,
        ),
        when(
          playRows(plan, p, a, 'f'),
          (c) =>
            `select ag.genre as key, 1::bigint as plays, f.listening_ms::bigint as ms from marts.fct_plays f join raw.artist_genres ag on ag.artist_id = f.artist_id where ${c}`,
        ),
      ],
      EMPTY('null::text as key, 0::bigint as plays, 0::bigint as ms', a),
    );
    const sql = `with g as (select key, key as name, sum(plays) as plays, sum(ms) as ms from (${u}) u group by key having sum(plays) > 0)
      select g.key, g.plays::text, g.ms::text from g order by ${ORDER(by)}, ${NAME_ORDER} limit ${p.add(limit)}`;
    return this.rows<{ key: string; plays: string; ms: string }>(sql, p.values);
  }

  /** Plays and listening time per bucket (a text label, or a number for weekday/hour). */
  async activity(account: string, plan: RangePlan, bucket: Bucket) {
    const p = new Params();
    const a = p.add(account);
    const label = (date: string, weekday: string, hour: string) =>
      ({
        day: `to_char(${date}, 'YYYY-MM-DD')`,
        week: `to_char(date_trunc('week', ${date})::date, 'YYYY-MM-DD')`,
        month: `to_char(${date}, 'YYYY-MM')`,
        year: `to_char(${date}, 'YYYY')`,
        weekday: `(${weekday})::text`,
        hour: `(${hour})::text`,
      })[bucket];
    // Hours come from the hourly rollups (whole months and years pre-summed); every other bucket from agg_daily.
    const whole = bucket === 'hour' ? [] : [wholeDays(plan, p, a, 'x')];
    const hourly =
      bucket === 'hour'
        ? rollupParts(
            plan,
            p,
            a,
            'agg_hourly',
            'agg_period_hourly',
            (x) => `${x}.hour::text as bucket, ${x}.plays::bigint as plays, ${x}.listening_ms::bigint as ms`,
            '',
            undefined,
            true,
          )
        : [];
    const rows = playRows(plan, p, a, 'f');
    const local = localExpr(plan, p, 'f');
    const u = unionAll(
      [
        ...hourly,
        ...whole.map(
          (w) =>
            w &&
            `select ${label('x.local_date', 'x.weekday', 'null')} as bucket, x.plays::bigint as plays, x.listening_ms::bigint as ms from marts.agg_daily x where ${w}`,
        ),
        rows &&
          `select ${label(local.date, local.weekday, local.hour)} as bucket, 1::bigint as plays, f.listening_ms::bigint as ms from marts.fct_plays f where ${rows}`,
      ],
      EMPTY('null::text as bucket, 0::bigint as plays, 0::bigint as ms', a),
    );
    const sql = `select bucket, sum(plays)::text as plays, sum(ms)::text as ms from (${u}) u group by bucket order by bucket`;
    return this.rows<{ bucket: string; plays: string; ms: string }>(sql, p.values);
  }

  async heatmap(account: string, plan: RangePlan) {
    const p = new Params();
    const a = p.add(account);
    const rows = playRows(plan, p, a, 'f');
    const local = localExpr(plan, p, 'f');
    const u = unionAll(
      [
        ...rollupParts(
          plan,
          p,
          a,
          'agg_hourly',
          'agg_period_hourly',
          (x) => `${x}.weekday::int as weekday, ${x}.hour::int as hour, ${x}.plays::bigint as plays, ${x}.listening_ms::bigint as ms`,
          '',
          undefined,
          true,
        ),
        rows &&
          `select ${local.weekday}::int as weekday, ${local.hour}::int as hour, 1::bigint as plays, f.listening_ms::bigint as ms from marts.fct_plays f where ${rows}`,
      ],
      EMPTY('0 as weekday, 0 as hour, 0::bigint as plays, 0::bigint as ms', a),
    );
    const sql = `select weekday, hour, sum(plays)::text as plays, sum(ms)::text as ms from (${u}) u group by weekday, hour`;
    return this.rows<{ weekday: number; hour: number; plays: string; ms: string }>(sql, p.values);
  }

  /** Local dates with at least one play inside the range, ascending. */
  async listeningDays(account: string, plan: RangePlan): Promise<string[]> {
    const p = new Params();
    const a = p.add(account);
    const whole = wholeDays(plan, p, a, 'x');
    const rows = playRows(plan, p, a, 'f');
    const local = localExpr(plan, p, 'f');
    const u = unionAll(
      [
        whole && `select x.local_date as d from marts.agg_daily x where ${whole}`,
        rows && `select ${local.date} as d from marts.fct_plays f where ${rows}`,
      ],
      EMPTY('null::date as d', a),
    );
    const result = await this.rows<{ d: string }>(`select distinct to_char(d, 'YYYY-MM-DD') as d from (${u}) u order by 1`, p.values);
    return result.map((r) => r.d);
  }

  async recent(account: string, plan: RangePlan, limit: number) {
    const p = new Params();
    const a = p.add(account);
    const sql = `select ${PLAY_ROW_COLUMNS}
      from (select * from marts.fct_plays f where f.account_id = ${a} and ${instantRange(plan, p, 'f.played_at')} order by f.played_at desc limit ${p.add(limit)}) f
      left join marts.stg_tracks st on st.track_id = f.track_id
      order by f.played_at desc`;
    return this.rows<PlayRow>(sql, p.values);
  }

  async discoveries(account: string, plan: RangePlan, limit: number) {
    const p = new Params();
    const a = p.add(account);
    const sql = `select d.item_key as key, d.item_id as id, d.item_name as name, d.first_played_at, ar.image_url
      from (select * from marts.mart_discoveries d where d.account_id = ${a} and d.kind = 'artist' and ${instantRange(plan, p, 'd.first_played_at')}
            order by d.first_played_at, d.item_key collate "C" limit ${p.add(limit)}) d
      left join raw.artists ar on ar.id = d.item_id
      order by d.first_played_at, d.item_key collate "C"`;
    return this.rows<{ key: string; id: string | null; name: string; first_played_at: Date; image_url: string | null }>(sql, p.values);
  }

  async discoveryCounts(account: string, plan: RangePlan) {
    const p = new Params();
    const a = p.add(account);
    const sql = `select count(*) filter (where d.kind = 'artist')::int as artists, count(*) filter (where d.kind = 'track')::int as tracks
      from marts.mart_discoveries d where d.account_id = ${a} and ${instantRange(plan, p, 'd.first_played_at')}`;
    const [row] = await this.rows<{ artists: number; tracks: number }>(sql, p.values);
    return row;
  }

  async sessions(account: string, plan: RangePlan, limit: number) {
    const p = new Params();
    const a = p.add(account);
    const sql = `select s.session_start, s.session_end, s.plays, s.distinct_tracks, s.listening_ms::text as ms
      from marts.mart_sessions s where s.account_id = ${a} and ${instantRange(plan, p, 's.session_start')}
      order by s.listening_ms desc, s.session_start limit ${p.add(limit)}`;
    return this.rows<{ session_start: Date; session_end: Date; plays: number; distinct_tracks: number; ms: string }>(sql, p.values);
  }
}
