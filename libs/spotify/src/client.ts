import { HttpService } from '@nestjs/axios';
import type { AxiosResponse } from 'axios';
import { firstValueFrom } from 'rxjs';
import { RateLimited, SpotifyApiError, SpotifyUnavailable } from './errors';
import {
  backoffDelay,
  DEFAULT_RETRY_AFTER_MS,
  defaultRateLimitWait,
  isTransientStatus,
  MAX_DEFAULT_RETRY_AFTER_MS,
  parseRetryAfter,
  realSleep,
  type RetryOptions,
  type Sleep,
} from './retry';
import type {
  SpotifyApiErrorBody,
  SpotifyArtist,
  SpotifyArtistsBatch,
  SpotifyPlayHistoryItem,
  SpotifyRecentlyPlayedPage,
  SpotifyTrack,
  SpotifyTracksBatch,
  SpotifyUser,
} from './types';

/** Where the client gets an account's access token. `forceRefresh` after a 401. May throw ReauthRequired. */
export interface SpotifyTokenProvider {
  getAccessToken(accountId: string, options?: { forceRefresh?: boolean }): Promise<string>;
}

export const SPOTIFY_TOKEN_PROVIDER = Symbol('SPOTIFY_TOKEN_PROVIDER');
export const SPOTIFY_CLIENT_OPTIONS = Symbol('SPOTIFY_CLIENT_OPTIONS');

export interface SpotifyClientOptions extends RetryOptions {
  /** base of the Web API, e.g. https://api.spotify.com/v1 */
  apiUrl: string;
  /** longest Retry-After the client sleeps through; longer waits throw RateLimited (default 30 s) */
  maxRetryAfterMs?: number;
  /** how many 429s (each waited out) one call tolerates before throwing RateLimited (default 3) */
  maxRateLimitRetries?: number;
  /** wait after a 429 without Retry-After, ms; doubles per such 429 in a row for the account (default 5 s) */
  defaultRetryAfterMs?: number;
  /** ceiling of that doubling, ms (default 15 min) */
  maxDefaultRetryAfterMs?: number;
  /** per-request timeout, ms (default 10 s) */
  timeoutMs?: number;
}

export interface RecentlyPlayedQuery {
  limit?: number;
  /** Unix ms, exclusive */
  after?: number;
  /** Unix ms, exclusive */
  before?: number;
}

export interface RecentlyPlayedResult {
  /** newest first, deduplicated, all strictly after `afterMs` */
  items: SpotifyPlayHistoryItem[];
  /** played_at (full ms) of the newest item, or the given `afterMs` when nothing new: the next `after` */
  newestMs: number | undefined;
  /** Web API calls made */
  calls: number;
}

type BatchKind = 'artists' | 'tracks';

/**
 * Typed Spotify Web API client on @nestjs/axios.
 *
 * Rules: 401 → one forced token refresh and one retry; 429 → wait Retry-After for that
 * account only, or without one (real 429s may have no header and no body) a default wait that
 * doubles while they keep coming (capped: beyond `maxRetryAfterMs` it throws RateLimited with
 * the retry time, and later calls for the same account fail fast until then); 5xx and timeouts → exponential
 * back-off with jitter, `maxAttempts` in total, then SpotifyUnavailable. Decisions use status
 * codes only, never message text. Batch endpoints that answer 403 (development mode) are
 * remembered and replaced by one call per id.
 */
export class SpotifyClient {
  private readonly sleep: Sleep;
  private readonly random: () => number;
  private readonly now: () => number;
  /** per account: no request before this instant (ms) */
  private readonly blockedUntil = new Map<string, { at: number; quota: boolean }>();
  /** per account: 429s without Retry-After in a row (their default wait doubles) */
  private readonly unnamedWaits = new Map<string, number>();
  /** what was learnt about batch endpoints */
  private readonly batchWorks = new Map<BatchKind, boolean>();

  constructor(
    private readonly http: HttpService,
    private readonly tokens: SpotifyTokenProvider,
    private readonly options: SpotifyClientOptions,
  ) {
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  /** Whether the batch endpoint of a kind is known to work (true), known to be refused (false), or untested. */
  batchSupport(kind: BatchKind): boolean | undefined {
    return this.batchWorks.get(kind);
  }

  /** When an account may next call Spotify (after a 429), if it is currently held back. */
  rateLimitedUntil(accountId: string): Date | undefined {
    const b = this.blockedUntil.get(accountId);
    return b && b.at > this.now() ? new Date(b.at) : undefined;
  }

  getMe(accountId: string): Promise<SpotifyUser> {
    return this.get<SpotifyUser>(accountId, '/me');
  }

  getRecentlyPlayed(accountId: string, query: RecentlyPlayedQuery = {}): Promise<SpotifyRecentlyPlayedPage> {
    if (query.after !== undefined && query.before !== undefined) throw new Error('after and before are mutually exclusive');
    const params: Record<string, string> = {};
    if (query.limit !== undefined) params.limit = String(query.limit);
    if (query.after !== undefined) params.after = String(Math.floor(query.after));
    if (query.before !== undefined) params.before = String(Math.floor(query.before));
    return this.get<SpotifyRecentlyPlayedPage>(accountId, '/me/player/recently-played', params);
  }

  /**
   * Every play Spotify still lists after `afterMs` (exclusive, full milliseconds): asks with
   * `after`, then follows `next` backwards until it reaches `afterMs`, the 50-play window is
   * exhausted or `next` is null. Items are deduplicated (played_at + track id), newest first.
   */
  async recentlyPlayedSince(
    accountId: string,
    afterMs?: number,
    options: { limit?: number; maxPages?: number } = {},
  ): Promise<RecentlyPlayedResult> {
    const limit = options.limit ?? 50;
    const maxPages = options.maxPages ?? 10;
    const seen = new Set<string>();
    const items: SpotifyPlayHistoryItem[] = [];
    let page = await this.getRecentlyPlayed(accountId, afterMs !== undefined ? { limit, after: afterMs } : { limit });
    let calls = 1;
    for (;;) {
      let reachedAfter = false;
      for (const item of page.items) {
        const at = Date.parse(item.played_at);
        if (afterMs !== undefined && at <= afterMs) {
          reachedAfter = true;
          continue;
        }
        const key = `${item.played_at}|${item.track?.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        items.push(item);
      }
      if (reachedAfter || !page.next || page.items.length === 0 || calls >= maxPages) break;
      page = await this.get<SpotifyRecentlyPlayedPage>(accountId, page.next);
      calls++;
    }
    items.sort((a, b) => Date.parse(b.played_at) - Date.parse(a.played_at));
    const newestMs = items.length ? Date.parse(items[0].played_at) : afterMs;
    return { items, newestMs, calls };
  }

  /** A full artist, or null when Spotify does not know the id (404). */
  async getArtist(accountId: string, id: string): Promise<SpotifyArtist | null> {
    return this.orNull(this.get<SpotifyArtist>(accountId, `/artists/${encodeURIComponent(id)}`));
  }

  async getTrack(accountId: string, id: string): Promise<SpotifyTrack | null> {
    return this.orNull(this.get<SpotifyTrack>(accountId, `/tracks/${encodeURIComponent(id)}`));
  }

  /** Artists by id, in order (null for unknown ids): batches of 50 when allowed, else one call per id. */
  getArtists(accountId: string, ids: string[]): Promise<Array<SpotifyArtist | null>> {
    return this.many(
      accountId,
      'artists',
      ids,
      (b: SpotifyArtistsBatch) => b.artists,
      (id) => this.getArtist(accountId, id),
    );
  }

  getTracks(accountId: string, ids: string[]): Promise<Array<SpotifyTrack | null>> {
    return this.many(
      accountId,
      'tracks',
      ids,
      (b: SpotifyTracksBatch) => b.tracks,
      (id) => this.getTrack(accountId, id),
    );
  }

  private async many<B, T>(
    accountId: string,
    kind: BatchKind,
    ids: string[],
    unwrap: (b: B) => Array<T | null>,
    one: (id: string) => Promise<T | null>,
  ): Promise<Array<T | null>> {
    const out: Array<T | null> = [];
    for (let i = 0; i < ids.length; i += 50) {
      const chunk = ids.slice(i, i + 50);
      if (this.batchWorks.get(kind) !== false && chunk.length > 1) {
        try {
          const body = await this.get<B>(accountId, `/${kind}`, { ids: chunk.join(',') });
          this.batchWorks.set(kind, true);
          out.push(...unwrap(body));
          continue;
        } catch (error) {
          if (!(error instanceof SpotifyApiError && error.status === 403)) throw error;
          // Removed for development-mode apps. Remember it only once a single-id call works,
          // so a 403 meaning "user not allow-listed" is not mistaken for it.
          const first = await one(chunk[0]);
          this.batchWorks.set(kind, false);
          out.push(first);
          for (const id of chunk.slice(1)) out.push(await one(id));
          continue;
        }
      }
      for (const id of chunk) out.push(await one(id));
    }
    return out;
  }

  private async orNull<T>(p: Promise<T>): Promise<T | null> {
    try {
      return await p;
    } catch (error) {
      if (error instanceof SpotifyApiError && (error.status === 404 || error.status === 400)) return null;
      throw error;
    }
  }

  /** Core request with the retry rules. `path` is relative to apiUrl, or an absolute `next` URL. */
  async get<T>(accountId: string, path: string, params?: Record<string, string>): Promise<T> {
    const url = /^https?:\/\//.test(path) ? path : `${this.options.apiUrl.replace(/\/$/, '')}${path}`;
    const cap = this.options.maxRetryAfterMs ?? 30_000;
    const maxAttempts = this.options.maxAttempts ?? 4;
    const maxRateLimitRetries = this.options.maxRateLimitRetries ?? 3;
    let refreshed = false;
    let attempts = 0;
    let rateLimits = 0;
    let token = await this.tokens.getAccessToken(accountId, { forceRefresh: false });
    for (;;) {
      await this.respectBlock(accountId, cap);
      attempts++;
      let res: AxiosResponse;
      try {
        res = await firstValueFrom(
          this.http.get(url, {
            params,
            headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
            timeout: this.options.timeoutMs ?? 10_000,
            validateStatus: () => true,
          }),
        );
      } catch (error) {
        // network error or timeout: transient
        const description = error instanceof Error ? ((error as { code?: string }).code ?? error.message) : String(error);
        if (attempts >= maxAttempts) throw new SpotifyUnavailable(undefined, attempts, description);
        await this.sleep(backoffDelay(attempts, this.options.baseBackoffMs ?? 500, this.options.maxBackoffMs ?? 8000, this.random));
        continue;
      }
      const status = res.status;
      if (status >= 200 && status < 300) {
        this.unnamedWaits.delete(accountId);
        return res.data as T;
      }
      // Real 429s often have an empty body: res.data is then '' (or text), never trusted to be an object.
      const body = (typeof res.data === 'object' && res.data !== null ? res.data : undefined) as Partial<SpotifyApiErrorBody> | undefined;
      if (status === 401 && !refreshed) {
        refreshed = true;
        attempts--; // the refresh retry is not a back-off attempt
        token = await this.tokens.getAccessToken(accountId, { forceRefresh: true });
        continue;
      }
      if (status === 429) {
        const seconds = parseRetryAfter(res.headers['retry-after'], this.now()) ?? this.defaultWaitSeconds(accountId);
        const quota = body?.error?.reason === 'QUOTA_EXCEEDED';
        const at = this.now() + seconds * 1000;
        const prev = this.blockedUntil.get(accountId);
        if (!prev || prev.at < at) this.blockedUntil.set(accountId, { at, quota });
        rateLimits++;
        attempts--;
        if (seconds * 1000 > cap || rateLimits > maxRateLimitRetries) throw new RateLimited(accountId, new Date(at), seconds, quota);
        continue; // respectBlock sleeps for this account only
      }
      if (isTransientStatus(status)) {
        if (attempts >= maxAttempts) throw new SpotifyUnavailable(status, attempts, `HTTP ${status}`);
        await this.sleep(backoffDelay(attempts, this.options.baseBackoffMs ?? 500, this.options.maxBackoffMs ?? 8000, this.random));
        continue;
      }
      throw new SpotifyApiError(status, body?.error?.message ?? `HTTP ${status}`, body?.error?.reason);
    }
  }

  /** A 429 named no wait: this account's default, doubling while such 429s come in a row, capped. */
  private defaultWaitSeconds(accountId: string): number {
    const inARow = (this.unnamedWaits.get(accountId) ?? 0) + 1;
    this.unnamedWaits.set(accountId, inARow);
    const ms = defaultRateLimitWait(
      inARow,
      this.options.defaultRetryAfterMs ?? DEFAULT_RETRY_AFTER_MS,
      this.options.maxDefaultRetryAfterMs ?? MAX_DEFAULT_RETRY_AFTER_MS,
    );
    return ms / 1000;
  }

  /** Wait out this account's Retry-After when within the cap; fail fast beyond it. Other accounts are unaffected. */
  private async respectBlock(accountId: string, cap: number): Promise<void> {
    const b = this.blockedUntil.get(accountId);
    if (!b) return;
    const wait = b.at - this.now();
    if (wait <= 0) {
      this.blockedUntil.delete(accountId);
      return;
    }
    if (wait > cap) throw new RateLimited(accountId, new Date(b.at), Math.ceil(wait / 1000), b.quota);
    await this.sleep(wait);
    if (this.blockedUntil.get(accountId) === b) this.blockedUntil.delete(accountId);
  }
}
