/** What auth-service needs from Spotify; implemented over @rewind/spotify (see spotify-auth.adapter.ts). */

export interface TokenGrant {
  accessToken: string;
  /** seconds */
  expiresIn: number;
  /** present when Spotify issued (or rotated) one; absent means "keep the old one" */
  refreshToken?: string;
  scope?: string;
}

export interface SpotifyProfile {
  /** the user name (`id` of /me) */
  id: string;
  /** `account_id` of /me: the stable key of the Spotify account, when Spotify gives one */
  accountId: string | null;
  displayName: string | null;
}

/**
 * Spotify's accounts service refused a grant (400 `{ error, error_description }`), e.g.
 * `invalid_grant` / "Invalid refresh token". `invalid_grant` on a refresh is final.
 */
export class SpotifyGrantError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
    this.name = 'SpotifyGrantError';
  }

  get final(): boolean {
    return this.error === 'invalid_grant';
  }
}

/** The token or /me call answered 401/403 for a user reason (e.g. not on the app's allow-list). */
export class SpotifyForbiddenError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'SpotifyForbiddenError';
  }
}

/** Spotify could not be reached or kept failing (5xx, timeouts, 429 beyond what we wait for), after retries. */
export class SpotifyUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpotifyUnavailableError';
  }
}

export abstract class SpotifyAuthPort {
  /** Authorization code (+ PKCE verifier) → tokens. */
  abstract exchangeCode(input: { code: string; redirectUri: string; codeVerifier: string }): Promise<TokenGrant>;
  /** Refresh grant; 5xx and timeouts are retried inside. */
  abstract refresh(refreshToken: string): Promise<TokenGrant>;
  /** GET /me */
  abstract me(accessToken: string): Promise<SpotifyProfile>;
}
