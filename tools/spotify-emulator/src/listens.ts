import type { Catalog } from './catalog';
import { Rng, hash32, pickCumulative } from './rng';

export const DAY_MS = 86_400_000;

/**
 * One listen (one stream of one item), the unit of truth of the emulator.
 * - `startMs`: when it started (millisecond precision);
 * - `endMs = startMs + msPlayed`: when it ended. The privacy export reports it as `ts`, truncated
 *   to the second; recently-played reports it as `played_at`, at the end or up to
 *   REPORT_LAG_MAX_MS before it (see reportedAtMs).
 */
export interface Listen {
  /** per listener, increasing with startMs for generated listens */
  seq: number;
  kind: 'track' | 'episode' | 'unknown';
  /** track index (kind=track) or episode index (kind=episode); -1 for unknown */
  itemIndex: number;
  startMs: number;
  msPlayed: number;
  endMs: number;
  incognito: boolean;
  shuffle: boolean;
  /** null on old rows, like real exports */
  skipped: boolean | null;
  offline: boolean;
  /** Unix ms when the listen was played offline (exports write it in seconds or ms, by generation) */
  offlineTimestamp: number | null;
  reasonStart: string;
  reasonEnd: string;
  platform: string;
  country: string;
  context: { type: 'album' | 'artist' | 'playlist'; id: string } | null;
}

/** Spotify lists a listen at the end of it, or up to this many ms before the end. */
export const REPORT_LAG_MAX_MS = 10_000;

/**
 * recently-played's `played_at` of a listen: its end, or a few seconds before it (real
 * trackers saw a listen that stopped at 13:22:39 listed at 13:22:21). Deterministic per listen.
 * Listens of 30 s or more are listed, so the instant always lies well after the start.
 */
export function reportedAtMs(l: Listen): number {
  return l.endMs - (hash32('report-lag', l.seq, l.startMs) % (REPORT_LAG_MAX_MS + 1));
}

/** What recently-played can ever show: music, >= 30 s, not in a private session. */
export function isExposed(l: Listen): boolean {
  return l.kind === 'track' && l.msPlayed >= 30_000 && !l.incognito;
}

export interface ListenerHabits {
  /** average listening sessions per day */
  sessionsPerDay: number;
  /** average tracks per session */
  tracksPerSession: number;
  /** probability a track is skipped */
  skipRate: number;
  /** probability a session is private (incognito) */
  privateRate: number;
  /** probability a session is a podcast session (when the listener follows shows) */
  podcastRate: number;
  /** favourite artists from day one */
  favourites: number;
  /** new artists discovered per day */
  discoveryPerDay: number;
  /** offset of the listener's local time from UTC, minutes (drives the daily rhythm) */
  tzOffsetMinutes: number;
  country: string;
  platforms: string[];
}

export interface ListenerProfile {
  id: string;
  seedKey: string;
  historyStartMs: number;
  habits: ListenerHabits;
  /** artist indexes in the order the listener gets to know them */
  artistOrder: Int32Array;
  followedShows: number[];
  /** 24 weights, weekdays and weekends */
  rhythmWeekday: number[];
  rhythmWeekend: number[];
}

const PLATFORMS = ['android', 'ios', 'windows', 'osx', 'web_player', 'linux', 'cast_to_device', 'not_applicable'];
const COUNTRIES = ['DE', 'FR', 'GB', 'US', 'SE', 'NL', 'ES', 'BR', 'JP', 'CA'];

export function defaultHabits(seedKey: string): ListenerHabits {
  const rng = new Rng('habits', seedKey);
  const platforms = rng.shuffle([...PLATFORMS.slice(0, 6)]).slice(0, rng.int(1, 3));
  return {
    sessionsPerDay: 2.2 + rng.next() * 2.5,
    tracksPerSession: 7 + rng.next() * 10,
    skipRate: 0.12 + rng.next() * 0.15,
    privateRate: 0.02 + rng.next() * 0.03,
    podcastRate: 0.05 + rng.next() * 0.1,
    favourites: rng.int(15, 40),
    discoveryPerDay: 0.1 + rng.next() * 0.3,
    tzOffsetMinutes: rng.pick([-300, 0, 60, 60, 120, 540]),
    country: rng.pick(COUNTRIES),
    platforms,
  };
}

function rhythm(rng: Rng, weekend: boolean): number[] {
  const w: number[] = [];
  for (let h = 0; h < 24; h++) {
    let v = 0.05;
    if (!weekend) {
      if (h >= 7 && h <= 9)
        v = 1.6; // commute
      else if (h >= 10 && h <= 16)
        v = 0.8; // work
      else if (h >= 17 && h <= 19) v = 1.4;
      else if (h >= 20 && h <= 23) v = 1.0;
      else if (h <= 1) v = 0.3;
    } else {
      if (h >= 10 && h <= 13) v = 1.2;
      else if (h >= 14 && h <= 19) v = 1.0;
      else if (h >= 20) v = 1.3;
      else if (h <= 2) v = 0.6;
    }
    w.push(v * (0.7 + rng.next() * 0.6));
  }
  return w;
}

export function buildProfile(catalog: Catalog, id: string, historyStartMs: number, habits: Partial<ListenerHabits> = {}): ListenerProfile {
  const seedKey = `${catalog.seed}:${id}`;
  const rng = new Rng('profile', seedKey);
  const order = new Int32Array(catalog.artists.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  const shows: number[] = [];
  if (catalog.shows.length > 0 && rng.chance(0.75)) {
    const n = rng.int(1, Math.min(3, catalog.shows.length));
    for (let i = 0; i < n; i++) shows.push(rng.int(0, catalog.shows.length - 1));
  }
  return {
    id,
    seedKey,
    historyStartMs,
    habits: { ...defaultHabits(seedKey), ...habits },
    artistOrder: order,
    followedShows: [...new Set(shows)],
    rhythmWeekday: rhythm(rng, false),
    rhythmWeekend: rhythm(rng, true),
  };
}

/**
 * Generates a listener's listens day by day (in the listener's local days). Deterministic:
 * the same profile always produces the same sequence, whether it is drawn in one go or
 * a day at a time as the simulated clock advances.
 */
export class ListenGenerator {
  private day = 0;
  private lastEndMs: number;
  private seq = 0;
  private readonly firstDayStartMs: number;
  private readonly weights: Float64Array;
  private readonly tzMs: number;

  constructor(
    private readonly catalog: Catalog,
    readonly profile: ListenerProfile,
  ) {
    this.tzMs = profile.habits.tzOffsetMinutes * 60_000;
    this.firstDayStartMs = Math.floor((profile.historyStartMs + this.tzMs) / DAY_MS) * DAY_MS - this.tzMs;
    this.lastEndMs = profile.historyStartMs;
    this.weights = new Float64Array(catalog.artists.length);
  }

  /** UTC instant at which the next day to be generated starts. */
  get nextDayStartMs(): number {
    return this.firstDayStartMs + this.day * DAY_MS;
  }

  /** Generate the next local day of listens (may spill past midnight). */
  nextDay(): Listen[] {
    const d = this.day++;
    const { habits, seedKey } = this.profile;
    const rng = new Rng('day', seedKey, d);
    const dayStart = this.firstDayStartMs + d * DAY_MS;
    const weekday = new Date(dayStart + this.tzMs).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    const out: Listen[] = [];
    if (rng.chance(0.06)) return out; // a day without music

    const known = this.prepareTaste(d);
    const sessions = Math.max(1, Math.round(rng.normal(habits.sessionsPerDay * (weekend ? 1.2 : 1), habits.sessionsPerDay * 0.35)));
    const starts: number[] = [];
    const rh = weekend ? this.profile.rhythmWeekend : this.profile.rhythmWeekday;
    for (let s = 0; s < sessions; s++) starts.push(dayStart + rng.weighted(rh) * 3_600_000 + Math.floor(rng.next() * 3_600_000));
    starts.sort((a, b) => a - b);

    for (const sessionStart of starts) {
      let t = Math.max(sessionStart, this.lastEndMs + 1000 + Math.floor(rng.next() * 600_000));
      if (t < this.profile.historyStartMs) continue;
      const incognito = rng.chance(habits.privateRate);
      const platform = rng.pick(habits.platforms);
      const offline = rng.chance(0.04);
      const shuffle = rng.chance(0.45);
      const year = new Date(t).getUTCFullYear();
      const first = rng.pick(['clickrow', 'playbtn', 'appload', 'remote', 'clickrow']);
      const base = {
        incognito,
        shuffle,
        offline,
        platform,
        country: rng.chance(0.97) ? habits.country : rng.pick(COUNTRIES),
      };
      const offlineTs = (start: number): number | null => (offline ? start : null);

      if (this.profile.followedShows.length > 0 && rng.chance(habits.podcastRate)) {
        const show = this.catalog.shows[rng.pick(this.profile.followedShows)];
        const episodes = rng.int(1, 2);
        for (let e = 0; e < episodes; e++) {
          const ep = this.catalog.episodes[show.episodeIndexes[(d + e) % show.episodeIndexes.length]];
          const full = rng.chance(0.45);
          const ms = full ? ep.durationMs : rng.int(10_000, ep.durationMs - 1);
          out.push({
            seq: this.seq++,
            kind: 'episode',
            itemIndex: ep.index,
            startMs: t,
            msPlayed: ms,
            endMs: t + ms,
            ...base,
            skipped: year < 2018 ? null : !full,
            offlineTimestamp: offlineTs(t),
            reasonStart: e === 0 ? first : 'trackdone',
            reasonEnd: full ? 'trackdone' : 'endplay',
            context: null,
          });
          t += ms + rng.int(200, 3000);
        }
        this.lastEndMs = t;
        continue;
      }

      // music: either an album in order, or a mix over the listener's taste
      const albumMode = rng.chance(0.12);
      let queue: number[];
      let context: Listen['context'];
      if (albumMode) {
        const artist = this.catalog.artists[this.pickArtist(rng, known)];
        const album = this.catalog.albums[artist.albumIndexes[rng.int(0, artist.albumIndexes.length - 1)]];
        queue = album.trackIndexes;
        context = { type: 'album', id: album.id };
      } else {
        const n = Math.max(1, Math.round(rng.exp(habits.tracksPerSession)));
        queue = [];
        for (let i = 0; i < n; i++) queue.push(this.pickTrack(rng, known));
        context = rng.chance(0.6)
          ? {
              type: 'playlist',
              id: hash32(seedKey, 'pl', d % 7)
                .toString(36)
                .padStart(22, '0')
                .slice(0, 22),
            }
          : null;
      }

      let prevEnd = first;
      for (let i = 0; i < queue.length; i++) {
        const track = this.catalog.tracks[queue[i]];
        const last = i === queue.length - 1;
        if (rng.chance(0.003)) {
          // a row Spotify cannot attribute (local file, removed content): null uri and metadata
          const ms = rng.int(0, 200_000);
          out.push({
            seq: this.seq++,
            kind: 'unknown',
            itemIndex: -1,
            startMs: t,
            msPlayed: ms,
            endMs: t + ms,
            ...base,
            skipped: year < 2018 ? null : false,
            offlineTimestamp: offlineTs(t),
            reasonStart: prevEnd === 'trackdone' ? 'trackdone' : 'fwdbtn',
            reasonEnd: 'trackdone',
            context: null,
          });
          t += ms + rng.int(0, 2500);
          continue;
        }
        const skip = rng.chance(habits.skipRate);
        let ms: number;
        let reasonEnd: string;
        if (skip) {
          ms = rng.chance(0.85) ? rng.int(300, 29_999) : rng.int(30_000, Math.max(30_000, track.durationMs - 1));
          reasonEnd = rng.chance(0.9) ? 'fwdbtn' : 'backbtn';
        } else {
          ms = track.durationMs;
          reasonEnd = 'trackdone';
        }
        if (last && skip) reasonEnd = 'endplay';
        out.push({
          seq: this.seq++,
          kind: 'track',
          itemIndex: track.index,
          startMs: t,
          msPlayed: ms,
          endMs: t + ms,
          ...base,
          skipped: year < 2018 ? null : skip,
          offlineTimestamp: offlineTs(t),
          reasonStart: i === 0 ? first : prevEnd === 'trackdone' ? 'trackdone' : prevEnd,
          reasonEnd,
          context,
        });
        prevEnd = reasonEnd;
        t += ms + rng.int(0, 2500);
      }
      this.lastEndMs = t;
    }
    return out;
  }

  private knownCount = 0;

  /** Build cumulative artist weights for day d; returns how many artists are known. */
  private prepareTaste(d: number): number {
    const { favourites, discoveryPerDay } = this.profile.habits;
    const known = Math.min(this.catalog.artists.length, favourites + Math.floor(d * discoveryPerDay));
    let acc = 0;
    for (let i = 0; i < known; i++) {
      let w: number;
      if (i < favourites) {
        w = 1 / Math.pow(i + 1, 0.9);
      } else {
        const j = i - favourites;
        const age = d - j / discoveryPerDay;
        w = 0.12 / (1 + j * 0.01);
        if (age < 45) w *= 1 + 6 * Math.exp(-age / 12); // new discoveries are played a lot at first
      }
      acc += w;
      this.weights[i] = acc;
    }
    this.knownCount = known;
    return known;
  }

  private pickArtist(rng: Rng, known: number): number {
    return this.profile.artistOrder[pickCumulative(this.weights, known, rng.next())];
  }

  private pickTrack(rng: Rng, known: number): number {
    const artistIndex = this.pickArtist(rng, known);
    const tracks = this.catalog.artists[artistIndex].trackIndexes;
    const off = hash32(this.profile.seedKey, artistIndex) % tracks.length;
    const u = rng.next();
    return tracks[(Math.floor(tracks.length * u * u) + off) % tracks.length];
  }
}
