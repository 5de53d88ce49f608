import { HttpService } from '@nestjs/axios';
import type { AxiosResponse } from 'axios';
import { createHash, randomBytes } from 'node:crypto';
import { firstValueFrom } from 'rxjs';
import { RateLimited, ReauthRequired, SpotifyAuthError, SpotifyUnavailable } from './errors';
import {
  backoffDelay,
  DEFAULT_RETRY_AFTER_MS,
  isTransientStatus,
  parseRetryAfter,
  realSleep,
  type RetryOptions,
  type Sleep,
} from './retry';
import type { SpotifyOAuthErrorBody, SpotifyTokenResponse } from './types';

export const SPOTIFY_ACCOUNTS_OPTIONS = Symbol('SPOTIFY_ACCOUNTS_OPTIONS');

export interface SpotifyAccountsOptions extends RetryOptions {
  /** base of /authorize and /api/token, e.g. https://accounts.spotify.com */
  accountsUrl: string;
  clientId: string;
  /** needed for the authorization-code flow and its refreshes; PKCE works without */
  clientSecret?: string;
  timeoutMs?: number;
}

/** A token response, typed. `refreshToken` is present only when Spotify issued one (keep the old one otherwise). */
export interface SpotifyTokenSet {
  accessToken: string;
  tokenType: 'Bearer';
  scope: string;
  expiresIn: number;
  refreshToken?: string;
}

export interface PkcePair {
  verifier: string;
  challenge: string;
  method: 'S256';
}

/** A PKCE verifier (64 chars, base64url alphabet) and its S256 challenge (base64url, no padding). */
export function createPkcePair(): PkcePair {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url'), method: 'S256' };
}

/**
 * Helper for the accounts service: authorize URL, code exchange (plain or PKCE) and refresh.
 * `invalid_grant` → ReauthRequired (final); 429 → RateLimited; 5xx/timeouts → back-off, then
 * SpotifyUnavailable; other 4xx (e.g. invalid_client) → SpotifyAuthError.
 */
export class SpotifyAccountsClient {
  private readonly sleep: Sleep;
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(
    private readonly http: HttpService,
    private readonly options: SpotifyAccountsOptions,
  ) {
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  authorizeUrl(params: {
    redirectUri: string;
    state: string;
    scope: string[] | string;
    codeChallenge?: string;
    showDialog?: boolean;
  }): string {
    const url = new URL(`${this.options.accountsUrl.replace(/\/$/, '')}/authorize`);
    url.searchParams.set('client_id', this.options.clientId);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('redirect_uri', params.redirectUri);
    url.searchParams.set('state', params.state);
    url.searchParams.set('scope', Array.isArray(params.scope) ? params.scope.join(' ') : params.scope);
    if (params.codeChallenge) {
      url.searchParams.set('code_challenge_method', 'S256');
      url.searchParams.set('code_challenge', params.codeChallenge);
    }
    if (params.showDialog) url.searchParams.set('show_dialog', 'true');
    return url.toString();
  }

  /** authorization_code grant; with `codeVerifier` it is the PKCE form (client_id in the body, no secret). */
  exchangeCode(params: { code: string; redirectUri: string; codeVerifier?: string }, accountId?: string): Promise<SpotifyTokenSet> {
    const form: Record<string, string> = { grant_type: 'authorization_code', code: params.code, redirect_uri: params.redirectUri };
    if (params.codeVerifier) {
      form.client_id = this.options.clientId;
      form.code_verifier = params.codeVerifier;
    }
    return this.tokenRequest(form, !params.codeVerifier, accountId);
  }

  /** refresh_token grant. `pkce: true` for tokens obtained with PKCE (client_id in the body, no secret). */
  refresh(refreshToken: string, options: { pkce?: boolean; accountId?: string } = {}): Promise<SpotifyTokenSet> {
    const pkce = options.pkce ?? !this.options.clientSecret;
    const form: Record<string, string> = { grant_type: 'refresh_token', refresh_token: refreshToken };
    if (pkce) form.client_id = this.options.clientId;
    return this.tokenRequest(form, !pkce, options.accountId);
  }

  private async tokenRequest(form: Record<string, string>, basic: boolean, accountId: string | undefined): Promise<SpotifyTokenSet> {
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    if (basic) {
      if (!this.options.clientSecret)
        throw new SpotifyAuthError(0, 'invalid_client', 'a client secret is required for the authorization-code flow');
      headers.authorization = `Basic ${Buffer.from(`${this.options.clientId}:${this.options.clientSecret}`).toString('base64')}`;
    }
    const maxAttempts = this.options.maxAttempts ?? 4;
    const url = `${this.options.accountsUrl.replace(/\/$/, '')}/api/token`;
    for (let attempt = 1; ; attempt++) {
      let res: AxiosResponse;
      try {
        res = await firstValueFrom(
          this.http.post(url, new URLSearchParams(form).toString(), {
            headers,
            timeout: this.options.timeoutMs ?? 10_000,
            validateStatus: () => true,
          }),
        );
      } catch (error) {
        const description = error instanceof Error ? ((error as { code?: string }).code ?? error.message) : String(error);
        if (attempt >= maxAttempts) throw new SpotifyUnavailable(undefined, attempt, description);
        await this.sleep(backoffDelay(attempt, this.options.baseBackoffMs ?? 500, this.options.maxBackoffMs ?? 8000, this.random));
        continue;
      }
      if (res.status === 200) {
        const body = res.data as SpotifyTokenResponse;
        return {
          accessToken: body.access_token,
          tokenType: 'Bearer',
          scope: body.scope ?? '',
          expiresIn: body.expires_in,
          ...(body.refresh_token ? { refreshToken: body.refresh_token } : {}),
        };
      }
      if (res.status === 429) {
        // No Retry-After (real 429s may have none): the Web API client's first default wait.
        const seconds = parseRetryAfter(res.headers['retry-after'], this.now()) ?? DEFAULT_RETRY_AFTER_MS / 1000;
        throw new RateLimited(accountId, new Date(this.now() + seconds * 1000), seconds, false);
      }
      if (isTransientStatus(res.status)) {
        if (attempt >= maxAttempts) throw new SpotifyUnavailable(res.status, attempt, `HTTP ${res.status}`);
        await this.sleep(backoffDelay(attempt, this.options.baseBackoffMs ?? 500, this.options.maxBackoffMs ?? 8000, this.random));
        continue;
      }
      const body = (res.data ?? {}) as Partial<SpotifyOAuthErrorBody>;
      const code = typeof body.error === 'string' ? body.error : 'unknown_error';
      // the error code is a protocol field (not message text): invalid_grant is final
      if (res.status === 400 && code === 'invalid_grant') throw new ReauthRequired(accountId, body.error_description ?? code);
      throw new SpotifyAuthError(res.status, code, body.error_description ?? '');
    }
  }
}
