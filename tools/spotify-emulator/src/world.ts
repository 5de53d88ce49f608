import { createHash, randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { buildCatalog, type Catalog, type CatalogOptions } from './catalog';
import { Rng, hashUnit } from './rng';
import {
  DAY_MS,
  ListenGenerator,
  buildProfile,
  isExposed,
  reportedAtMs,
  type Listen,
  type ListenerHabits,
  type ListenerProfile,
} from './listens';

/** A refresh token dies six calendar months (UTC) after the user's original consent; refreshing never extends it. */
export function refreshTokenDiesAtMs(consentAtMs: number): number {
  return DateTime.fromMillis(consentAtMs, { zone: 'utc' }).plus({ months: 6 }).toMillis();
}

/** Spotify's stable key of an account (`account_id` of /me), derived from the user id unless a spec gives one. */
export function defaultAccountId(listenerId: string): string {
  const digest = createHash('sha256').update(`account:${listenerId}`).digest();
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  return Array.from(digest.subarray(0, 22), (b) => alphabet[b % 62]).join('');
}
export const ACCESS_TOKEN_LIFETIME_S = 3600;
export const RECENTLY_PLAYED_WINDOW = 50;

/** Fault settings. Per-account settings override the global ones field by field. */
export interface FaultConfig {
  /** which surface the transport faults (429, 5xx, latency, hang) hit; default 'api' */
  target?: 'api' | 'accounts' | 'all';
  /** answer 429 with this Retry-After (seconds) */
  retryAfterSec?: number;
  /** 429s as real ones often are: no Retry-After header (`retryAfterSec` still switches the 429s on) */
  omitRetryAfter?: boolean;
  /** 429s with an empty body */
  emptyRateLimitBody?: boolean;
  /** how many requests get the 429 (default: every request while set) */
  rateLimitCount?: number;
  /** add `reason: "QUOTA_EXCEEDED"` to the 429 body */
  quotaExceeded?: boolean;
  /** a real rolling 30 s window: more than this many requests per account → 429 Retry-After (window remainder) */
  windowLimit?: number;
  /** fraction of requests that answer 5xx (deterministic from the seed) */
  errorRate?: number;
  /** the next N requests answer 5xx */
  failNext?: number;
  /** statuses used for 5xx faults (default [500, 502, 503]) */
  errorStatuses?: number[];
  /** real-time delay added to every response, ms */
  latencyMs?: number;
  /** fraction of requests that never get an answer (a timeout for the client) */
  hangRate?: number;
  /** the next N requests never get an answer */
  hangNext?: number;
  /** access tokens issued while set expire after this many simulated seconds (still announcing expires_in 3600) */
  accessTokenTtlSec?: number;
  /** refresh grants answer invalid_grant "Refresh token revoked" (and revoke the token: it is final) */
  invalidGrant?: boolean;
  /** recently-played items become visible this long after the track ended (simulated ms) */
  lateMs?: number;
  /** fraction of items that are late (default 1 when lateMs is set) */
  lateRate?: number;
  /** fraction of items recently-played never lists */
  missingRate?: number;
}

export interface ListenerCounters {
  authorizations: number;
  tokenExchanges: number;
  tokenRefreshes: number;
  refreshFailures: number;
  apiCalls: number;
  meCalls: number;
  recentlyPlayedCalls: number;
  artistCalls: number;
  trackCalls: number;
  batchCalls: number;
  status401: number;
  status403: number;
  status429: number;
  status5xx: number;
  hangs: number;
}

export function emptyCounters(): ListenerCounters {
  return {
    authorizations: 0,
    tokenExchanges: 0,
    tokenRefreshes: 0,
    refreshFailures: 0,
    apiCalls: 0,
    meCalls: 0,
    recentlyPlayedCalls: 0,
    artistCalls: 0,
    trackCalls: 0,
    batchCalls: 0,
    status401: 0,
    status403: 0,
    status429: 0,
    status5xx: 0,
    hangs: 0,
  };
}

export interface ListenerSpec {
  /** Spotify user id (default `listener-<n>`) */
  id?: string;
  /** Spotify's stable account key, `account_id` of /me (default derived from `id`); two user ids may share one to model a renamed user */
  accountId?: string;
  displayName?: string;
  /** synthetic history length before "now" (default 30 days); 0 = none */
  historyDays?: number;
  /** explicit history start (overrides historyDays) */
  historyStart?: Date | string | number;
  /** false = no synthetic listening at all; only plays added through addPlays (default true) */
  generate?: boolean;
  habits?: Partial<ListenerHabits>;
  /** put the listener on the development-mode allow-list (default: true while there is room) */
  allowListed?: boolean;
}

export interface Listener {
  id: string;
  accountId: string;
  displayName: string;
  profile: ListenerProfile;
  generate: boolean;
  generator: ListenGenerator;
  /** sorted by startMs */
  listens: Listen[];
  nextSeq: number;
  faults: FaultConfig;
  counters: ListenerCounters;
  faultRng: Rng;
  windowHits: number[];
}

/** A play as the admin API accepts it. */
export interface PlayInput {
  trackId: string;
  /** start of the listen (recently-played reports its end, see TruthPlay.reportedAt) */
  playedAt: Date | string | number;
  /** default: the whole track */
  msPlayed?: number;
  private?: boolean;
  platform?: string;
}

/** A play in the ground truth. */
export interface TruthPlay {
  seq: number;
  kind: Listen['kind'];
  trackId: string | null;
  episodeId: string | null;
  /** ISO, ms precision: start of the listen */
  playedAt: string;
  playedAtMs: number;
  endedAtMs: number;
  /** ISO, ms precision: recently-played's played_at, the end of the listen or up to REPORT_LAG_MAX_MS before it */
  reportedAt: string;
  reportedAtMs: number;
  msPlayed: number;
  incognito: boolean;
  /** true when Spotify's recently-played can list it (music, >= 30 s, not private) */
  exposed: boolean;
}

export interface AccessTokenRecord {
  token: string;
  listenerId: string;
  clientId: string;
  scope: string;
  expiresAtMs: number;
}

export interface RefreshTokenRecord {
  token: string;
  listenerId: string;
  clientId: string;
  scope: string;
  consentAtMs: number;
  revoked: boolean;
  pkce: boolean;
}

export interface AuthCodeRecord {
  code: string;
  listenerId: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  codeChallenge?: string;
  expiresAtMs: number;
  used: boolean;
}

export interface WorldOptions {
  seed?: string | number;
  /** initial simulated time (default 2026-11-20T12:00:00Z) */
  now?: Date | string | number;
  /** the simulated clock also moves with wall-clock time (demo mode) */
  realTime?: boolean;
  devMode?: boolean;
  catalog?: CatalogOptions;
}

export function toMs(value: Date | string | number): number {
  if (typeof value === 'number') return value;
  if (value instanceof Date) return value.getTime();
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`invalid date: ${value}`);
  return ms;
}

export const DEFAULT_NOW = Date.parse('2026-11-20T12:00:00.000Z');

/**
 * The simulated Spotify: catalog, listeners and their plays, tokens, faults and counters.
 * The HTTP server (server.ts) is a thin layer over this object.
 */
export class World {
  readonly seed: string;
  readonly catalog: Catalog;
  devMode: boolean;
  private offsetMs = 0;
  private readonly baseMs: number;
  private readonly realStart = Date.now();
  private readonly realTime: boolean;
  readonly listeners = new Map<string, Listener>();
  readonly allowList = new Set<string>();
  globalFaults: FaultConfig = {};
  readonly globalCounters = emptyCounters();
  private readonly globalFaultRng: Rng;
  readonly globalWindowHits: number[] = [];
  readonly accessTokens = new Map<string, AccessTokenRecord>();
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  readonly authCodes = new Map<string, AuthCodeRecord>();
  /** the user "logged in" in the emulated browser (who approves the consent page) */
  browserUser: string | undefined;

  constructor(options: WorldOptions = {}) {
    this.seed = String(options.seed ?? 42);
    this.catalog = buildCatalog(this.seed, options.catalog);
    this.devMode = options.devMode ?? true;
    this.baseMs = options.now === undefined ? DEFAULT_NOW : toMs(options.now);
    this.realTime = options.realTime ?? false;
    this.globalFaultRng = new Rng('faults', this.seed, '*');
  }

  // ---- clock -------------------------------------------------------------------------

  now(): number {
    return this.baseMs + this.offsetMs + (this.realTime ? Date.now() - this.realStart : 0);
  }

  /** Move the simulated clock forward; plays up to the new time come into existence. */
  advance(ms: number): number {
    if (!(ms >= 0)) throw new Error('advance: ms must be >= 0');
    this.offsetMs += ms;
    return this.now();
  }

  /** Move the simulated clock to an instant (never backwards). */
  advanceTo(at: Date | string | number): number {
    const target = toMs(at);
    return this.advance(Math.max(0, target - this.now()));
  }

  // ---- listeners ---------------------------------------------------------------------

  addListener(spec: ListenerSpec = {}): Listener {
    const id = spec.id ?? `listener-${this.listeners.size + 1}`;
    if (this.listeners.has(id)) throw new Error(`listener ${id} exists`);
    const now = this.now();
    const start = spec.historyStart !== undefined ? toMs(spec.historyStart) : now - (spec.historyDays ?? 30) * DAY_MS;
    const profile = buildProfile(this.catalog, id, start, spec.habits);
    const listener: Listener = {
      id,
      accountId: spec.accountId ?? defaultAccountId(id),
      displayName: spec.displayName ?? `Emulated ${id}`,
      profile,
      generate: spec.generate ?? true,
      generator: new ListenGenerator(this.catalog, profile),
      listens: [],
      nextSeq: 10_000_000,
      faults: {},
      counters: emptyCounters(),
      faultRng: new Rng('faults', this.seed, id),
      windowHits: [],
    };
    this.listeners.set(id, listener);
    if (spec.allowListed ?? this.allowList.size < 5) this.setAllowListed(id, true);
    if (this.browserUser === undefined) this.browserUser = id;
    return listener;
  }

  getListener(id: string): Listener {
    const l = this.listeners.get(id);
    if (!l) throw new Error(`unknown listener ${id}`);
    return l;
  }

  /** Development mode allows at most 5 users. */
  setAllowListed(id: string, allowed: boolean): void {
    this.getListener(id);
    if (!allowed) {
      this.allowList.delete(id);
      return;
    }
    if (!this.allowList.has(id) && this.allowList.size >= 5) throw new Error('the development-mode allow-list holds 5 users at most');
    this.allowList.add(id);
  }

  /** Generate synthetic listens up to the current simulated time (whole local days at a time). */
  private materialize(l: Listener): void {
    if (!l.generate) return;
    const now = this.now();
    let added = false;
    while (l.generator.nextDayStartMs <= now) {
      const day = l.generator.nextDay();
      if (day.length) {
        for (const x of day) l.listens.push(x);
        added = true;
      }
    }
    if (added) this.sortIfNeeded(l);
  }

  private sortIfNeeded(l: Listener): void {
    for (let i = 1; i < l.listens.length; i++) {
      if (l.listens[i - 1].startMs > l.listens[i].startMs) {
        l.listens.sort((a, b) => a.startMs - b.startMs || a.seq - b.seq);
        return;
      }
    }
  }

  addPlays(listenerId: string, plays: PlayInput[]): TruthPlay[] {
    const l = this.getListener(listenerId);
    this.materialize(l);
    const added: Listen[] = [];
    for (const p of plays) {
      const track = this.catalog.trackById.get(p.trackId);
      if (!track) throw new Error(`unknown track ${p.trackId}`);
      const start = toMs(p.playedAt);
      const ms = p.msPlayed ?? track.durationMs;
      const listen: Listen = {
        seq: l.nextSeq++,
        kind: 'track',
        itemIndex: track.index,
        startMs: start,
        msPlayed: ms,
        endMs: start + ms,
        incognito: p.private ?? false,
        shuffle: false,
        skipped: ms < track.durationMs,
        offline: false,
        offlineTimestamp: null,
        reasonStart: 'clickrow',
        reasonEnd: ms < track.durationMs ? 'fwdbtn' : 'trackdone',
        platform: p.platform ?? 'web_player',
        country: l.profile.habits.country,
        context: null,
      };
      l.listens.push(listen);
      added.push(listen);
    }
    this.sortIfNeeded(l);
    return added.map((x) => this.truth(x));
  }

  /** All listens that have ended by now (the current track is not included until it ends). */
  endedListens(listenerId: string): Listen[] {
    const l = this.getListener(listenerId);
    this.materialize(l);
    const now = this.now();
    return l.listens.filter((x) => x.endMs <= now);
  }

  truth(x: Listen): TruthPlay {
    return {
      seq: x.seq,
      kind: x.kind,
      trackId: x.kind === 'track' ? this.catalog.tracks[x.itemIndex].id : null,
      episodeId: x.kind === 'episode' ? this.catalog.episodes[x.itemIndex].id : null,
      playedAt: new Date(x.startMs).toISOString(),
      playedAtMs: x.startMs,
      endedAtMs: x.endMs,
      reportedAt: new Date(reportedAtMs(x)).toISOString(),
      reportedAtMs: reportedAtMs(x),
      msPlayed: x.msPlayed,
      incognito: x.incognito,
      exposed: isExposed(x),
    };
  }

  /**
   * Ground truth: every listen that has ended by now, oldest first. With `exposedOnly`,
   * only what Spotify exposes (music, >= 30 s, not private) — the plays Rewind must end up with.
   */
  groundTruth(listenerId: string, options: { exposedOnly?: boolean } = {}): TruthPlay[] {
    return this.endedListens(listenerId)
      .filter((x) => !options.exposedOnly || isExposed(x))
      .map((x) => this.truth(x));
  }

  /** The listen currently playing, if any. */
  currentlyPlaying(listenerId: string): Listen | undefined {
    const l = this.getListener(listenerId);
    this.materialize(l);
    const now = this.now();
    return l.listens.find((x) => x.startMs <= now && x.endMs > now);
  }

  effectiveFaults(listenerId: string | undefined): FaultConfig {
    if (!listenerId) return this.globalFaults;
    const l = this.listeners.get(listenerId);
    return l ? { ...this.globalFaults, ...l.faults } : this.globalFaults;
  }

  /**
   * The last 50 plays Spotify lists for the listener right now, newest first. Honours the late
   * and missing faults; decisions are hashed from the seed and the listen, so they are stable.
   */
  recentWindow(listenerId: string): Listen[] {
    const l = this.getListener(listenerId);
    this.materialize(l);
    const now = this.now();
    const faults = this.effectiveFaults(listenerId);
    const out: Listen[] = [];
    for (let i = l.listens.length - 1; i >= 0 && out.length < RECENTLY_PLAYED_WINDOW; i--) {
      const x = l.listens[i];
      if (x.endMs > now || !isExposed(x)) continue;
      if (faults.missingRate && hashUnit(this.seed, 'missing', l.id, x.seq) < faults.missingRate) continue;
      if (faults.lateMs && hashUnit(this.seed, 'late', l.id, x.seq) < (faults.lateRate ?? 1) && x.endMs + faults.lateMs > now) continue;
      out.push(x);
    }
    return out;
  }

  // ---- tokens ------------------------------------------------------------------------

  issueAccessToken(listenerId: string, clientId: string, scope: string): AccessTokenRecord {
    const faults = this.effectiveFaults(listenerId);
    const ttl = faults.accessTokenTtlSec ?? ACCESS_TOKEN_LIFETIME_S;
    const rec: AccessTokenRecord = {
      token: `BQ${randomBytes(30).toString('base64url')}`,
      listenerId,
      clientId,
      scope,
      expiresAtMs: this.now() + ttl * 1000,
    };
    this.accessTokens.set(rec.token, rec);
    return rec;
  }

  issueRefreshToken(listenerId: string, clientId: string, scope: string, consentAtMs: number, pkce: boolean): RefreshTokenRecord {
    const rec: RefreshTokenRecord = {
      token: `AQ${randomBytes(40).toString('base64url')}`,
      listenerId,
      clientId,
      scope,
      consentAtMs,
      revoked: false,
      pkce,
    };
    this.refreshTokens.set(rec.token, rec);
    return rec;
  }

  /** Make every access token of a listener (or of everyone) expire now. */
  expireAccessTokens(listenerId?: string): number {
    let n = 0;
    const now = this.now();
    for (const rec of this.accessTokens.values()) {
      if (!listenerId || rec.listenerId === listenerId) {
        rec.expiresAtMs = Math.min(rec.expiresAtMs, now);
        n++;
      }
    }
    return n;
  }

  revokeRefreshTokens(listenerId?: string): number {
    let n = 0;
    for (const rec of this.refreshTokens.values()) {
      if (!listenerId || rec.listenerId === listenerId) {
        rec.revoked = true;
        n++;
      }
    }
    return n;
  }

  counters(listenerId: string): ListenerCounters {
    return this.getListener(listenerId).counters;
  }

  resetCounters(): void {
    Object.assign(this.globalCounters, emptyCounters());
    for (const l of this.listeners.values()) l.counters = emptyCounters();
  }

  faultRng(listenerId: string | undefined): Rng {
    return (listenerId && this.listeners.get(listenerId)?.faultRng) || this.globalFaultRng;
  }
}
