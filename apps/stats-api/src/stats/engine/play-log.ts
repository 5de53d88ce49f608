import type { Catalog } from './catalog';
import { behaviourFlags, PlayBehaviour, platformCode, ReasonDictionary } from './play-behaviour';

export const SOURCES = ['poll', 'extended_history', 'account_data'] as const;
export type PlaySource = (typeof SOURCES)[number];

/**
 * Every play of an account (marts.fct_plays) in instant order, column by column: its keys are ids of
 * the account's Catalog. Plays [0, count) are valid; the arrays may be longer (room for appended plays).
 */
export interface PlayLog {
  count: number;
  /** played_at, epoch ms, strictly ascending (one play per account and instant). */
  at: Float64Array;
  /** Listening time (ms). */
  ms: Float64Array;
  /** msBefore[i]: listening time of plays [0, i) (length count + 1): a range's total is one subtraction. */
  msBefore: Float64Array;
  track: Int32Array;
  artist: Int32Array;
  /** -1: the play has no album. */
  album: Int32Array;
  /** Index into SOURCES. */
  source: Uint8Array;
  /** Listening behaviour (play-behaviour.ts): flag bits, platform family code, reason codes (0: none). */
  behaviour: Uint8Array;
  platform: Uint8Array;
  reasonStart: Uint8Array;
  reasonEnd: Uint8Array;
  /** The names of the reason codes; shared by the logs made from this one (codes only ever get added). */
  reasons: ReasonDictionary;
}

/** One play as read from marts.fct_plays. */
export interface PlayRow extends PlayBehaviour {
  at: number;
  ms: number;
  source: string;
  trackKey: string;
  trackId: string | null;
  trackName: string | null;
  artistKey: string;
  artistId: string | null;
  artistName: string;
  albumKey: string | null;
  albumId: string | null;
  albumName: string | null;
}

/** Bytes one play costs in the log's columns (at, ms, msBefore: 8 each; keys: 4 each; source: 1; behaviour: 4 × 1). */
export const PLAY_LOG_BYTES_PER_PLAY = 8 * 3 + 4 * 3 + 1 + 4;

export function emptyPlayLog(capacity: number, reasons = new ReasonDictionary()): PlayLog {
  return {
    count: 0,
    at: new Float64Array(capacity),
    ms: new Float64Array(capacity),
    msBefore: new Float64Array(capacity + 1),
    track: new Int32Array(capacity),
    artist: new Int32Array(capacity),
    album: new Int32Array(capacity),
    source: new Uint8Array(capacity),
    behaviour: new Uint8Array(capacity),
    platform: new Uint8Array(capacity),
    reasonStart: new Uint8Array(capacity),
    reasonEnd: new Uint8Array(capacity),
    reasons,
  };
}

/** A log holding the first `keep` plays of `log` and room for `capacity` plays in all. */
export function copyPlayLog(log: PlayLog, keep: number, capacity: number): PlayLog {
  const copy = emptyPlayLog(Math.max(capacity, keep), log.reasons);
  copy.at.set(log.at.subarray(0, keep));
  copy.ms.set(log.ms.subarray(0, keep));
  copy.msBefore.set(log.msBefore.subarray(0, keep + 1));
  copy.track.set(log.track.subarray(0, keep));
  copy.artist.set(log.artist.subarray(0, keep));
  copy.album.set(log.album.subarray(0, keep));
  copy.source.set(log.source.subarray(0, keep));
  copy.behaviour.set(log.behaviour.subarray(0, keep));
  copy.platform.set(log.platform.subarray(0, keep));
  copy.reasonStart.set(log.reasonStart.subarray(0, keep));
  copy.reasonEnd.set(log.reasonEnd.subarray(0, keep));
  copy.count = keep;
  return copy;
}

/** Appends a play (rows in instant order, after every play the log holds); the log must have room. */
export function appendPlay(log: PlayLog, catalog: Catalog, row: PlayRow): void {
  const i = log.count;
  if (i === log.at.length) throw new Error('the play log is full');
  if (i > 0 && row.at <= log.at[i - 1]) throw new Error('plays must be appended in instant order');
  const artist = catalog.addArtist(row.artistKey, row.artistName, row.artistId);
  const album = row.albumKey === null ? -1 : catalog.addAlbum(row.albumKey, row.albumName, row.albumId, row.artistName);
  log.at[i] = row.at;
  log.ms[i] = row.ms;
  log.msBefore[i + 1] = log.msBefore[i] + row.ms;
  log.track[i] = catalog.addTrack(row.trackKey, row.trackName, { trackId: row.trackId, artist, album });
  log.artist[i] = artist;
  log.album[i] = album;
  const source = (SOURCES as readonly string[]).indexOf(row.source);
  log.source[i] = source < 0 ? 0 : source;
  log.behaviour[i] = behaviourFlags(row);
  log.platform[i] = platformCode(row.platform);
  log.reasonStart[i] = log.reasons.codeOf(row.reasonStart);
  log.reasonEnd[i] = log.reasons.codeOf(row.reasonEnd);
  log.count = i + 1;
}

/** First index of an ascending array (or of its part [lo, hi)) whose value is >= `x`. */
export function lowerBound(sorted: ArrayLike<number>, x: number, lo = 0, hi = sorted.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The plays inside [from, to) (null = unbounded), as indexes [start, end) of the log. */
export function playsBetween(log: PlayLog, from: number | null, to: number | null): [start: number, end: number] {
  const start = from === null ? 0 : lowerBound(log.at, from, 0, log.count);
  const end = to === null ? log.count : lowerBound(log.at, to, 0, log.count);
  return [start, Math.max(start, end)];
}

/** Where the values of an ascending array inside [from, to) are (null = unbounded): their indexes [start, end). */
export function between(sorted: ArrayLike<number>, from: number | null, to: number | null): [start: number, end: number] {
  const start = from === null ? 0 : lowerBound(sorted, from);
  const end = to === null ? sorted.length : lowerBound(sorted, to);
  return [start, Math.max(start, end)];
}
