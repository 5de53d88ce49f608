/** The records and settings of the emulated world (World, world.ts, holds them) and its clock helpers. */
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { CatalogOptions } from './catalog';
import type { Listen, ListenGenerator, ListenerHabits, ListenerProfile } from './listens';
import type { Rng } from './rng';

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
