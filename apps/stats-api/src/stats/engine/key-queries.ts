import type { By } from '../stats-range';
import { Catalog, Dimension } from './catalog';
import { compareNamed, KeyColumn, keysOfPlay, PREV_BLOCK_ROWS } from './key-columns';
import { lowerBound, PlayLog } from './play-log';

/** A range as the key columns read it: whole UTC days [firstDay, endDay) (day indexes) plus plays of the log read one by one. */
export interface KeyRange {
  firstDay: number;
  endDay: number;
  /** Log index runs [start, end) outside the whole days (partial days, plays after the columns). */
  loose: Array<[start: number, end: number]>;
}

export interface KeyTotal {
  key: number;
  plays: number;
  ms: number;
}

/** Everything a key query reads. */
export interface KeyContext {
  log: PlayLog;
  catalog: Catalog;
  col: KeyColumn;
}

/** Per-dimension scratch sums, reused by every request (computations are synchronous) and zero again after each use. */
interface Scratch {
  plays: Float64Array;
  ms: Float64Array;
  /** Keys with a sum, in the order first summed; `listed` flags them. */
  touched: Int32Array;
  listed: Uint8Array;
  mark: Uint32Array;
  stamp: number;
}
const scratches = new Map<Dimension, Scratch>();

function scratchFor(catalog: Catalog, dim: Dimension): Scratch {
  const size = catalog.dictionary(dim).size;
  let s = scratches.get(dim);
  if (!s || s.plays.length < size) {
    const room = Math.max(size, 1024) * 2;
    s = {
      plays: new Float64Array(room),
      ms: new Float64Array(room),
      touched: new Int32Array(room),
      listed: new Uint8Array(room),
      mark: new Uint32Array(room),
      stamp: 0,
    };
    scratches.set(dim, s);
  }
  return s;
}

/**
 * Sums plays and listening time per key into the scratch: rows and plays can be added and taken
 * away (a year's rows less its days outside a range). `flush` hands each key's sums to `visit`
 * (keys whose sums came back to zero included) and clears the scratch.
 */
class KeySums {
  private readonly s: Scratch;
  private n = 0;

  constructor(ctx: KeyContext) {
    this.s = scratchFor(ctx.catalog, ctx.col.dim);
  }

  add(key: number, plays: number, ms: number): void {
    const s = this.s;
    if (!s.listed[key]) {
      s.listed[key] = 1;
      s.touched[this.n++] = key;
    }
    s.plays[key] += plays;
    s.ms[key] += ms;
  }

  has(key: number): boolean {
    return this.s.listed[key] === 1;
  }

  flush(visit: (key: number, plays: number, ms: number) => void): void {
    const s = this.s;
    for (let i = 0; i < this.n; i++) {
      const k = s.touched[i];
      visit(k, s.plays[k], s.ms[k]);
      s.plays[k] = 0;
      s.ms[k] = 0;
      s.listed[k] = 0;
    }
    this.n = 0;
  }
}

const hasPlays = (r: KeyRange) => r.endDay > r.firstDay || r.loose.some(([a, b]) => b > a);

/** Rows of the day indexes [first, end). */
const dayRows = (col: KeyColumn, first: number, end: number) => col.start[end] - col.start[first];

/**
 * Whether the whole days [first, end) of year slot y are cheaper to read as the year's rows less
 * the rows of its other days: a year in any zone but UTC is all of one UTC year but its edges.
 */
function readsYearRows(col: KeyColumn, y: number, first: number, end: number): boolean {
  const outside = dayRows(col, col.yearFirst[y], first) + dayRows(col, end, col.yearFirst[y + 1]);
  return col.yearStart[y + 1] - col.yearStart[y] + outside < dayRows(col, first, end);
}

/** Adds (sign 1) or takes away (sign -1) the day rows of the day indexes [first, end). */
function addDayRows(col: KeyColumn, sums: KeySums, first: number, end: number, sign: 1 | -1): void {
  for (let j = col.start[first]; j < col.start[end]; j++) sums.add(col.key[j], sign * col.plays[j], sign * col.ms[j]);
}

function addLoosePlays({ log, catalog, col }: KeyContext, sums: KeySums, r: KeyRange): void {
  for (const [a, b] of r.loose) for (let p = a; p < b; p++) keysOfPlay(log, catalog, col.dim, p, (k) => sums.add(k, 1, log.ms[p]));
}

/** The year slot holding the day index. */
function yearOfDay(col: KeyColumn, day: number): number {
  let y = 0;
  while (col.yearFirst[y + 1] <= day) y++;
  return y;
}

/** The precomputed span the whole days are: all days or exactly one calendar year (its slot), else null. */
function wholeSpan(col: KeyColumn, r: KeyRange): 'all' | number | null {
  if (r.endDay <= r.firstDay) return null;
  if (r.firstDay === 0 && r.endDay === col.start.length - 1) return 'all';
  const year = col.yearFirst.indexOf(r.firstDay);
  return year >= 0 && col.yearFirst[year + 1] === r.endDay ? year : null;
}

/** Key k's row in year slot y (rows of a slot ascend by key), or -1. */
function yearRowOf(col: KeyColumn, y: number, k: number): number {
  const at = lowerBound(col.yearKey, k, col.yearStart[y], col.yearStart[y + 1]);
  return at < col.yearStart[y + 1] && col.yearKey[at] === k ? at : -1;
}

/** Plays and listening time per key over the range, handed to `visit` (keys with plays only). */
export function sumByKey(ctx: KeyContext, r: KeyRange, visit: (key: number, plays: number, ms: number) => void): void {
  const { col } = ctx;
  const sums = new KeySums(ctx);
  if (r.firstDay === 0 && r.endDay === col.start.length - 1 && r.endDay > 0) {
    for (let k = 0; k < col.keyCount; k++) if (col.totalPlays[k] > 0) sums.add(k, col.totalPlays[k], col.totalMs[k]);
  } else {
    // Per year slot: its days' rows, or its year rows less the days outside the range when fewer.
    for (let i = r.firstDay, y = yearOfDay(col, i); i < r.endDay; y++) {
      const [yearFrom, yearTo] = [col.yearFirst[y], col.yearFirst[y + 1]];
      const end = Math.min(yearTo, r.endDay);
      if (readsYearRows(col, y, i, end)) {
        for (let j = col.yearStart[y]; j < col.yearStart[y + 1]; j++) sums.add(col.yearKey[j], col.yearPlays[j], col.yearMs[j]);
        addDayRows(col, sums, yearFrom, i, -1);
        addDayRows(col, sums, end, yearTo, -1);
      } else addDayRows(col, sums, i, end, 1);
      i = end;
    }
  }
  addLoosePlays(ctx, sums, r);
  sums.flush((k, plays, ms) => {
    if (plays > 0) visit(k, plays, ms);
  });
}

/** Rows j of [from, to) with prev[j] < first: whole blocks by binary search in sortedPrev, the rest one by one. */
function rowsNewSince(col: KeyColumn, from: number, to: number, first: number): number {
  let n = 0;
  let j = from;
  for (const end = Math.min(to, Math.ceil(from / PREV_BLOCK_ROWS) * PREV_BLOCK_ROWS); j < end; j++) if (col.prev[j] < first) n++;
  for (; j + PREV_BLOCK_ROWS <= to; j += PREV_BLOCK_ROWS) n += lowerBound(col.sortedPrev, first, j, j + PREV_BLOCK_ROWS) - j;
  for (; j < to; j++) if (col.prev[j] < first) n++;
  return n;
}

/** Whether key k has a row on a day index in [firstDay, endDay). */
function hasRowBetween(col: KeyColumn, k: number, firstDay: number, endDay: number): boolean {
  if (k >= col.keyCount || endDay <= firstDay) return false;
  const at = lowerBound(col.keyDays, firstDay, col.keyDayStart[k], col.keyDayStart[k + 1]);
  return at < col.keyDayStart[k + 1] && col.keyDays[at] < endDay;
}

/** The loose plays' distinct keys that `known` says no whole day of the range holds. */
function looseKeysNotIn({ log, catalog, col }: KeyContext, r: KeyRange, known: (key: number) => boolean): number {
  let n = 0;
  const s = scratchFor(catalog, col.dim);
  const stamp = ++s.stamp;
  for (const [a, b] of r.loose) {
    for (let p = a; p < b; p++) {
      keysOfPlay(log, catalog, col.dim, p, (k) => {
        if (s.mark[k] === stamp) return;
        s.mark[k] = stamp;
        if (!known(k)) n++;
      });
    }
  }
  return n;
}

/**
 * Distinct keys played in the range: those of the whole days, plus the loose plays' keys no whole
 * day of the range holds. `base`: presorted rows that are exactly the whole days (a zone's local year).
 */
export function distinctCount(ctx: KeyContext, r: KeyRange, base: PresortedBase | null = null): number {
  if (base && base.outside.length === 0) return base.to - base.from + looseKeysNotIn(ctx, r, (k) => base.rowOf(k) >= 0);
  const { col } = ctx;
  let n = 0;
  const span = wholeSpan(col, r);
  if (span === 'all') n = col.keysWithRows;
  else if (span !== null) n = col.yearStart[span + 1] - col.yearStart[span];
  else if (r.endDay > r.firstDay) n = rowsNewSince(col, col.start[r.firstDay], col.start[r.endDay], r.firstDay);
  return n + looseKeysNotIn(ctx, r, (k) => hasRowBetween(col, k, r.firstDay, r.endDay));
}

/**
 * The top `limit` keys of the range by plays or listening time; ties by name, then key. `base`:
 * presorted rows that hold the range's whole days exactly (a zone's local year), else chosen here.
 */
export function rankKeys(ctx: KeyContext, r: KeyRange, by: By, limit: number, base: PresortedBase | null = null): KeyTotal[] {
  const { col, catalog } = ctx;
  if (limit <= 0 || !hasPlays(r)) return [];
  const names = catalog.dictionary(col.dim).names;
  const keys = catalog.dictionary(col.dim).keys;
  const value = (x: KeyTotal) => (by === 'minutes' ? x.ms : x.plays);
  const ties = (a: number, b: number) =>
    a < col.keyCount && b < col.keyCount ? col.tieRank[a] - col.tieRank[b] : compareNamed(names[a], keys[a], names[b], keys[b]);
  const ranked = (list: KeyTotal[]) => list.sort((a, b) => value(b) - value(a) || ties(a.key, b.key)).slice(0, limit);
  const presorted = base ?? presortedBase(col, r, by);
  if (presorted) return ranked(topWithCorrections(ctx, r, presorted, by, limit));
  // Keep every key whose value reaches the limit-th best value seen so far (ties included), then sort those.
  let kept: KeyTotal[] = [];
  let floor = -Infinity;
  let cap = Math.max(64, limit * 4);
  sumByKey(ctx, r, (key, plays, ms) => {
    if ((by === 'minutes' ? ms : plays) < floor) return;
    kept.push({ key, plays, ms });
    if (kept.length >= cap) {
      const values = kept.map(value).sort((a, b) => b - a);
      floor = values[limit - 1];
      kept = kept.filter((x) => value(x) >= floor);
      cap = Math.max(cap, kept.length * 2);
    }
  });
  return ranked(kept);
}

/** Rows summed ahead and sorted in ranking order, with a key's row found by key. */
export interface PresortedBase {
  /** Row indexes in ranking order: [from, to) of order. */
  order: Int32Array;
  from: number;
  to: number;
  keyOf: (row: number) => number;
  plays: ArrayLike<number>;
  ms: ArrayLike<number>;
  rowOf: (key: number) => number;
  /** Whole days of the base outside the range: [first, end) day index runs whose rows are taken away. */
  outside: Array<[first: number, end: number]>;
}

/**
 * The presorted rows the range is cheapest to read from, corrected at its edges: all days when the
 * range covers them, or one year slot whose rows less a few edge days cover its whole days (a year in
 * any zone but UTC) — else null. Loose plays are corrections too.
 */
function presortedBase(col: KeyColumn, r: KeyRange, by: By): PresortedBase | null {
  if (r.endDay <= r.firstDay) return null;
  const loose = r.loose.reduce((n, [a, b]) => n + Math.max(0, b - a), 0);
  if (r.firstDay === 0 && r.endDay === col.start.length - 1) {
    if (loose >= col.keyCount) return null;
    const rowOf = (k: number) => (k < col.keyCount ? k : -1);
    return {
      order: col.totalOrder[by],
      from: 0,
      to: col.keyCount,
      keyOf: rowOf,
      plays: col.totalPlays,
      ms: col.totalMs,
      rowOf,
      outside: [],
    };
  }
  const y = yearOfDay(col, r.firstDay);
  const [yearFrom, yearTo] = [col.yearFirst[y], col.yearFirst[y + 1]];
  if (r.endDay > yearTo || !readsYearRows(col, y, r.firstDay, r.endDay)) return null;
  if (loose >= col.yearStart[y + 1] - col.yearStart[y]) return null;
  return {
    order: col.yearOrder[by],
    from: col.yearStart[y],
    to: col.yearStart[y + 1],
    keyOf: (row) => col.yearKey[row],
    plays: col.yearPlays,
    ms: col.yearMs,
    rowOf: (k) => (k < col.keyCount ? yearRowOf(col, y, k) : -1),
    outside: [
      [yearFrom, r.firstDay],
      [r.endDay, yearTo],
    ],
  };
}

/**
 * The top of presorted rows corrected by the range's edges: the keys of the days outside the range
 * and of the loose plays get their exact sums; any other key's sum is its row, so only the first
 * `limit` of those in ranking order can make the top.
 */
function topWithCorrections(ctx: KeyContext, r: KeyRange, base: PresortedBase, by: By, limit: number): KeyTotal[] {
  const sums = new KeySums(ctx);
  for (const [first, end] of base.outside) addDayRows(ctx.col, sums, first, end, -1);
  addLoosePlays(ctx, sums, r);
  const value = (x: KeyTotal) => (by === 'minutes' ? x.ms : x.plays);
  const candidates: KeyTotal[] = [];
  for (let i = base.from; i < base.to && candidates.length < limit; i++) {
    const row = base.order[i];
    const key = base.keyOf(row);
    if (base.plays[row] <= 0 || sums.has(key)) continue;
    candidates.push({ key, plays: base.plays[row], ms: base.ms[row] });
  }
  // With `limit` keys at this value or more already, a corrected key below it cannot make the top.
  const floor = candidates.length === limit ? value(candidates[limit - 1]) : -Infinity;
  sums.flush((key, plays, ms) => {
    const row = base.rowOf(key);
    const total = row < 0 ? { key, plays, ms } : { key, plays: plays + base.plays[row], ms: ms + base.ms[row] };
    if (total.plays > 0 && value(total) >= floor) candidates.push(total);
  });
  return candidates;
}
