import type { IncomingMessage } from 'node:http';
import { ADMIN, ANONYMOUS, isUnauthenticatedPath, Principal, sessionIdOf } from '@rewind/service-kit';
import type { Refusal } from '../http/api-error-response';
import { ApiTokenCheck, hasDotSegments } from './api-token';

/** The principal of a request, or why it is refused. */
export type Resolution = { principal: Principal; refusal?: undefined } | { refusal: Refusal };

/** The account of a live session, null for an unknown or ended one; throws when auth-service cannot say. */
export type SessionLookup = (sessionId: string) => Promise<string | null>;

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function refusal(statusCode: 401 | 403 | 503, message: string): { refusal: Refusal } {
  const error = { 401: 'Unauthorized', 403: 'Forbidden', 503: 'Service Unavailable' }[statusCode];
  return {
    refusal: { body: { statusCode, error, message }, headers: statusCode === 401 ? ['WWW-Authenticate', 'Bearer realm="rewind"'] : [] },
  };
}

/** "https://host:3000/x" → "host:3000"; null when it is not a URL. */
function hostOf(url: string): string | null {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * Cross-site request forgery: a cookie goes along with a request another site's page makes, so an
 * unsafe request signed in by cookie must come from one of Rewind's own pages: its Origin (or,
 * without one, its Referer) names the host the request was sent to. SameSite=Lax is the other half.
 */
export function crossSiteRefusal(req: IncomingMessage): { refusal: Refusal } | null {
  if (!UNSAFE_METHODS.has(req.method ?? '')) return null;
  const origin = req.headers.origin;
  const referer = req.headers.referer;
  const from = typeof origin === 'string' && origin !== 'null' ? hostOf(origin) : typeof referer === 'string' ? hostOf(referer) : null;
  const forwardedHost = req.headers['x-forwarded-host'];
  const hosts = [req.headers.host, typeof forwardedHost === 'string' ? forwardedHost.split(',')[0] : undefined]
    .filter((h): h is string => Boolean(h))
    .map((h) => h.trim().toLowerCase());
  if (from && hosts.includes(from)) return null;
  return refusal(
    403,
    from
      ? `Cross-site request refused: a ${req.method} signed in by cookie must come from Rewind's own pages (Origin ${from} is not this site)`
      : `Cross-site request refused: a ${req.method} signed in by cookie needs an Origin (or Referer) header naming this site`,
  );
}

/** Remembered lookups, so a page's dozen requests cost auth-service one: bounded, each kept `ttlMs`. */
export class SessionCache {
  private readonly entries = new Map<string, { accountId: string | null; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(sessionId: string, now: number): string | null | undefined {
    const entry = this.entries.get(sessionId);
    if (!entry) return undefined;
    if (entry.until > now) return entry.accountId;
    this.entries.delete(sessionId);
    return undefined;
  }

  set(sessionId: string, accountId: string | null, now: number): void {
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(sessionId, { accountId, until: now + this.ttlMs });
  }
}

export interface WhoIsAskingOptions {
  checkToken: ApiTokenCheck;
  sessions: SessionLookup;
  cache: SessionCache;
  now?: () => number;
}

/** Asks auth-service (internal route) who a session belongs to. */
export function authServiceSessions(authUrl: string, internalToken: string, timeoutMs = 5_000): SessionLookup {
  const url = new URL('/internal/sessions/resolve', authUrl).toString();
  return async (sessionId) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-internal-token': internalToken },
      body: JSON.stringify({ sessionId }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`auth-service answered ${res.status} to a session lookup`);
    return ((await res.json()) as { accountId: string }).accountId;
  };
}

const LOGOUT_PATH = '/api/auth/logout';

/**
 * Who is asking, resolved once per request by the gateway and passed on to the services in the
 * principal header: the admin (Authorization: Bearer API_TOKEN; it wins over a cookie), a listener
 * (the rewind_session cookie, looked up in auth-service and remembered briefly), or nobody on the
 * public routes. Synchronous unless a session has to be looked up.
 */
export function whoIsAsking(options: WhoIsAskingOptions): (req: IncomingMessage) => Resolution | Promise<Resolution> {
  const { checkToken, sessions, cache, now = Date.now } = options;
  return (req) => {
    const url = req.url ?? '/';
    const path = url.split('?', 1)[0];
    const sessionId = req.headers.authorization === undefined ? sessionIdOf(req.headers) : null;
    if (!sessionId || isUnauthenticatedPath(path)) {
      const tokenRefusal = checkToken(req);
      if (tokenRefusal) return { refusal: tokenRefusal };
      return { principal: isUnauthenticatedPath(path) ? ANONYMOUS : ADMIN };
    }
    if (hasDotSegments(path))
      return {
        refusal: {
          body: { statusCode: 400, error: 'Bad Request', message: 'The path must not contain "." or ".." segments' },
          headers: [],
        },
      };
    const csrf = crossSiteRefusal(req);
    if (csrf) return csrf;
    const done = (accountId: string | null): Resolution => {
      if (!accountId) return refusal(401, 'Your session has ended (signed out or expired): sign in with Spotify again');
      // A logout ends the session at once for this gateway, whatever the cache remembered.
      if (path === LOGOUT_PATH) cache.set(sessionId, null, now());
      return { principal: { role: 'listener', accountId } };
    };
    const cached = cache.get(sessionId, now());
    if (cached !== undefined) return done(cached);
    return sessions(sessionId).then(
      (accountId) => {
        cache.set(sessionId, accountId, now());
        return done(accountId);
      },
      () => refusal(503, 'Sessions cannot be checked right now (auth-service is unavailable); try again shortly'),
    );
  };
}
