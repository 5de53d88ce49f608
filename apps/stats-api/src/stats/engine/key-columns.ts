import type { By } from '../stats-range';
import { Catalog, Dimension } from './catalog';
import { PlayLog } from './play-log';
import { DAY_MS } from './zone-offsets';

/**
 * One dimension's plays summed per UTC day and key ("rows"), with the same rows summed per
 * calendar year and over all days, and both presorted in ranking order: a range's whole UTC days
 * are summed from these, its partial days and later plays from the play log (see key-queries.ts).
 * Rows of day i (an index of the UTC calendar's days) are [start[i], start[i + 1]).
 */
export interface KeyColumn {
  dim: Dimension;
  /** Keys known when the column was built: ids [0, keyCount) (later keys have no rows). */
  keyCount: number;
  /** Keys with at least one row. */
  keysWithRows: number;
  start: Int32Array;
  key: Int32Array;
  plays: Int32Array;
  ms: Float64Array;
  /** Day index of the same key's previous row (-1 for its first): a row starts its key in a range when prev < the range's first day. */
  prev: Int32Array;
  /** `prev` sorted ascending within each block of PREV_BLOCK_ROWS rows, so a range's distinct count reads whole blocks by binary search. */
  sortedPrev: Int32Array;
  /** Day indexes each key has rows on, ascending: [keyDayStart[k], keyDayStart[k + 1]) of keyDays. */
  keyDayStart: Int32Array;
  keyDays: Int32Array;
  /** Log indexes of each key's plays, ascending: [keyPlayStart[k], keyPlayStart[k + 1]) of keyPlays (an entity page reads its key's plays only). */
  keyPlayStart: Int32Array;
  keyPlays: Int32Array;
  totalPlays: Float64Array;
  totalMs: Float64Array;
  /** Calendar years of the days: year slot y holds day indexes [yearFirst[y], yearFirst[y + 1]). */
  yearFirst: Int32Array;
  /** The rows summed per year slot: rows of slot y are [yearStart[y], yearStart[y + 1]), ascending by key. */
  yearStart: Int32Array;
  yearKey: Int32Array;
  yearPlays: Float64Array;
  yearMs: Float64Array;
  /** Key id → position in the ranking's tie order: name, then key (code point order). */
  tieRank: Int32Array;
  /** Key ids in ranking order by total plays / listening time: the top of all days without summing. */
  totalOrder: Record<By, Int32Array>;
  /** Each year slot's rows in ranking order: the top of one calendar year without summing. */
  yearOrder: Record<By, Int32Array>;
}

export const PREV_BLOCK_ROWS = 1024;

/** The keys of `dim` a play counts toward (genres: each genre of its primary artist). */
export function keysOfPlay(log: PlayLog, catalog: Catalog, dim: Dimension, p: number, visit: (key: number) => void): void {
  if (dim === 'tracks') visit(log.track[p]);
  else if (dim === 'artists') visit(log.artist[p]);
  else if (dim === 'albums') {
    if (log.album[p] >= 0) visit(log.album[p]);
  } else for (const genre of catalog.artistGenres[log.artist[p]] ?? []) visit(genre);
}

/** Grows typed arrays while rows are added. */
class RowBuffer {
  n = 0;
  key = new Int32Array(1 << 12);
  plays = new Int32Array(1 << 12);
  ms = new Float64Array(1 << 12);
  prev = new Int32Array(1 << 12);

  push(key: number, plays: number, ms: number, prev: number): void {
    if (this.n === this.key.length) {
      const grow = <A extends Int32Array | Float64Array>(a: A): A => {
        const b = new (a.constructor as new (n: number) => A)(a.length * 2);
        b.set(a);
        return b;
      };
      [this.key, this.plays, this.ms, this.prev] = [grow(this.key), grow(this.plays), grow(this.ms), grow(this.prev)];
    }
    [this.key[this.n], this.plays[this.n], this.ms[this.n], this.prev[this.n]] = [key, plays, ms, prev];
    this.n++;
  }
}

/** Calendar-year slots of ascending day numbers: the index of each year's first day, then days.length. */
export function yearSlots(days: Int32Array): Int32Array {
  const firsts: number[] = [];
  let year = NaN;
  days.forEach((day, i) => {
    const y = new Date(day * DAY_MS).getUTCFullYear();
    if (y !== year) firsts.push(i);
    year = y;
  });
  firsts.push(days.length);
  return Int32Array.from(firsts);
}

/** Builds the column of `dim` over UTC days (plays of day i are log indexes [logStart[i], logStart[i + 1])). */
export function buildKeyColumn(log: PlayLog, catalog: Catalog, dim: Dimension, days: Int32Array, logStart: Int32Array): KeyColumn {
  const dictionary = catalog.dictionary(dim);
  const keyCount = dictionary.size;
  const sumPlays = new Int32Array(keyCount);
  const sumMs = new Float64Array(keyCount);
  const lastDay = new Int32Array(keyCount).fill(-1);
  const touched: number[] = [];
  const rows = new RowBuffer();
  const start = new Int32Array(days.length + 1);
  for (let i = 0; i < days.length; i++) {
    start[i] = rows.n;
    for (let p = logStart[i]; p < logStart[i + 1]; p++) {
      keysOfPlay(log, catalog, dim, p, (k) => {
        if (sumPlays[k] === 0) touched.push(k);
        sumPlays[k]++;
        sumMs[k] += log.ms[p];
      });
    }
    touched.sort((a, b) => a - b);
    for (const k of touched) {
      rows.push(k, sumPlays[k], sumMs[k], lastDay[k]);
      lastDay[k] = i;
      sumPlays[k] = 0;
      sumMs[k] = 0;
    }
    touched.length = 0;
  }
  start[days.length] = rows.n;
  const key = rows.key.slice(0, rows.n);
  const plays = rows.plays.slice(0, rows.n);
  const ms = rows.ms.slice(0, rows.n);
  const prev = rows.prev.slice(0, rows.n);
  const totalPlays = new Float64Array(keyCount);
  const totalMs = new Float64Array(keyCount);
  const keyDayStart = new Int32Array(keyCount + 1);
  for (let j = 0; j < key.length; j++) {
    totalPlays[key[j]] += plays[j];
    totalMs[key[j]] += ms[j];
    keyDayStart[key[j] + 1]++;
  }
  for (let k = 0; k < keyCount; k++) keyDayStart[k + 1] += keyDayStart[k];
  const keyDays = new Int32Array(key.length);
  const fill = keyDayStart.slice(0, keyCount);
  for (let i = 0; i < days.length; i++) for (let j = start[i]; j < start[i + 1]; j++) keyDays[fill[key[j]]++] = i;
  const { keyPlayStart, keyPlays } = playsByKey(log, catalog, dim, keyCount, logStart[days.length]);
  const sortedPrev = prev.slice();
  for (let b = 0; b < sortedPrev.length; b += PREV_BLOCK_ROWS) sortedPrev.subarray(b, b + PREV_BLOCK_ROWS).sort();
  const yearFirst = yearSlots(days);
  const years = yearRollup(key, plays, ms, start, yearFirst, keyCount);
  const tieRank = tieRanks(dictionary.keys.slice(0, keyCount), dictionary.names.slice(0, keyCount));
  const all = [0, keyCount];
  const self = (row: number) => row;
  const yearKey = (row: number) => years.yearKey[row];
  let keysWithRows = 0;
  for (let k = 0; k < keyCount; k++) if (keyDayStart[k + 1] > keyDayStart[k]) keysWithRows++;
  return {
    dim,
    keyCount,
    keysWithRows,
    start,
    key,
    plays,
    ms,
    prev,
    sortedPrev,
    keyDayStart,
    keyDays,
    keyPlayStart,
    keyPlays,
    totalPlays,
    totalMs,
    yearFirst,
    ...years,
    tieRank,
    totalOrder: { plays: rankedWithin(totalPlays, self, tieRank, all), minutes: rankedWithin(totalMs, self, tieRank, all) },
    yearOrder: {
      plays: rankedWithin(years.yearPlays, yearKey, tieRank, years.yearStart),
      minutes: rankedWithin(years.yearMs, yearKey, tieRank, years.yearStart),
    },
  };
}

/** Log plays [0, end) grouped by key, each key's ascending (a counting sort: two passes over the plays). */
function playsByKey(log: PlayLog, catalog: Catalog, dim: Dimension, keyCount: number, end: number) {
  const keyPlayStart = new Int32Array(keyCount + 1);
  for (let p = 0; p < end; p++) keysOfPlay(log, catalog, dim, p, (k) => keyPlayStart[k + 1]++);
  for (let k = 0; k < keyCount; k++) keyPlayStart[k + 1] += keyPlayStart[k];
  const keyPlays = new Int32Array(keyPlayStart[keyCount]);
  const fill = keyPlayStart.slice(0, keyCount);
  for (let p = 0; p < end; p++) keysOfPlay(log, catalog, dim, p, (k) => (keyPlays[fill[k]++] = p));
  return { keyPlayStart, keyPlays };
}

/** Sums day rows per year slot. */
function yearRollup(key: Int32Array, plays: Int32Array, ms: Float64Array, start: Int32Array, yearFirst: Int32Array, keyCount: number) {
  return sumPerSlot(yearFirst.length - 1, keyCount, (y, add) => {
    for (let j = start[yearFirst[y]]; j < start[yearFirst[y + 1]]; j++) add(key[j], plays[j], ms[j]);
  });
}

/**
 * Plays and listening time per key within each of `slots` slots, as rows ascending by key within a
 * slot (so one key's row is found by binary search): rows of slot y are [yearStart[y], yearStart[y + 1]).
 * `visit` hands slot y's contributions to `add`.
 */
export function sumPerSlot(
  slots: number,
  keyCount: number,
  visit: (slot: number, add: (key: number, plays: number, ms: number) => void) => void,
) {
  const sumPlays = new Float64Array(keyCount);
  const sumMs = new Float64Array(keyCount);
  const yearStart = new Int32Array(slots + 1);
  const keys: number[] = [];
  const outPlays: number[] = [];
  const outMs: number[] = [];
  for (let y = 0; y < slots; y++) {
    const touched: number[] = [];
    visit(y, (k, p, m) => {
      if (sumPlays[k] === 0) touched.push(k);
      sumPlays[k] += p;
      sumMs[k] += m;
    });
    touched.sort((a, b) => a - b);
    for (const k of touched) {
      keys.push(k);
      outPlays.push(sumPlays[k]);
      outMs.push(sumMs[k]);
      sumPlays[k] = 0;
      sumMs[k] = 0;
    }
    yearStart[y + 1] = keys.length;
  }
  return { yearStart, yearKey: Int32Array.from(keys), yearPlays: Float64Array.from(outPlays), yearMs: Float64Array.from(outMs) };
}

/** Code point order (PostgreSQL's "C" collation; JS `<` compares UTF-16 units, which differs above U+FFFF). */
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

/** Ranking ties: name, then key. */
export const compareNamed = (nameA: string, keyA: string, nameB: string, keyB: string): number =>
  compareC(nameA, nameB) || compareC(keyA, keyB);

function tieRanks(keys: string[], names: string[]): Int32Array {
  const ids = keys.map((_, id) => id).sort((a, b) => compareNamed(names[a], keys[a], names[b], keys[b]));
  const ranks = new Int32Array(ids.length);
  ids.forEach((id, position) => (ranks[id] = position));
  return ranks;
}

/** Rows [0, values.length) in ranking order (value descending, then tie order) within each slot [bounds[s], bounds[s + 1]). */
export function rankedWithin(
  values: Float64Array,
  keyOf: (row: number) => number,
  ties: Int32Array,
  bounds: ArrayLike<number>,
): Int32Array {
  const order = new Int32Array(values.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  for (let s = 0; s + 1 < bounds.length; s++)
    order.subarray(bounds[s], bounds[s + 1]).sort((a, b) => values[b] - values[a] || ties[keyOf(a)] - ties[keyOf(b)]);
  return order;
}

/** Bytes of a column: per row (key, plays, prev, sortedPrev, keyDays: 4 each; ms: 8), per play of a key (4) and per key (totals, tie rank, orders, play start). */
export function keyColumnBytes(col: KeyColumn): number {
  return col.key.length * 28 + col.yearKey.length * 28 + col.keyPlays.length * 4 + col.keyCount * 44;
}
