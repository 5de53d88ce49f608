/**
 * An account's daily rollups (agg_daily, agg_hourly, agg_daily_{tracks,artists,albums,genres}) held
 * column-wise in memory, and the exact range computations stats-api answers from them: whole local
 * days come from the arrays, partial edge days from sums of their plays passed in (EdgeCell, EdgeKey;
 * see play-log.ts), exactly as the SQL path splits a range (see stats-range.ts planRange).
 */
import type { By } from '../stats-range';
import type { PlayLog } from './play-log';

export const DIMENSIONS = ['tracks', 'artists', 'albums', 'genres'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** One dimension of the daily rollups: rows of day i are [start[i], start[i + 1]). */
export interface KeyColumn {
  /** Key id → key (track_key, artist_key, album_key or genre). */
  keys: string[];
  ids: Map<string, number>;
  /** Key id → name used to break ties in rankings (the SQL path's `name collate "C" nulls last`). */
  names: Array<string | null>;
  start: Int32Array;
  key: Int32Array;
  plays: Int32Array;
  ms: Float64Array;
  /** Day number of the same key's previous row (-2^31 for its first): a row starts a key in a range when prev < the range's first day. */
  prev: Int32Array;
  /** `prev` sorted ascending within each block of `prevBlockRows` rows: distinctCount counts whole blocks by binary search. */
  sortedPrev: Int32Array;
  prevBlockRows: number;
  /** Day number of the same key's next row (2^31 - 1 for its last). */
  next: Int32Array;
  /** Key id → plays and listening time over every day (answers ranges covering all days without reading rows). */
  totalPlays: Float64Array;
  totalMs: Float64Array;
  /** The same rows summed per calendar year: rows of year slot y are [yearStart[y], yearStart[y + 1]). */
  yearStart: Int32Array;
  yearKey: Int32Array;
  yearPlays: Float64Array;
  yearMs: Float64Array;
  /** Key id → the key's position in the ranking's tie order: name ("C", nulls last), then key ("C"). */
  tieRank: Int32Array;
  /** Key ids in ranking order (see rank) by total plays, and by total listening time: the top of all days without summing. */
  totalOrder: Record<By, Int32Array>;
  /** Each year slot's rows in ranking order by plays, and by listening time: the top of one calendar year without summing. */
  yearOrder: Record<By, Int32Array>;
}

export interface DayIndex {
  accountId: string;
  /** Marts version (last finished transform run) the rows were read at. */
  version: string | null;
  /** Zone the marts' local dates are in (fct_plays.time_zone of the latest play). */
  zone: string | null;
  /** Listening days, ascending, as day numbers (days since 1970-01-01). */
  days: Int32Array;
  weekday: Uint8Array;
  plays: Float64Array;
  ms: Float64Array;
  /** First and last play of each day (epoch ms). */
  first: Float64Array;
  last: Float64Array;
  /** Calendar years of the days: year slot y holds day indexes [yearFirst[y], yearFirst[y + 1]). */
  yearFirst: Int32Array;
  /** Per day and local hour: index day * 24 + hour. */
  hourPlays: Float64Array;
  hourMs: Float64Array;
  dims: Record<Dimension, KeyColumn>;
  /** First plays (mart_discoveries.first_played_at, epoch ms, ascending) of each artist and track. */
  discovered: { artist: Float64Array; track: Float64Array };
  /** The artist discoveries in answer order (first play, then key in "C" order): their first plays and keys. */
  firstArtists: { at: Float64Array; keys: string[] };
  /** Every play, for the partial edge days of ranges. */
  log: PlayLog;
  /** Listening sessions (marts.mart_sessions). */
  sessions: Sessions;
  /** Rows held (plays included), for the memory budget. */
  rows: number;
}

/** Listening sessions, ascending by start: start and end (epoch ms), plays, distinct tracks, listening time. */
export interface Sessions {
  start: Float64Array;
  end: Float64Array;
  plays: Int32Array;
  tracks: Int32Array;
  ms: Float64Array;
}

export const NO_SESSIONS: Sessions = {
  start: new Float64Array(0),
  end: new Float64Array(0),
  plays: new Int32Array(0),
  tracks: new Int32Array(0),
  ms: new Float64Array(0),
};

/** Plays of the partial edge days inside the range, per local day and hour. */
export interface EdgeCell {
  day: number;
  weekday: number;
  hour: number;
  plays: number;
  ms: number;
  /** First and last play (epoch ms). */
  first: number;
  last: number;
}

/** Plays of the partial edge days inside the range, per key of one dimension. */
export interface EdgeKey {
  key: string;
  /** The key's id in its column, when the sums were made with the index's ids (else looked up by key). */
  id?: number;
  plays: number;
  ms: number;
}

/** What the range reads beyond whole days, as far as it was asked for (undefined = not read). */
export interface Edges {
  cells?: EdgeCell[];
  keys: Partial<Record<Dimension, EdgeKey[]>>;
}

function cellsOf(r: DayRange): EdgeCell[] {
  if (!r.edges.cells) throw new Error("the range's edge cells were not read");
  return r.edges.cells;
}

/** Whole days [i1, i2) of `days` (day numbers [lo, hi)), plus the edge days' plays. */
export interface DayRange {
  i1: number;
  i2: number;
  lo: number;
  hi: number;
  edgeDays: number[];
  edges: Edges;
}

export interface Ranked {
  key: string;
  name: string | null;
  plays: number;
  ms: number;
}

/** Day number of an ISO date (YYYY-MM-DD). */
export const dayOf = (iso: string): number =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
const isoDates = new Map<number, string>();
/** ISO date of a day number (memoized: answers label hundreds of days each). */
export const isoOf = (day: number): string => {
  let iso = isoDates.get(day);
  if (iso === undefined) {
    iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
    if (isoDates.size < 100_000) isoDates.set(day, iso);
  }
  return iso;
};

/** Calendar-year slots of ascending day numbers: the index of each year's first day, then days.length. */
export function yearSlots(days: Int32Array): Int32Array {
  const firsts: number[] = [];
  let year = NaN;
  days.forEach((day, i) => {
    const y = new Date(day * 86_400_000).getUTCFullYear();
    if (y !== year) firsts.push(i);
    year = y;
  });
  firsts.push(days.length);
  return Int32Array.from(firsts);
}

/** Sums a column's day rows per year slot (see yearSlots), keys in first-seen order. */
function yearRollup(
  col: Pick<KeyColumn, 'keys' | 'start' | 'key' | 'plays' | 'ms'>,
  yearFirst: Int32Array,
): Pick<KeyColumn, 'yearStart' | 'yearKey' | 'yearPlays' | 'yearMs'> {
  const plays = new Float64Array(col.keys.length);
  const ms = new Float64Array(col.keys.length);
  const yearStart = new Int32Array(yearFirst.length);
  const keys: number[] = [];
  const outPlays: number[] = [];
  const outMs: number[] = [];
  for (let y = 0; y + 1 < yearFirst.length; y++) {
    const touched: number[] = [];
    for (let j = col.start[yearFirst[y]]; j < col.start[yearFirst[y + 1]]; j++) {
      const k = col.key[j];
      if (plays[k] === 0 && ms[k] === 0) touched.push(k);
      plays[k] += col.plays[j];
      ms[k] += col.ms[j];
    }
    for (const k of touched) {
      keys.push(k);
      outPlays.push(plays[k]);
      outMs.push(ms[k]);
      plays[k] = 0;
      ms[k] = 0;
    }
    yearStart[y + 1] = keys.length;
  }
  return { yearStart, yearKey: Int32Array.from(keys), yearPlays: Float64Array.from(outPlays), yearMs: Float64Array.from(outMs) };
}

/** See KeyColumn.tieRank. */
function tieRanks(col: Pick<KeyColumn, 'keys' | 'names'>): Int32Array {
  const ids = Array.from(col.keys, (_, id) => id).sort((a, b) => compareNamed(col.names[a], col.keys[a], col.names[b], col.keys[b]));
  const ranks = new Int32Array(ids.length);
  ids.forEach((id, position) => (ranks[id] = position));
  return ranks;
}

/** Rows [0, values.length) in ranking order (value descending, then tie order) within each slot [bounds[s], bounds[s + 1]). */
function rankedWithin(values: Float64Array, keyOf: (row: number) => number, ties: Int32Array, bounds: ArrayLike<number>): Int32Array {
  const order = new Int32Array(values.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  for (let s = 0; s + 1 < bounds.length; s++)
    order.subarray(bounds[s], bounds[s + 1]).sort((a, b) => values[b] - values[a] || ties[keyOf(a)] - ties[keyOf(b)]);
  return order;
}

/** Rows per block of KeyColumn.sortedPrev: a range's distinct count reads at most two blocks row by row. */
export const PREV_BLOCK_ROWS = 1024;

/** A column's day rows completed with their year rollups, the ranking orders rank reads and the sorted blocks of prev (see KeyColumn). */
export function withRollups(
  col: Omit<KeyColumn, keyof ReturnType<typeof yearRollup> | 'tieRank' | 'totalOrder' | 'yearOrder' | 'sortedPrev' | 'prevBlockRows'>,
  yearFirst: Int32Array,
  prevBlockRows = PREV_BLOCK_ROWS,
): KeyColumn {
  const sortedPrev = col.prev.slice();
  for (let b = 0; b < sortedPrev.length; b += prevBlockRows) sortedPrev.subarray(b, b + prevBlockRows).sort();
  const years = yearRollup(col, yearFirst);
  const ties = tieRanks(col);
  const all = [0, col.keys.length];
  const id = (row: number) => row;
  const yearKey = (row: number) => years.yearKey[row];
  return {
    ...col,
    ...years,
    sortedPrev,
    prevBlockRows,
    tieRank: ties,
    totalOrder: { plays: rankedWithin(col.totalPlays, id, ties, all), minutes: rankedWithin(col.totalMs, id, ties, all) },
    yearOrder: {
      plays: rankedWithin(years.yearPlays, yearKey, ties, years.yearStart),
      minutes: rankedWithin(years.yearMs, yearKey, ties, years.yearStart),
    },
  };
}

/** First index of an ascending array (or of its part [lo, hi)) whose value is >= `x`. */
export function lowerBound(sorted: Int32Array | Float64Array, x: number, lo = 0, hi = sorted.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The whole days [d1, d2) (ISO dates, null = unbounded; none when `whole` is false), the edge dates and their plays. */
export function dayRange(ix: DayIndex, d1: string | null, d2: string | null, whole: boolean, edgeDates: string[], edges: Edges): DayRange {
  const edgeDays = edgeDates.map(dayOf);
  const lo = d1 === null ? -Infinity : dayOf(d1);
  const hi = d2 === null ? Infinity : dayOf(d2);
  if (!whole) return { i1: 0, i2: 0, lo, hi, edgeDays, edges };
  return {
    i1: d1 === null ? 0 : lowerBound(ix.days, lo),
    i2: d2 === null ? ix.days.length : lowerBound(ix.days, hi),
    lo,
    hi,
    edgeDays,
    edges,
  };
}

export function totals(ix: DayIndex, r: DayRange): { plays: number; ms: number; first: number | null; last: number | null } {
  let plays = 0;
  let ms = 0;
  for (let i = r.i1; i < r.i2; i++) {
    plays += ix.plays[i];
    ms += ix.ms[i];
  }
  let first = r.i2 > r.i1 ? ix.first[r.i1] : null;
  let last = r.i2 > r.i1 ? ix.last[r.i2 - 1] : null;
  for (const e of cellsOf(r)) {
    plays += e.plays;
    ms += e.ms;
    if (first === null || e.first < first) first = e.first;
    if (last === null || e.last > last) last = e.last;
  }
  return { plays, ms, first, last };
}

function edgeKeys(r: DayRange, dim: Dimension): EdgeKey[] {
  const keys = r.edges.keys[dim];
  if (!keys) throw new Error(`the range's edge keys of ${dim} were not read`);
  return keys;
}

/** Per-column scratch sums and touched key ids, reused by every request (computations are synchronous); zero again after each use. */
const scratch = new WeakMap<KeyColumn, { plays: Float64Array; ms: Float64Array; touched: Int32Array }>();

export function keyScratch(col: KeyColumn): { plays: Float64Array; ms: Float64Array; touched: Int32Array } {
  let s = scratch.get(col);
  if (!s)
    scratch.set(
      col,
      (s = { plays: new Float64Array(col.keys.length), ms: new Float64Array(col.keys.length), touched: new Int32Array(col.keys.length) }),
    );
  return s;
}

/**
 * Plays and listening time per key over the range, handed to `visit` (key id, or -1 with the key for
 * an edge key the column does not know, e.g. one first played after the build), then cleared.
 */
function sumByKey(
  ix: DayIndex,
  dim: Dimension,
  r: DayRange,
  visit: (id: number, key: string | null, plays: number, ms: number) => void,
): void {
  const col = ix.dims[dim];
  const { plays, ms, touched } = keyScratch(col);
  let n = 0;
  if (r.i1 === 0 && r.i2 === col.start.length - 1) {
    for (let k = 0; k < col.keys.length; k++) {
      if (col.totalPlays[k] === 0) continue;
      touched[n++] = k;
      plays[k] = col.totalPlays[k];
      ms[k] = col.totalMs[k];
    }
  } else {
    // Whole calendar years inside the range from the year rows, other days from the day rows.
    const years = ix.yearFirst;
    let y = 0;
    for (let i = r.i1; i < r.i2;) {
      while (years[y + 1] <= i) y++;
      let from: number;
      let to: number;
      let keys: Int32Array;
      let p: Int32Array | Float64Array;
      let m: Float64Array;
      if (years[y] === i && years[y + 1] <= r.i2) {
        [from, to, keys, p, m] = [col.yearStart[y], col.yearStart[y + 1], col.yearKey, col.yearPlays, col.yearMs];
        i = years[y + 1];
      } else {
        const end = Math.min(years[y + 1], r.i2);
        [from, to, keys, p, m] = [col.start[i], col.start[end], col.key, col.plays, col.ms];
        i = end;
      }
      for (let j = from; j < to; j++) {
        const k = keys[j];
        if (plays[k] === 0) touched[n++] = k;
        plays[k] += p[j];
        ms[k] += m[j];
      }
    }
  }
  const unknown: EdgeKey[] = [];
  for (const e of edgeKeys(r, dim)) {
    const k = e.id ?? col.ids.get(e.key);
    if (k === undefined) {
      unknown.push(e);
      continue;
    }
    if (plays[k] === 0) touched[n++] = k;
    plays[k] += e.plays;
    ms[k] += e.ms;
  }
  for (let i = 0; i < n; i++) {
    const k = touched[i];
    visit(k, null, plays[k], ms[k]);
    plays[k] = 0;
    ms[k] = 0;
  }
  for (const u of unknown) visit(-1, u.key, u.plays, u.ms);
}

/** Rows j of [from, to) with prev[j] < first: whole blocks by binary search in sortedPrev, the rest one by one. */
function rowsNewSince(col: KeyColumn, from: number, to: number, first: number): number {
  const size = col.prevBlockRows;
  let n = 0;
  let j = from;
  for (const end = Math.min(to, Math.ceil(from / size) * size); j < end; j++) if (col.prev[j] < first) n++;
  for (; j + size <= to; j += size) n += lowerBound(col.sortedPrev, first, j, j + size) - j;
  for (; j < to; j++) if (col.prev[j] < first) n++;
  return n;
}

/** The precomputed span a range's whole days are, if any: all days, or exactly one calendar year (its slot). */
function wholeSpan(ix: DayIndex, r: DayRange): 'all' | number | null {
  if (r.i2 <= r.i1) return null;
  if (r.i1 === 0 && r.i2 === ix.days.length) return 'all';
  const year = ix.yearFirst.indexOf(r.i1);
  return year >= 0 && ix.yearFirst[year + 1] === r.i2 ? year : null;
}

/** Per-column marks of the edge keys still to place (stamped per call, so never cleared). */
const marks = new WeakMap<KeyColumn, { mark: Uint32Array; stamp: number }>();

/**
 * Distinct keys played in the range: the whole days' rows that are their key's first in the range
 * (prev < first day) — or the key count of all days, or of exactly one year — plus the edge keys that
 * occur on no whole day of the range, which their own row on the edge day tells: next occurrence
 * before the range's end (leading edge), previous occurrence from its start (trailing edge).
 */
export function distinctCount(ix: DayIndex, dim: Dimension, r: DayRange): number {
  const col = ix.dims[dim];
  let n = 0;
  if (r.i2 > r.i1) {
    const span = wholeSpan(ix, r);
    if (span === 'all') n = col.keys.length;
    else if (span !== null) n = col.yearStart[span + 1] - col.yearStart[span];
    else n = rowsNewSince(col, col.start[r.i1], col.start[r.i2], ix.days[r.i1]);
  }
  const edge = edgeKeys(r, dim);
  if (edge.length === 0) return n;
  let m = marks.get(col);
  if (!m) marks.set(col, (m = { mark: new Uint32Array(col.keys.length), stamp: 0 }));
  const stamp = ++m.stamp;
  const { mark } = m;
  let unplaced = 0;
  for (const { key, id } of edge) {
    const k = id ?? col.ids.get(key);
    if (k === undefined)
      n++; // not in the index at all: new
    else if (mark[k] !== stamp) {
      mark[k] = stamp;
      unplaced++;
    }
  }
  const whole = r.i2 > r.i1;
  for (const day of r.edgeDays) {
    const i = lowerBound(ix.days, day);
    if (ix.days[i] !== day) continue;
    for (let j = col.start[i]; j < col.start[i + 1]; j++) {
      const k = col.key[j];
      if (mark[k] !== stamp) continue;
      mark[k] = 0;
      unplaced--;
      const inWholeDays = whole && (day < r.lo ? col.next[j] < r.hi : col.prev[j] >= r.lo);
      if (!inWholeDays) n++;
    }
  }
  return n + unplaced;
}

/** Where the values of an ascending array (or of its part [lo, hi)) inside [from, to) are (null = unbounded): their indexes [start, end). */
export function between(
  sorted: Float64Array,
  from: number | null,
  to: number | null,
  lo = 0,
  hi = sorted.length,
): [start: number, end: number] {
  return [from === null ? lo : lowerBound(sorted, from, lo, hi), to === null ? hi : lowerBound(sorted, to, lo, hi)];
}

/** The prev and next columns of day rows (see KeyColumn). */
export function adjacentDays(
  days: Int32Array,
  start: Int32Array,
  key: Int32Array,
  keyCount: number,
): { prev: Int32Array; next: Int32Array } {
  const prev = new Int32Array(key.length);
  const next = new Int32Array(key.length).fill(2 ** 31 - 1);
  const lastDay = new Int32Array(keyCount).fill(-(2 ** 31));
  const lastRow = new Int32Array(keyCount).fill(-1);
  for (let i = 0; i < days.length; i++) {
    for (let j = start[i]; j < start[i + 1]; j++) {
      const k = key[j];
      prev[j] = lastDay[k];
      if (lastRow[k] >= 0) next[lastRow[k]] = days[i];
      lastDay[k] = days[i];
      lastRow[k] = j;
    }
  }
  return { prev, next };
}

/** PostgreSQL's "C" collation: code point order (JS `<` compares UTF-16 units, which differs above U+FFFF). */
export function compareC(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const surrogate = (c: number) => c >= 0xd800 && c <= 0xdfff;
    if (!surrogate(x) && !surrogate(y)) return x - y;
    return (a.codePointAt(i) ?? 0) - (b.codePointAt(i) ?? 0);
  }
  return a.length - b.length;
}

/** Tie order of the SQL path: name (C, nulls last), then key (C). */
function compareNamed(nameA: string | null, keyA: string, nameB: string | null, keyB: string): number {
  if (nameA !== nameB) {
    if (nameA === null) return 1;
    if (nameB === null) return -1;
    const c = compareC(nameA, nameB);
    if (c !== 0) return c;
  }
  return compareC(keyA, keyB);
}

/** A key of a range's sums: its id, or -1 for a key the index does not know. */
interface Candidate extends Ranked {
  id: number;
}

/** Ranking order of the SQL path: value desc, then the tie order (precomputed for keys the index knows). */
function rankOrder(by: By, tieRank: Int32Array) {
  return (a: Candidate, b: Candidate): number =>
    (by === 'minutes' ? b.ms - a.ms : b.plays - a.plays) ||
    (a.id >= 0 && b.id >= 0 ? tieRank[a.id] - tieRank[b.id] : compareNamed(a.name, a.key, b.name, b.key));
}

/** Per-key sums of a range in ranking order (see KeyColumn.totalOrder): rows [from, to) of `order`. */
interface SortedSums {
  order: Int32Array;
  from: number;
  to: number;
  /** Row → key id (null: rows are key ids). */
  keyOf: Int32Array | null;
  plays: Float64Array;
  ms: Float64Array;
}

/** The range's sums when the index holds them summed and sorted: all days or exactly one calendar year, and no edge plays. */
function presortedSums(ix: DayIndex, dim: Dimension, r: DayRange, by: By): SortedSums | null {
  const col = ix.dims[dim];
  const span = edgeKeys(r, dim).length > 0 ? null : wholeSpan(ix, r);
  if (span === null) return null;
  if (span === 'all')
    return { order: col.totalOrder[by], from: 0, to: col.keys.length, keyOf: null, plays: col.totalPlays, ms: col.totalMs };
  return {
    order: col.yearOrder[by],
    from: col.yearStart[span],
    to: col.yearStart[span + 1],
    keyOf: col.yearKey,
    plays: col.yearPlays,
    ms: col.yearMs,
  };
}

/** The first `limit` keys of sums already in ranking order. */
function topOfSorted(col: KeyColumn, s: SortedSums, limit: number): Ranked[] {
  const top: Ranked[] = [];
  for (let i = s.from; i < s.to && top.length < limit; i++) {
    const j = s.order[i];
    if (s.plays[j] <= 0) continue;
    const id = s.keyOf ? s.keyOf[j] : j;
    top.push({ key: col.keys[id], name: col.names[id], plays: s.plays[j], ms: s.ms[j] });
  }
  return top;
}

/** The top `limit` keys of the range by plays or listening time; ties broken by name then key. */
export function rank(ix: DayIndex, dim: Dimension, r: DayRange, by: By, limit: number): Ranked[] {
  const col = ix.dims[dim];
  if (limit <= 0) return [];
  const sorted = presortedSums(ix, dim, r, by);
  if (sorted) return topOfSorted(col, sorted, limit);
  // Keep every key whose value reaches the limit-th best value seen so far (ties included), then sort those.
  let kept: Candidate[] = [];
  let floor = -Infinity;
  // Prune when `kept` reaches `cap`; the cap grows with what survives (many ties), so pruning stays amortized O(n log n).
  let cap = Math.max(64, limit * 4);
  const value = (x: Candidate) => (by === 'minutes' ? x.ms : x.plays);
  sumByKey(ix, dim, r, (id, key, plays, ms) => {
    if (plays <= 0) return;
    const v = by === 'minutes' ? ms : plays;
    if (v < floor) return;
    kept.push(
      id >= 0
        ? { id, key: col.keys[id], name: col.names[id], plays, ms }
        : { id, key: key!, name: dim === 'genres' ? key : null, plays, ms },
    );
    if (kept.length >= cap) {
      const values = kept.map(value).sort((a, b) => b - a);
      floor = values[limit - 1];
      kept = kept.filter((x) => value(x) >= floor);
      cap = Math.max(cap, kept.length * 2);
    }
  });
  return kept
    .sort(rankOrder(by, col.tieRank))
    .slice(0, limit)
    .map(({ key, name, plays, ms }) => ({ key, name, plays, ms }));
}

export interface DayTotal {
  day: number;
  weekday: number;
  plays: number;
  ms: number;
}

/** Plays and listening time per listening day of the range, ascending. */
export function byDay(ix: DayIndex, r: DayRange): DayTotal[] {
  const out: DayTotal[] = [];
  for (let i = r.i1; i < r.i2; i++) out.push({ day: ix.days[i], weekday: ix.weekday[i], plays: ix.plays[i], ms: ix.ms[i] });
  const edges = new Map<number, DayTotal>();
  for (const e of cellsOf(r)) {
    const d = edges.get(e.day) ?? { day: e.day, weekday: e.weekday, plays: 0, ms: 0 };
    d.plays += e.plays;
    d.ms += e.ms;
    edges.set(e.day, d);
  }
  if (edges.size === 0) return out;
  return [...out, ...edges.values()].sort((a, b) => a.day - b.day);
}

/** Plays and listening time per weekday (0 = Monday) and hour: index weekday * 24 + hour. */
export function hourOfWeek(ix: DayIndex, r: DayRange): { plays: Float64Array; ms: Float64Array } {
  const plays = new Float64Array(168);
  const ms = new Float64Array(168);
  for (let i = r.i1; i < r.i2; i++) {
    const base = ix.weekday[i] * 24;
    for (let h = 0; h < 24; h++) {
      plays[base + h] += ix.hourPlays[i * 24 + h];
      ms[base + h] += ix.hourMs[i * 24 + h];
    }
  }
  for (const e of cellsOf(r)) {
    plays[e.weekday * 24 + e.hour] += e.plays;
    ms[e.weekday * 24 + e.hour] += e.ms;
  }
  return { plays, ms };
}
