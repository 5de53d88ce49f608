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
const scratches = new Map<string, { plays: Float64Array; ms: Float64Array; touched: Int32Array; mark: Uint32Array; stamp: number }>();

function scratchFor(catalog: Catalog, dim: Dimension) {
  const size = catalog.dictionary(dim).size;
  const id = `${dim}`;
  let s = scratches.get(id);
  if (!s || s.plays.length < size) {
    const room = Math.max(size, 1024) * 2;
    s = { plays: new Float64Array(room), ms: new Float64Array(room), touched: new Int32Array(room), mark: new Uint32Array(room), stamp: 0 };
    scratches.set(id, s);
  }
  return s;
}

const hasPlays = (r: KeyRange) => r.endDay > r.firstDay || r.loose.some(([a, b]) => b > a);

/** The precomputed span the whole days are: all days or exactly one calendar year (its slot), else null. */
function wholeSpan(col: KeyColumn, r: KeyRange): 'all' | number | null {
  if (r.endDay <= r.firstDay) return null;
  if (r.firstDay === 0 && r.endDay === col.start.length - 1) return 'all';
  const year = col.yearFirst.indexOf(r.firstDay);
  return year >= 0 && col.yearFirst[year + 1] === r.endDay ? year : null;
}

/** Plays and listening time per key over the range, handed to `visit`, then cleared. */
export function sumByKey({ log, catalog, col }: KeyContext, r: KeyRange, visit: (key: number, plays: number, ms: number) => void): void {
  const { plays, ms, touched } = scratchFor(catalog, col.dim);
  let n = 0;
  const add = (k: number, p: number, m: number) => {
    if (plays[k] === 0) touched[n++] = k;
    plays[k] += p;
    ms[k] += m;
  };
  const span = wholeSpan(col, r);
  if (span === 'all') {
    for (let k = 0; k < col.keyCount; k++) if (col.totalPlays[k] > 0) add(k, col.totalPlays[k], col.totalMs[k]);
  } else {
    // Whole calendar years inside the range from the year rows, other days from the day rows.
    const years = col.yearFirst;
    let y = 0;
    for (let i = r.firstDay; i < r.endDay;) {
      while (years[y + 1] <= i) y++;
      if (years[y] === i && years[y + 1] <= r.endDay) {
        for (let j = col.yearStart[y]; j < col.yearStart[y + 1]; j++) add(col.yearKey[j], col.yearPlays[j], col.yearMs[j]);
        i = years[y + 1];
      } else {
        const end = Math.min(years[y + 1], r.endDay);
        for (let j = col.start[i]; j < col.start[end]; j++) add(col.key[j], col.plays[j], col.ms[j]);
        i = end;
      }
    }
  }
  for (const [a, b] of r.loose) for (let p = a; p < b; p++) keysOfPlay(log, catalog, col.dim, p, (k) => add(k, 1, log.ms[p]));
  for (let i = 0; i < n; i++) {
    const k = touched[i];
    visit(k, plays[k], ms[k]);
    plays[k] = 0;
    ms[k] = 0;
  }
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

/** Distinct keys played in the range: those of the whole days, plus the loose plays' keys no whole day of the range holds. */
export function distinctCount({ log, catalog, col }: KeyContext, r: KeyRange): number {
  let n = 0;
  const span = wholeSpan(col, r);
  if (span === 'all') n = col.keysWithRows;
  else if (span !== null) n = col.yearStart[span + 1] - col.yearStart[span];
  else if (r.endDay > r.firstDay) n = rowsNewSince(col, col.start[r.firstDay], col.start[r.endDay], r.firstDay);
  const s = scratchFor(catalog, col.dim);
  const stamp = ++s.stamp;
  for (const [a, b] of r.loose) {
    for (let p = a; p < b; p++) {
      keysOfPlay(log, catalog, col.dim, p, (k) => {
        if (s.mark[k] === stamp) return;
        s.mark[k] = stamp;
        if (!hasRowBetween(col, k, r.firstDay, r.endDay)) n++;
      });
    }
  }
  return n;
}

/** The top `limit` keys of the range by plays or listening time; ties by name, then key. */
export function rankKeys(ctx: KeyContext, r: KeyRange, by: By, limit: number): KeyTotal[] {
  const { col, catalog } = ctx;
  if (limit <= 0 || !hasPlays(r)) return [];
  const names = catalog.dictionary(col.dim).names;
  const keys = catalog.dictionary(col.dim).keys;
  const loose = r.loose.some(([a, b]) => b > a);
  const span = loose ? null : wholeSpan(col, r);
  if (span !== null) {
    // Presorted: all days or one calendar year without loose plays.
    const [order, from, to, keyOf, plays, ms] =
      span === 'all'
        ? [col.totalOrder[by], 0, col.keyCount, null, col.totalPlays, col.totalMs]
        : [col.yearOrder[by], col.yearStart[span], col.yearStart[span + 1], col.yearKey, col.yearPlays, col.yearMs];
    const top: KeyTotal[] = [];
    for (let i = from; i < to && top.length < limit; i++) {
      const j = order[i];
      if (plays[j] <= 0) continue;
      top.push({ key: keyOf ? keyOf[j] : j, plays: plays[j], ms: ms[j] });
    }
    return top;
  }
  // Keep every key whose value reaches the limit-th best value seen so far (ties included), then sort those.
  let kept: KeyTotal[] = [];
  let floor = -Infinity;
  let cap = Math.max(64, limit * 4);
  const value = (x: KeyTotal) => (by === 'minutes' ? x.ms : x.plays);
  sumByKey(ctx, r, (key, plays, ms) => {
    if (plays <= 0) return;
    if ((by === 'minutes' ? ms : plays) < floor) return;
    kept.push({ key, plays, ms });
    if (kept.length >= cap) {
      const values = kept.map(value).sort((a, b) => b - a);
      floor = values[limit - 1];
      kept = kept.filter((x) => value(x) >= floor);
      cap = Math.max(cap, kept.length * 2);
    }
  });
  const ties = (a: number, b: number) =>
    a < col.keyCount && b < col.keyCount ? col.tieRank[a] - col.tieRank[b] : compareNamed(names[a], keys[a], names[b], keys[b]);
  return kept.sort((a, b) => value(b) - value(a) || ties(a.key, b.key)).slice(0, limit);
}
