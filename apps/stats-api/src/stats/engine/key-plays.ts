import type { By } from '../stats-range';
import type { AccountState } from './account-state';
import { Dimension, KeyDictionary } from './catalog';
import { compareNamed, keysOfPlay } from './key-columns';
import { KeyContext, KeyRange, KeyTotal, sumByKey } from './key-queries';
import { lowerBound, playsBetween } from './play-log';
import { splitRange } from './range-split';

/**
 * The plays of one key (a track, an artist, an album or a genre), found through its dimension's
 * key column: the column lists each key's plays (keyPlays), so a key's plays cost its own plays,
 * never a scan of the days it was played on. Plays after the columns (the recent ones) are read
 * one by one.
 */

/** The range's split for key sums (the UTC calendar's whole days plus loose plays). */
export const keyRangeOf = (state: AccountState, from: number | null, to: number | null): KeyRange =>
  splitRange(state.blocks.utc, state.log, from, to);

export const keyContextOf = (state: AccountState, dim: Dimension): KeyContext => ({
  log: state.log,
  catalog: state.catalog,
  col: state.blocks.columns[dim],
});

/** Whether log play p counts toward key k of dim (genres: each genre of the play's primary artist). */
function matcher(state: AccountState, dim: Dimension, k: number): (p: number) => boolean {
  const { log } = state;
  if (dim === 'tracks') return (p) => log.track[p] === k;
  if (dim === 'artists') return (p) => log.artist[p] === k;
  if (dim === 'albums') return (p) => log.album[p] === k;
  const withGenre = artistsWithGenre(state, k);
  return (p) => withGenre[log.artist[p]] === 1;
}

/** Artist ids (1) that have genre g. */
function artistsWithGenre(state: AccountState, g: number): Uint8Array {
  const { catalog } = state;
  const out = new Uint8Array(catalog.artists.size);
  catalog.artistGenres.forEach((genres, artist) => {
    if (genres.includes(g)) out[artist] = 1;
  });
  return out;
}

/**
 * Where the plays of key k among log plays [lo, hi) are: log runs [runs[i], runs[i + 1]) to read
 * (the key's own plays from its column, then the recent plays after the columns), in instant
 * order, and the test a play of a run passes: `(marks ? marks[keys[p]] : keys[p]) === target`
 * (every play of the key's own runs passes it). Callers loop inline (a million plays of a broad
 * genre cost a few milliseconds that way, not a call per play).
 */
export interface KeyScan {
  runs: ArrayLike<number>;
  keys: Int32Array;
  marks: Uint8Array | null;
  target: number;
}

export function keyScan(state: AccountState, dim: Dimension, k: number, lo: number, hi: number): KeyScan {
  const { blockedPlays, columns } = state.blocks;
  const { log } = state;
  const col = columns[dim];
  const own = k < col.keyCount ? ownPlays(col.keyPlays, col.keyPlayStart[k], col.keyPlayStart[k + 1], lo, Math.min(hi, blockedPlays)) : [];
  const recentFrom = Math.max(blockedPlays, lo);
  const runs = hi > recentFrom ? [...own, recentFrom, hi] : own;
  const keys = dim === 'tracks' ? log.track : dim === 'artists' ? log.artist : dim === 'albums' ? log.album : log.artist;
  return dim === 'genres' ? { runs, keys, marks: artistsWithGenre(state, k), target: 1 } : { runs, keys, marks: null, target: k };
}

/** The plays of postings [start, end) within [lo, hi) as runs, consecutive plays joined. */
function ownPlays(postings: Int32Array, start: number, end: number, lo: number, hi: number): number[] {
  const runs: number[] = [];
  if (hi <= lo) return runs;
  for (let i = lowerBound(postings, lo, start, end); i < end && postings[i] < hi; i++) {
    const p = postings[i];
    if (runs.length && runs[runs.length - 1] === p) runs[runs.length - 1] = p + 1;
    else runs.push(p, p + 1);
  }
  return runs;
}

/** Log indexes of the first and last play ever of key k (null when it has none). */
export function firstAndLastPlay(state: AccountState, dim: Dimension, k: number): { first: number; last: number } | null {
  const { blockedPlays, columns } = state.blocks;
  const col = columns[dim];
  const matches = matcher(state, dim, k);
  const [start, end] = k < col.keyCount ? [col.keyPlayStart[k], col.keyPlayStart[k + 1]] : [0, 0];
  let first = start < end ? col.keyPlays[start] : -1;
  let last = -1;
  for (let p = state.log.count - 1; p >= blockedPlays && last < 0; p--) if (matches(p)) last = p;
  if (first < 0) for (let p = blockedPlays; p < state.log.count && first < 0; p++) if (matches(p)) first = p;
  if (last < 0 && start < end) last = col.keyPlays[end - 1];
  return first < 0 || last < 0 ? null : { first, last };
}

/** The key's id when the account has played it (a key the catalog holds may have lost its plays to a later run). */
export function playedKey(state: AccountState, dim: Dimension, key: string): number | null {
  const k = state.catalog.dictionary(dim).idOf(key);
  return k === undefined || firstAndLastPlay(state, dim, k) === null ? null : k;
}

/** Ranking order of every list: plays (or listening time) descending, then name, then key. */
export function rankOrder(dictionary: KeyDictionary, by: By): (a: KeyTotal, b: KeyTotal) => number {
  const { names, keys } = dictionary;
  return (a, b) =>
    (by === 'minutes' ? b.ms - a.ms : b.plays - a.plays) || compareNamed(names[a.key], keys[a.key], names[b.key], keys[b.key]);
}

/** The first `limit` totals in `order`, without sorting them all: most are refused by one comparison with the worst kept. */
export function topOf(totals: Iterable<KeyTotal>, order: (a: KeyTotal, b: KeyTotal) => number, limit: number): KeyTotal[] {
  const top: KeyTotal[] = [];
  if (limit <= 0) return top;
  for (const t of totals) {
    if (top.length === limit && order(t, top[limit - 1]) >= 0) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (order(top[mid], t) <= 0) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, t);
    if (top.length > limit) top.pop();
  }
  return top;
}

/** The sums arrays of one dictionary, shared by its tallies: a key's sums count while its stamp is the live tally's. */
interface TallyScratch {
  plays: Float64Array;
  ms: Float64Array;
  stamp: Uint32Array;
  generation: number;
  owner: Tally | null;
}

const scratches = new WeakMap<KeyDictionary, TallyScratch>();

function scratchOf(dictionary: KeyDictionary): TallyScratch {
  let scratch = scratches.get(dictionary);
  if (!scratch || scratch.plays.length < dictionary.size) {
    const size = Math.max(dictionary.size, 16);
    scratch = { plays: new Float64Array(size), ms: new Float64Array(size), stamp: new Uint32Array(size), generation: 0, owner: null };
    scratches.set(dictionary, scratch);
  }
  return scratch;
}

/**
 * Sums per key id of one dictionary made while reading plays, then ranked like every top list. The
 * arrays are the dictionary's scratch (an entity page read tens of thousands of plays into arrays
 * of the whole catalog, allocated per request): one tally of a dictionary is live at a time, the
 * next one made ends the previous (which then refuses to add or rank).
 */
export class Tally {
  private readonly scratch: TallyScratch;
  private readonly generation: number;
  private readonly touched: number[] = [];

  constructor(private readonly dictionary: KeyDictionary) {
    this.scratch = scratchOf(dictionary);
    this.generation = this.scratch.generation = (this.scratch.generation + 1) >>> 0 || 1;
    this.scratch.owner = this;
  }

  /** Adds a play of `key` (a negative key, a play without an album, is left out). */
  add(key: number, ms: number): void {
    if (key < 0) return;
    const s = this.scratch;
    if (s.owner !== this) throw new Error('a newer tally of this dictionary replaced this one');
    if (s.stamp[key] !== this.generation) {
      s.stamp[key] = this.generation;
      s.plays[key] = 0;
      s.ms[key] = 0;
      this.touched.push(key);
    }
    s.plays[key]++;
    s.ms[key] += ms;
  }

  top(by: By, limit: number): KeyTotal[] {
    const s = this.scratch;
    if (s.owner !== this) throw new Error('a newer tally of this dictionary replaced this one');
    const totals = this.touched.map((key) => ({ key, plays: s.plays[key], ms: s.ms[key] }));
    return topOf(totals, rankOrder(this.dictionary, by), limit);
  }
}

/**
 * Where `keys` rank among every key of the dimension played in the range (the rank each would have
 * in the range's top list with no limit), with their sums; keys without plays in the range are
 * absent. One pass over the range's sums: each key is placed among the given keys by binary search.
 */
export function ranksOf(ctx: KeyContext, r: KeyRange, by: By, keys: number[]): Map<number, { rank: number; plays: number; ms: number }> {
  const dictionary = ctx.catalog.dictionary(ctx.col.dim);
  const { names } = dictionary;
  const wanted = new Set(keys);
  // Every key's sums in typed arrays (no object per key), the given keys' as totals.
  const size = dictionary.size;
  const ids = new Int32Array(size);
  const values = new Float64Array(size);
  let n = 0;
  const items: KeyTotal[] = [];
  sumByKey(ctx, r, (key, plays, ms) => {
    if (plays <= 0) return;
    ids[n] = key;
    values[n++] = by === 'minutes' ? ms : plays;
    if (wanted.has(key)) items.push({ key, plays, ms });
  });
  items.sort(rankOrder(dictionary, by));
  const itemValue = items.map((t) => (by === 'minutes' ? t.ms : t.plays));
  const count = new Float64Array(items.length + 1);
  for (let j = 0; j < n; j++) {
    const key = ids[j];
    const value = values[j];
    // Items that precede key j: [0, lo).
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const other = items[mid].key;
      const before =
        other !== key &&
        (itemValue[mid] > value ||
          (itemValue[mid] === value && compareNamed(names[other], dictionary.keys[other], names[key], dictionary.keys[key]) < 0));
      if (before) lo = mid + 1;
      else hi = mid;
    }
    count[lo]++;
  }
  const out = new Map<number, { rank: number; plays: number; ms: number }>();
  let rank = 0;
  items.forEach((item, i) => {
    rank += count[i];
    out.set(item.key, { rank, plays: item.plays, ms: item.ms });
  });
  return out;
}

/**
 * Plays and listening time in [from, to) of the keys marked in `wanted` (1). A key's plays in the
 * range are two binary searches in its own plays, its listening time a walk over them; when the
 * wanted keys hold more plays than a quarter of the range, the range's sums over every key are
 * read instead (a sequential pass beats random reads of the log). Recent plays after the columns
 * are read one by one.
 */
export function totalsOfKeys(state: AccountState, dim: Dimension, wanted: Uint8Array, from: number | null, to: number | null): KeyTotal[] {
  const { log, catalog } = state;
  const { blockedPlays, columns } = state.blocks;
  const col = columns[dim];
  const [lo, hi] = playsBetween(log, from, to);
  let wantedPlays = 0;
  for (let k = 0; k < Math.min(wanted.length, col.keyCount); k++)
    if (wanted[k] === 1) wantedPlays += col.keyPlayStart[k + 1] - col.keyPlayStart[k];
  const out: KeyTotal[] = [];
  if (wantedPlays * 4 > hi - lo) {
    sumByKey(keyContextOf(state, dim), keyRangeOf(state, from, to), (key, plays, ms) => {
      if (plays > 0 && wanted[key] === 1) out.push({ key, plays, ms });
    });
    return out;
  }
  const ownEnd = Math.min(hi, blockedPlays);
  const plays = new Float64Array(wanted.length);
  const ms = new Float64Array(wanted.length);
  for (let k = 0; k < Math.min(wanted.length, col.keyCount); k++) {
    if (wanted[k] !== 1) continue;
    const end = col.keyPlayStart[k + 1];
    for (let i = lowerBound(col.keyPlays, lo, col.keyPlayStart[k], end); i < end && col.keyPlays[i] < ownEnd; i++) {
      plays[k]++;
      ms[k] += log.ms[col.keyPlays[i]];
    }
  }
  for (let p = Math.max(blockedPlays, lo); p < hi; p++)
    keysOfPlay(log, catalog, dim, p, (k) => {
      if (wanted[k] !== 1) return;
      plays[k]++;
      ms[k] += log.ms[p];
    });
  for (let k = 0; k < wanted.length; k++) if (plays[k] > 0) out.push({ key: k, plays: plays[k], ms: ms[k] });
  return out;
}
