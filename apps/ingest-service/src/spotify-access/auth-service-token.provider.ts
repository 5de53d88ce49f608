import { INTERNAL_TOKEN_HEADER } from '@rewind/service-kit';
import { ReauthRequired, type SpotifyTokenProvider } from '@rewind/spotify';

/** auth-service could not hand out a token for a reason other than "reconnect the account". */
export class AccessTokenUnavailable extends Error {
  constructor(
    readonly accountId: string,
    readonly status: number | undefined,
    detail: string,
  ) {
    super(`auth-service gave no access token for account ${accountId}: ${detail}`);
    this.name = 'AccessTokenUnavailable';
  }
}

export interface AuthServiceTokenProviderOptions {
  /** base URL of auth-service, e.g. http://127.0.0.1:3001 */
  authServiceUrl: string;
  internalToken: string;
  timeoutMs?: number;
  /** a cached token is reused until this long before it expires */
  marginMs?: number;
  now?: () => number;
}

/**
 * Spotify access tokens from auth-service (`POST /internal/accounts/:id/access-token`,
 * header x-internal-token). 409 (the account must be reconnected) → ReauthRequired; tokens
 * are cached in memory until shortly before they expire; `forceRefresh` (after a 401) asks
 * auth-service to refresh. The token never appears in errors or logs.
 */
export class AuthServiceTokenProvider implements SpotifyTokenProvider {
  private readonly cache = new Map<string, { token: string; expiresAt: number }>();
  private readonly now: () => number;

  constructor(private readonly options: AuthServiceTokenProviderOptions) {
    this.now = options.now ?? Date.now;
  }

  async getAccessToken(accountId: string, options: { forceRefresh?: boolean } = {}): Promise<string> {
    const cached = this.cache.get(accountId);
    const margin = this.options.marginMs ?? 60_000;
    if (!options.forceRefresh && cached && cached.expiresAt - margin > this.now()) return cached.token;
    this.cache.delete(accountId);
    const url = `${this.options.authServiceUrl.replace(/\/$/, '')}/internal/accounts/${encodeURIComponent(accountId)}/access-token`;
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', [INTERNAL_TOKEN_HEADER]: this.options.internalToken },
        body: JSON.stringify({ forceRefresh: Boolean(options.forceRefresh) }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw new AccessTokenUnavailable(
        accountId,
        undefined,
        `auth-service unreachable (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    const body = (await res.json().catch(() => ({}))) as { accessToken?: unknown; expiresAt?: unknown; message?: unknown };
    if (res.status === 409)
      throw new ReauthRequired(accountId, typeof body.message === 'string' ? body.message : 'the account must be reconnected');
    if (res.status !== 200 || typeof body.accessToken !== 'string') {
      const message = typeof body.message === 'string' ? body.message : `HTTP ${res.status}`;
      throw new AccessTokenUnavailable(accountId, res.status, message);
    }
    const expiresAt = typeof body.expiresAt === 'string' ? Date.parse(body.expiresAt) : NaN;
    if (Number.isFinite(expiresAt)) this.cache.set(accountId, { token: body.accessToken, expiresAt });
    return body.accessToken;
  }
}
