import { HttpService } from '@nestjs/axios';
import {
  RateLimited,
  ReauthRequired,
  SpotifyAccountsClient,
  SpotifyApiError,
  SpotifyAuthError,
  SpotifyClient,
  SpotifyTokenSet,
  SpotifyUnavailable,
  type RetryOptions,
} from '@rewind/spotify';
import { randomUUID } from 'node:crypto';
import {
  SpotifyAuthPort,
  SpotifyForbiddenError,
  SpotifyGrantError,
  SpotifyProfile,
  SpotifyUnavailableError,
  TokenGrant,
} from './spotify-auth.port';

export interface SpotifyAuthAdapterOptions extends RetryOptions {
  clientId?: string;
  clientSecret?: string;
  accountsUrl: string;
  apiUrl: string;
  timeoutMs: number;
}

const toGrant = (t: SpotifyTokenSet): TokenGrant => ({
  accessToken: t.accessToken,
  expiresIn: t.expiresIn,
  refreshToken: t.refreshToken,
  scope: t.scope || undefined,
});

/**
 * The auth-service's view of Spotify over @rewind/spotify: the accounts helper for the token
 * endpoint (5xx/timeouts retried with back-off there) and the Web API client for GET /me with
 * a token that belongs to no stored account yet. Library errors become the port's errors.
 */
export class SpotifyAuthAdapter extends SpotifyAuthPort {
  private readonly accounts: SpotifyAccountsClient | null;
  private readonly api: SpotifyClient;
  /** one-shot tokens for /me, keyed by a throwaway id the client passes back */
  private readonly pending = new Map<string, string>();

  constructor(options: SpotifyAuthAdapterOptions, http: HttpService = new HttpService()) {
    super();
    const retry: RetryOptions = {
      maxAttempts: options.maxAttempts ?? 3,
      baseBackoffMs: options.baseBackoffMs ?? 300,
      maxBackoffMs: options.maxBackoffMs ?? 4000,
      sleep: options.sleep,
      random: options.random,
    };
    this.accounts = options.clientId
      ? new SpotifyAccountsClient(http, {
          ...retry,
          accountsUrl: options.accountsUrl,
          clientId: options.clientId,
          clientSecret: options.clientSecret,
          timeoutMs: options.timeoutMs,
        })
      : null;
    const tokens = { getAccessToken: async (key: string) => this.pending.get(key) ?? '' };
    this.api = new SpotifyClient(http, tokens, {
      ...retry,
      apiUrl: options.apiUrl,
      timeoutMs: options.timeoutMs,
      maxRetryAfterMs: 5000,
      maxRateLimitRetries: 1,
    });
  }

  async exchangeCode(input: { code: string; redirectUri: string; codeVerifier: string }): Promise<TokenGrant> {
    return toGrant(await this.call(() => this.client().exchangeCode(input)));
  }

  async refresh(refreshToken: string): Promise<TokenGrant> {
    return toGrant(await this.call(() => this.client().refresh(refreshToken)));
  }

  async me(accessToken: string): Promise<SpotifyProfile> {
    const key = `pending-${randomUUID()}`;
    this.pending.set(key, accessToken);
    try {
      const user = await this.api.getMe(key);
      return { id: user.id, accountId: user.account_id ?? null, displayName: user.display_name ?? null };
    } catch (error) {
      if (error instanceof SpotifyApiError && (error.status === 401 || error.status === 403))
        throw new SpotifyForbiddenError(error.status, error.apiMessage);
      throw mapError(error);
    } finally {
      this.pending.delete(key);
    }
  }

  private client(): SpotifyAccountsClient {
    if (!this.accounts) throw new SpotifyGrantError('invalid_client', 'SPOTIFY_CLIENT_ID is not configured');
    return this.accounts;
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw mapError(error);
    }
  }
}

function mapError(error: unknown): unknown {
  if (error instanceof ReauthRequired) return new SpotifyGrantError('invalid_grant', error.reason);
  if (error instanceof SpotifyAuthError) return new SpotifyGrantError(error.code, error.description || error.code);
  if (error instanceof SpotifyUnavailable) {
    const what = error.status ? `answered ${error.status}` : `failed (${error.causeDescription})`;
    return new SpotifyUnavailableError(`Spotify ${what} after ${error.attempts} attempt(s)`);
  }
  if (error instanceof RateLimited)
    return new SpotifyUnavailableError(`Spotify is rate limiting Rewind until ${error.retryAt.toISOString()}`);
  if (error instanceof SpotifyApiError) return new SpotifyUnavailableError(`Spotify answered ${error.status}`);
  return error;
}
