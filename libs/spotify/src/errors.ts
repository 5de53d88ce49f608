/** Typed errors of the Spotify client. Callers branch on the class, never on message text. */
export class SpotifyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The account's authorization is gone for good (invalid_grant): stop, mark it reauth_required, tell the user. */
export class ReauthRequired extends SpotifyError {
  constructor(
    readonly accountId: string | undefined,
    readonly reason: string,
  ) {
    super(`Spotify authorization must be renewed${accountId ? ` for account ${accountId}` : ''}: ${reason}`);
  }
}

/** Spotify asked this account to wait longer than the configured cap; retry at `retryAt`. */
export class RateLimited extends SpotifyError {
  constructor(
    readonly accountId: string | undefined,
    readonly retryAt: Date,
    readonly retryAfterSeconds: number,
    readonly quotaExceeded: boolean,
  ) {
    super(
      `Spotify rate limit${quotaExceeded ? ' (quota exceeded)' : ''}${accountId ? ` for account ${accountId}` : ''}: retry after ${retryAt.toISOString()}`,
    );
  }
}

/** 5xx or timeouts persisted through every retry. Temporary: try again later. */
export class SpotifyUnavailable extends SpotifyError {
  constructor(
    readonly status: number | undefined,
    readonly attempts: number,
    readonly causeDescription: string,
  ) {
    super(`Spotify unavailable after ${attempts} attempt(s): ${causeDescription}`);
  }
}

/** Any other non-2xx answer of the Web API (400, 403, 404, or a 401 that survived one refresh). */
export class SpotifyApiError extends SpotifyError {
  constructor(
    readonly status: number,
    readonly apiMessage: string,
    readonly reason?: string,
  ) {
    super(`Spotify API error ${status}: ${apiMessage}`);
  }
}

/** The accounts service refused the client itself (invalid_client) or the request (other 4xx): a configuration problem. */
export class SpotifyAuthError extends SpotifyError {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly description: string,
  ) {
    super(`Spotify accounts error ${status} ${code}: ${description}`);
  }
}
