import { between, DayIndex, Dimension, EdgeCell, EdgeKey, Edges, keyScratch, lowerBound } from './day-index';

/**
 * Every play of an account (marts.fct_plays), held with its daily rollups so that the partial edge
 * days of a range are summed in memory too: grouped by listening day, each day's plays by played_at.
 */
export interface PlayLog {
  /** Plays of listening day i (DayIndex.days[i]) are [start[i], start[i + 1]). */
  start: Int32Array;
  /** played_at (epoch ms) and listening time. */
  at: Float64Array;
  ms: Float64Array;
  /** Local hour (the day's weekday is DayIndex.weekday). */
  hour: Uint8Array;
  /** Key ids in the tracks, artists and albums columns (album -1: none). */
  track: Int32Array;
  artist: Int32Array;
  album: Int32Array;
  /** Artist key id whose genres the play counts toward: its primary artist's, -1 when that artist has no Spotify id. */
  genreArtist: Int32Array;
  /** Genres of artist key id a: [genreStart[a], genreStart[a + 1]) of `genre`, as genre key ids, or -(1 + u) for unknownGenres[u]. */
  genreStart: Int32Array;
  genre: Int32Array;
  /** Genres an artist has that no daily genre row holds yet (added after the rollups were built). */
  unknownGenres: string[];
  /** Whether `at` ascends across days too (true unless the account's plays are in several zones), so the latest plays before an instant are found by binary search. */
  ordered: boolean;
}

/** What a computation reads of the edge days: per-hour cells (totals, days, hours) and/or per-key sums. */
export interface EdgeNeeds {
  cells?: boolean;
  dims?: readonly Dimension[];
}

/** A log without plays for `days` listening days. */
export function emptyPlayLog(days: number): PlayLog {
  const none = new Int32Array(0);
  return {
    start: new Int32Array(days + 1),
    at: new Float64Array(0),
    ms: new Float64Array(0),
    hour: new Uint8Array(0),
    track: none,
    artist: none,
    album: none,
    genreArtist: none,
    genreStart: new Int32Array(1),
    genre: none,
    unknownGenres: [],
    ordered: true,
  };
}

/** A run [from, to) of the plays of listening day i. */
type Slice = [i: number, from: number, to: number];

/**
 * The plays of a range's partial edge days (local day in `edgeDays`, played_at in [from, to), as
 * stats-range.ts planRange splits a range), summed per day and hour and per key of the dimensions asked for.
 */
export function edgesOf(ix: DayIndex, edgeDays: readonly number[], from: number | null, to: number | null, needs: EdgeNeeds): Edges {
  const { log } = ix;
  const slices: Slice[] = [];
  for (const day of edgeDays) {
    const i = lowerBound(ix.days, day);
    if (ix.days[i] !== day || slices.some(([j]) => j === i)) continue;
    const [a, b] = between(log.at, from, to, log.start[i], log.start[i + 1]);
    if (b > a) slices.push([i, a, b]);
  }
  const edges: Edges = { keys: {} };
  if (needs.cells) edges.cells = cellsOf(ix, slices);
  for (const dim of needs.dims ?? []) edges.keys[dim] = dim === 'genres' ? genreSums(ix, slices) : keySums(ix, dim, slices);
  return edges;
}

function cellsOf(ix: DayIndex, slices: Slice[]): EdgeCell[] {
  const { log } = ix;
  const cells: EdgeCell[] = [];
  for (const [i, a, b] of slices) {
    const byHour = new Array<EdgeCell | undefined>(24);
    for (let p = a; p < b; p++) {
      const at = log.at[p];
      const cell = (byHour[log.hour[p]] ??= {
        day: ix.days[i],
        weekday: ix.weekday[i],
        hour: log.hour[p],
        plays: 0,
        ms: 0,
        first: at,
        last: at,
      });
      cell.plays++;
      cell.ms += log.ms[p];
      if (at < cell.first) cell.first = at;
      if (at > cell.last) cell.last = at;
    }
    for (const cell of byHour) if (cell) cells.push(cell);
  }
  return cells;
}

function keySums(ix: DayIndex, dim: Exclude<Dimension, 'genres'>, slices: Slice[]): EdgeKey[] {
  const col = ix.dims[dim];
  const keyOf = dim === 'tracks' ? ix.log.track : dim === 'artists' ? ix.log.artist : ix.log.album;
  const { plays, ms, touched } = keyScratch(col);
  let n = 0;
  for (const [, a, b] of slices) {
    for (let p = a; p < b; p++) {
      const k = keyOf[p];
      if (k < 0) continue;
      if (plays[k] === 0) touched[n++] = k;
      plays[k]++;
      ms[k] += ix.log.ms[p];
    }
  }
  const out: EdgeKey[] = [];
  for (let t = 0; t < n; t++) {
    const k = touched[t];
    out.push({ key: col.keys[k], id: k, plays: plays[k], ms: ms[k] });
    plays[k] = 0;
    ms[k] = 0;
  }
  return out;
}

/** A play counts once toward each genre of its primary artist (agg_daily_genres). */
function genreSums(ix: DayIndex, slices: Slice[]): EdgeKey[] {
  const { log } = ix;
  const sums = new Map<number, EdgeKey>();
  for (const [, a, b] of slices) {
    for (let p = a; p < b; p++) {
      const artist = log.genreArtist[p];
      if (artist < 0) continue;
      for (let g = log.genreStart[artist]; g < log.genreStart[artist + 1]; g++) {
        const code = log.genre[g];
        const sum = sums.get(code);
        if (sum) {
          sum.plays++;
          sum.ms += log.ms[p];
        } else if (code >= 0) sums.set(code, { key: ix.dims.genres.keys[code], id: code, plays: 1, ms: log.ms[p] });
        else sums.set(code, { key: log.unknownGenres[-1 - code], plays: 1, ms: log.ms[p] });
      }
    }
  }
  return [...sums.values()];
}
