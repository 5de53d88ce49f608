import type { PoolClient } from 'pg';
import { MARTS_VERSION_SQL } from '../stats.repository';
import {
  adjacentDays,
  compareC,
  DayIndex,
  Dimension,
  DIMENSIONS,
  isoOf,
  KeyColumn,
  NO_SESSIONS,
  withRollups,
  yearSlots,
} from './day-index';
import { emptyPlayLog, PlayLog } from './play-log';

/** Where each dimension's daily rows and all-time names live. */
const SOURCES: Record<Dimension, { table: string; key: string; names: string | null }> = {
  tracks: {
    table: 'agg_daily_tracks',
    key: 'track_key',
    names: 'select track_key, track_name from marts.agg_alltime_tracks where account_id = $1',
  },
  artists: {
    table: 'agg_daily_artists',
    key: 'artist_key',
    names: 'select artist_key, artist_name from marts.agg_alltime_artists where account_id = $1',
  },
  albums: {
    table: 'agg_daily_albums',
    key: 'album_key',
    names: 'select album_key, album_name from marts.agg_alltime_albums where account_id = $1',
  },
  genres: { table: 'agg_daily_genres', key: 'genre', names: null },
};

/** Days read per query: keeps the rows pg holds at once (and the event loop's slices) small. */
const DAYS_PER_QUERY = 90;

type Query = <T extends unknown[]>(text: string, values: unknown[]) => Promise<T[]>;

/** Grows typed arrays while rows arrive. */
class Columns {
  n = 0;
  key = new Int32Array(1 << 14);
  plays = new Int32Array(1 << 14);
  ms = new Float64Array(1 << 14);

  push(key: number, plays: number, ms: number): void {
    if (this.n === this.key.length) {
      const grow = <A extends Int32Array | Float64Array>(a: A): A => {
        const b = new (a.constructor as new (n: number) => A)(a.length * 2);
        b.set(a);
        return b;
      };
      this.key = grow(this.key);
      this.plays = grow(this.plays);
      this.ms = grow(this.ms);
    }
    this.key[this.n] = key;
    this.plays[this.n] = plays;
    this.ms[this.n] = ms;
    this.n++;
  }
}

/**
 * Reads the rows of `table` day by day, DAYS_PER_QUERY days per query: `select` lists the day number
 * first, `order` orders within a day. `add` takes each row; `added` tells how many it has taken.
 * Returns where each day's rows start (rows of day i are [start[i], start[i + 1])).
 */
async function readByDay<T extends [number, ...unknown[]]>(
  query: Query,
  accountId: string,
  days: Int32Array,
  from: { table: string; select: string; order: string },
  add: (row: T) => void,
  added: () => number,
): Promise<Int32Array> {
  const start = new Int32Array(days.length + 1);
  let di = -1;
  for (let c = 0; c < days.length; c += DAYS_PER_QUERY) {
    const to = c + DAYS_PER_QUERY < days.length ? isoOf(days[c + DAYS_PER_QUERY]) : isoOf(days[days.length - 1] + 1);
    const rows = await query<T>(
      `select local_date - date '1970-01-01', ${from.select} from marts.${from.table}
       where account_id = $1 and local_date >= $2::date and local_date < $3::date order by local_date, ${from.order}`,
      [accountId, isoOf(days[c]), to],
    );
    for (const row of rows) {
      const day = row[0];
      while (di < days.length - 1 && days[di + 1] <= day) start[++di] = added();
      if (di < 0 || days[di] !== day)
        throw new Error(`marts.${from.table} has plays on ${isoOf(day)}, which marts.agg_daily does not list`);
      add(row);
    }
  }
  for (let i = di + 1; i <= days.length; i++) start[i] = added();
  return start;
}

async function loadColumn(query: Query, accountId: string, dim: Dimension, days: Int32Array, yearFirst: Int32Array): Promise<KeyColumn> {
  const { table, key: keyColumn, names } = SOURCES[dim];
  const keys: string[] = [];
  const ids = new Map<string, number>();
  const cols = new Columns();
  const start = await readByDay<[number, string, number, number]>(
    query,
    accountId,
    days,
    { table, select: `${keyColumn}, plays, listening_ms::float8`, order: keyColumn },
    ([, k, plays, ms]) => {
      let id = ids.get(k);
      if (id === undefined) {
        id = keys.length;
        keys.push(k);
        ids.set(k, id);
      }
      cols.push(id, plays, ms);
    },
    () => cols.n,
  );
  const totalPlays = new Float64Array(keys.length);
  const totalMs = new Float64Array(keys.length);
  for (let j = 0; j < cols.n; j++) {
    totalPlays[cols.key[j]] += cols.plays[j];
    totalMs[cols.key[j]] += cols.ms[j];
  }
  const nameOf: Array<string | null> = dim === 'genres' ? keys.slice() : new Array(keys.length).fill(null);
  if (names) {
    for (const [k, name] of await query<[string, string | null]>(names, [accountId])) {
      const id = ids.get(k);
      if (id !== undefined) nameOf[id] = name;
    }
  }
  const key = cols.key.slice(0, cols.n);
  const col = {
    keys,
    ids,
    names: nameOf,
    start,
    key,
    plays: cols.plays.slice(0, cols.n),
    ms: cols.ms.slice(0, cols.n),
    ...adjacentDays(days, start, key, keys.length),
    totalPlays,
    totalMs,
  };
  return withRollups(col, yearFirst);
}

/** Every play of the account (see PlayLog), its keys as ids of the index's columns. */
async function loadPlayLog(query: Query, accountId: string, ix: DayIndex): Promise<PlayLog> {
  const { tracks, artists, albums, genres } = ix.dims;
  const n = ix.plays.reduce((sum, plays) => sum + plays, 0);
  const [at, ms, hours] = [new Float64Array(n), new Float64Array(n), new Uint8Array(n)];
  const [track, artist, album, genreArtist] = [new Int32Array(n), new Int32Array(n), new Int32Array(n), new Int32Array(n)];
  const idOf = (col: KeyColumn, key: string, name: string) => {
    const id = col.ids.get(key);
    if (id === undefined) throw new Error(`marts.fct_plays has a ${name} (${key}) no daily rollup holds`);
    return id;
  };
  let p = 0;
  const start = await readByDay<[number, number, number, number, string, string, string | null, boolean]>(
    query,
    accountId,
    ix.days,
    {
      table: 'fct_plays',
      select: `(extract(epoch from played_at) * 1000)::float8, hour, listening_ms::float8, track_key, artist_key, album_key, artist_id is not null`,
      order: 'played_at',
    },
    ([, playedAt, hour, listened, trackKey, artistKey, albumKey, hasArtistId]) => {
      if (p === n) throw new Error('marts.fct_plays holds more plays than marts.agg_daily counts');
      at[p] = playedAt;
      ms[p] = listened;
      hours[p] = hour;
      track[p] = idOf(tracks, trackKey, 'track_key');
      artist[p] = idOf(artists, artistKey, 'artist_key');
      album[p] = albumKey === null ? -1 : idOf(albums, albumKey, 'album_key');
      genreArtist[p] = hasArtistId ? artist[p] : -1;
      p++;
    },
    () => p,
  );
  if (p !== n) throw new Error(`marts.fct_plays holds ${p} plays where marts.agg_daily counts ${n}`);
  // Genres of each artist key with a Spotify id, as genre ids (or codes of genres no daily row holds).
  const byArtist: number[][] = Array.from({ length: artists.keys.length }, () => []);
  const unknown = new Map<string, number>();
  const artistGenres = await query<[string, string]>(
    `select x.artist_key, g.genre from marts.agg_alltime_artists x join raw.artist_genres g on g.artist_id = x.artist_id where x.account_id = $1`,
    [accountId],
  );
  for (const [artistKey, genre] of artistGenres) {
    const a = artists.ids.get(artistKey);
    if (a === undefined) continue;
    let code = genres.ids.get(genre);
    if (code === undefined) {
      if (!unknown.has(genre)) unknown.set(genre, -1 - unknown.size);
      code = unknown.get(genre)!;
    }
    byArtist[a].push(code);
  }
  const genreStart = new Int32Array(byArtist.length + 1);
  byArtist.forEach((codes, a) => (genreStart[a + 1] = genreStart[a] + codes.length));
  let ordered = true;
  for (let i = 1; i < n && ordered; i++) ordered = at[i - 1] < at[i];
  return {
    start,
    at,
    ms,
    hour: hours,
    track,
    artist,
    album,
    genreArtist,
    genreStart,
    genre: Int32Array.from(byArtist.flat()),
    unknownGenres: [...unknown.keys()],
    ordered,
  };
}

export interface LoadOutcome {
  version: string | null;
  /** Null when the account's plays and rollups (estimated before reading) hold more rows than `maxRows`. */
  index: DayIndex | null;
  rows: number;
}

/**
 * Reads an account's daily rollups and plays in one repeatable-read snapshot, so every array and the version
 * it is labelled with belong to the same state of the marts.
 */
export async function loadDayIndex(client: PoolClient, accountId: string, maxRows: number): Promise<LoadOutcome> {
  const query: Query = async <T extends unknown[]>(text: string, values: unknown[]) =>
    (await client.query({ text, values, rowMode: 'array' })).rows as T[];
  await client.query('begin isolation level repeatable read read only');
  try {
    const [[version, zone, estimate]] = await query<[string | null, string | null, number]>(
      `select (${MARTS_VERSION_SQL}),
         (select f.time_zone from marts.fct_plays f where f.account_id = $1 order by f.played_at desc limit 1),
         (select coalesce(sum(2 + d.plays + d.distinct_tracks + d.distinct_artists + d.distinct_albums), 0)::float8 from marts.agg_daily d where d.account_id = $1)`,
      [accountId],
    );
    if (estimate > maxRows) return { version, index: null, rows: estimate };
    const daily = await query<[number, number, number, number, number, number]>(
      `select local_date - date '1970-01-01', weekday, plays, listening_ms::float8,
         (extract(epoch from first_played_at) * 1000)::float8, (extract(epoch from last_played_at) * 1000)::float8
       from marts.agg_daily where account_id = $1 order by local_date`,
      [accountId],
    );
    const n = daily.length;
    const ix: DayIndex = {
      accountId,
      version,
      zone,
      days: Int32Array.from(daily, (r) => r[0]),
      yearFirst: new Int32Array(0),
      weekday: Uint8Array.from(daily, (r) => r[1]),
      plays: Float64Array.from(daily, (r) => r[2]),
      ms: Float64Array.from(daily, (r) => r[3]),
      first: Float64Array.from(daily, (r) => r[4]),
      last: Float64Array.from(daily, (r) => r[5]),
      hourPlays: new Float64Array(n * 24),
      hourMs: new Float64Array(n * 24),
      dims: {} as Record<Dimension, KeyColumn>,
      discovered: { artist: new Float64Array(0), track: new Float64Array(0) },
      firstArtists: { at: new Float64Array(0), keys: [] },
      log: emptyPlayLog(n),
      sessions: NO_SESSIONS,
      rows: 0,
    };
    const hourly = await query<[number, number, number, number]>(
      `select local_date - date '1970-01-01', hour, plays, listening_ms::float8 from marts.agg_hourly where account_id = $1 order by local_date, hour`,
      [accountId],
    );
    let di = 0;
    for (const [day, hour, plays, ms] of hourly) {
      while (di < n && ix.days[di] < day) di++;
      if (ix.days[di] !== day) throw new Error(`marts.agg_hourly has plays on ${isoOf(day)}, which marts.agg_daily does not list`);
      ix.hourPlays[di * 24 + hour] = plays;
      ix.hourMs[di * 24 + hour] = ms;
    }
    for (const kind of ['artist', 'track'] as const) {
      const firsts = await query<[number, string]>(
        `select (extract(epoch from first_played_at) * 1000)::float8, item_key from marts.mart_discoveries where account_id = $1 and kind = $2 order by first_played_at`,
        [accountId, kind],
      );
      ix.discovered[kind] = Float64Array.from(firsts, (r) => r[0]);
      if (kind === 'artist') {
        firsts.sort((a, b) => a[0] - b[0] || compareC(a[1], b[1]));
        ix.firstArtists = { at: Float64Array.from(firsts, (r) => r[0]), keys: firsts.map((r) => r[1]) };
      }
    }
    ix.yearFirst = yearSlots(ix.days);
    ix.rows = n * 2 + ix.discovered.artist.length + ix.discovered.track.length;
    for (const dim of DIMENSIONS) {
      ix.dims[dim] = await loadColumn(query, accountId, dim, ix.days, ix.yearFirst);
      ix.rows += ix.dims[dim].key.length + ix.dims[dim].yearKey.length;
    }
    ix.log = await loadPlayLog(query, accountId, ix);
    ix.rows += ix.log.at.length;
    const sessions = await query<[number, number, number, number, number]>(
      `select (extract(epoch from session_start) * 1000)::float8, (extract(epoch from session_end) * 1000)::float8, plays, distinct_tracks, listening_ms::float8
       from marts.mart_sessions where account_id = $1 order by session_start`,
      [accountId],
    );
    ix.sessions = {
      start: Float64Array.from(sessions, (r) => r[0]),
      end: Float64Array.from(sessions, (r) => r[1]),
      plays: Int32Array.from(sessions, (r) => r[2]),
      tracks: Int32Array.from(sessions, (r) => r[3]),
      ms: Float64Array.from(sessions, (r) => r[4]),
    };
    ix.rows += sessions.length;
    return { version, index: ix, rows: ix.rows };
  } finally {
    await client.query('rollback');
  }
}
