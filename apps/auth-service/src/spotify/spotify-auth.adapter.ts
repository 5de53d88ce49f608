import axios, { AxiosError, AxiosInstance } from 'axios';
import { SpotifyAuthPort, SpotifyForbiddenError, SpotifyGrantError, SpotifyProfile, SpotifyUnavailableError, TokenGrant } from './spotify-auth.port';

export interface SpotifyAuthAdapterOptions {
  clientId?: string;
  clientSecret?: string;
  accountsUrl: string;
  apiUrl: string;
  timeoutMs: number;
  /** attempts for 5xx / network errors / timeouts (default 3) */
  attempts?: number;
  /** longest Retry-After we wait for inside one call, in seconds (default 5) */
  maxRetryAfterSec?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Minimal accounts-service + /me adapter (token endpoint and GET /me only). Stand-in until
 * @rewind/spotify exposes both; same retry rules as SPOTIFY.md: 5xx and timeouts back off with
 * jitter, a short 429 is waited out, 400 grant errors are final.
 */
export class SpotifyAuthAdapter extends SpotifyAuthPort {
  private readonly http: AxiosInstance;

  constructor(private readonly options: SpotifyAuthAdapterOptions) {
    super();
    this.http = axios.create({ timeout: options.timeoutMs, validateStatus: () => true, maxRedirects: 0 });
  }

  exchangeCode(input: { code: string; redirectUri: string; codeVerifier: string }): Promise<TokenGrant> {
    return this.token({ grant_type: 'authorization_code', code: input.code, redirect_uri: input.redirectUri, code_verifier: input.codeVerifier });
  }

  refresh(refreshToken: string): Promise<TokenGrant> {
    return this.token({ grant_type: 'refresh_token', refresh_token: refreshToken });
  }

  async me(accessToken: string): Promise<SpotifyProfile> {
    const res = await this.withRetries('GET /me', () => this.http.get(`${this.options.apiUrl.replace(/\/$/, '')}/me`, { headers: { Authorization: `Bearer ${accessToken}` } }));
    if (res.status === 200) {
      const body = res.data as { id?: unknown; display_name?: unknown };
      if (typeof body?.id !== 'string') throw new SpotifyUnavailableError('Spotify answered GET /me without a user id');
      return { id: body.id, displayName: typeof body.display_name === 'string' ? body.display_name : null };
    }
    const message = (res.data as { error?: { message?: string } })?.error?.message ?? `HTTP ${res.status}`;
    if (res.status === 401 || res.status === 403) throw new SpotifyForbiddenError(res.status, message);
    throw new SpotifyUnavailableError(`Spotify answered GET /me with ${res.status}`);
  }

  private async token(form: Record<string, string>): Promise<TokenGrant> {
    const { clientId, clientSecret } = this.options;
    if (!clientId) throw new SpotifyGrantError('invalid_client', 'SPOTIFY_CLIENT_ID is not configured');
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    const body = new URLSearchParams(form);
    if (clientSecret) headers.authorization = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
    else body.set('client_id', clientId);
    const res = await this.withRetries('POST /api/token', () => this.http.post(`${this.options.accountsUrl.replace(/\/$/, '')}/api/token`, body.toString(), { headers }));
    const data = res.data as { access_token?: unknown; expires_in?: unknown; refresh_token?: unknown; scope?: unknown; error?: unknown; error_description?: unknown };
    if (res.status === 200 && typeof data?.access_token === 'string') {
      return {
        accessToken: data.access_token,
        expiresIn: typeof data.expires_in === 'number' ? data.expires_in : 3600,
        refreshToken: typeof data.refresh_token === 'string' && data.refresh_token ? data.refresh_token : undefined,
        scope: typeof data.scope === 'string' ? data.scope : undefined,
      };
    }
    if (res.status >= 400 && res.status < 500 && typeof data?.error === 'string') {
      throw new SpotifyGrantError(data.error, typeof data.error_description === 'string' ? data.error_description : data.error);
    }
    throw new SpotifyUnavailableError(`Spotify's token endpoint answered ${res.status}`);
  }

  private async withRetries<T extends { status: number; headers: unknown }>(what: string, call: () => Promise<T>): Promise<T> {
    const attempts = this.options.attempts ?? 3;
    const maxRetryAfter = this.options.maxRetryAfterSec ?? 5;
    let last = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      let res: T;
      try {
        res = await call();
      } catch (error) {
        const code = (error as AxiosError).code ?? 'network error';
        last = code === 'ECONNABORTED' || code === 'ETIMEDOUT' ? 'timed out' : `failed (${code})`;
        if (attempt < attempts) await sleep(backoff(attempt));
        continue;
      }
      if (res.status === 429) {
        const retryAfter = Number((res.headers as Record<string, string>)['retry-after'] ?? '1');
        last = `was rate limited (Retry-After ${retryAfter}s)`;
        if (!(retryAfter <= maxRetryAfter) || attempt === attempts) break;
        await sleep(Math.max(0, retryAfter) * 1000);
        continue;
      }
      if (res.status >= 500) {
        last = `answered ${res.status}`;
        if (attempt < attempts) await sleep(backoff(attempt));
        continue;
      }
      return res;
    }
    throw new SpotifyUnavailableError(`Spotify ${what} ${last} after ${attempts} attempt(s)`);
  }
}

/** Exponential back-off with full jitter: ~100 ms, ~200 ms, ~400 ms ... */
function backoff(attempt: number): number {
  return Math.round(Math.random() * 100 * 2 ** (attempt - 1)) + 50;
}
