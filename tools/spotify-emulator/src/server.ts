import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fullArtist, fullTrack } from './web-objects';
import { reportedAtMs } from './listens';
import { redirectUriProblem } from './redirect-uri';
import {
  RECENTLY_PLAYED_WINDOW,
  refreshTokenDiesAtMs,
  ACCESS_TOKEN_LIFETIME_S,
  type FaultConfig,
  type Listener,
  type ListenerCounters,
  type World,
} from './world';
import type { AdminApi } from './admin';
import type { ServerConfig } from './server-config';

const KNOWN_SCOPES = new Set([
  'user-read-recently-played',
  'user-read-private',
  'user-read-email',
  'user-top-read',
  'user-library-read',
  'playlist-read-private',
  'user-read-playback-state',
  'user-read-currently-playing',
]);
const BASE62_ID = /^[0-9A-Za-z]{22}$/;

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed || res.headersSent) return;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Web API error body: `{ error: { status, message } }` */
function apiError(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
  extra: Record<string, unknown> = {},
): void {
  send(res, status, { error: { status, message, ...extra } }, headers);
}

/** Accounts service error body: `{ error, error_description }` */
function oauthError(res: ServerResponse, status: number, error: string, description: string): void {
  send(res, status, { error, error_description: description });
}

function redirect(res: ServerResponse, location: string): void {
  if (res.destroyed) return;
  res.writeHead(302, { location, 'content-length': 0 });
  res.end();
}

function withParams(base: string, params: Record<string, string | undefined>): string {
  const url = new URL(base);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}

async function readBody(req: IncomingMessage, limit = 5_000_000): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The HTTP surface of the emulator: accounts service, Web API under /v1, admin API under /admin.
 * Built on node:http directly (no framework) so it starts in milliseconds.
 */
export class EmulatorServer {
  /** responses deliberately left hanging (timeout faults); destroyed on close */
  readonly hanging = new Set<ServerResponse>();
  baseUrl = '';

  constructor(
    readonly world: World,
    readonly config: ServerConfig,
    private readonly admin: AdminApi,
  ) {}

  get apiUrl(): string {
    return `${this.baseUrl}/v1`;
  }

  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    this.route(req, res, url).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        const message = error instanceof Error ? error.message : String(error);
        if (url.pathname.startsWith('/admin')) send(res, 400, { error: { status: 400, message } });
        else apiError(res, 500, 'Server error.');
      }
    });
  };

  private async route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const p = url.pathname;
    if (p.startsWith('/admin/') || p === '/admin') {
      if (!this.config.adminEnabled) return apiError(res, 404, 'Service not found');
      return this.admin.handleHttp(req, res, url);
    }
    if (p === '/authorize') {
      if (req.method === 'GET') return this.authorize(req, res, url);
      if (req.method === 'POST') return this.authorizeDecision(req, res);
      return apiError(res, 405, 'Method not allowed');
    }
    if (p === '/api/token') {
      if (req.method !== 'POST') return apiError(res, 405, 'Method not allowed');
      return this.token(req, res);
    }
    if (p === '/health') return send(res, 200, { status: 'ok' });
    if (p.startsWith('/v1/')) return this.api(req, res, url);
    return apiError(res, 404, 'Service not found');
  }

  // ---- faults ------------------------------------------------------------------------

  private counters(listener: Listener | undefined): ListenerCounters {
    return listener ? listener.counters : this.world.globalCounters;
  }

  /** Decrement a "next N requests" fault on whichever config (account or global) defines it. */
  private consume(listener: Listener | undefined, field: 'rateLimitCount' | 'failNext' | 'hangNext'): boolean {
    const own = listener?.faults;
    const holder: FaultConfig = own && own[field] !== undefined ? own : this.world.globalFaults;
    const n = holder[field];
    if (n === undefined || n <= 0) return false;
    holder[field] = n - 1;
    return true;
  }

  /**
   * Transport faults (latency, hang, 429, 5xx). Returns true when the request was answered
   * (or deliberately left hanging) by a fault.
   */
  private async transportFaults(surface: 'api' | 'accounts', listener: Listener | undefined, res: ServerResponse): Promise<boolean> {
    const f = this.world.effectiveFaults(listener?.id);
    const target = f.target ?? 'api';
    if (target !== 'all' && target !== surface) return false;
    const counters = this.counters(listener);
    const rng = this.world.faultRng(listener?.id);
    if (f.latencyMs) await sleep(f.latencyMs);
    if (this.consume(listener, 'hangNext') || (f.hangRate && rng.next() < f.hangRate)) {
      counters.hangs++;
      this.hanging.add(res);
      res.on('close', () => this.hanging.delete(res));
      return true;
    }
    if (f.retryAfterSec !== undefined && (f.rateLimitCount === undefined || this.consume(listener, 'rateLimitCount'))) {
      counters.status429++;
      this.tooMany(res, surface, f.omitRetryAfter ? undefined : f.retryAfterSec, f.quotaExceeded ?? false, f.emptyRateLimitBody ?? false);
      return true;
    }
    if (f.windowLimit !== undefined) {
      const hits = listener ? listener.windowHits : this.world.globalWindowHits;
      const t = Date.now();
      while (hits.length && hits[0] <= t - 30_000) hits.shift();
      if (hits.length >= f.windowLimit) {
        counters.status429++;
        const wait = Math.max(1, Math.ceil((hits[0] + 30_000 - t) / 1000));
        this.tooMany(res, surface, f.omitRetryAfter ? undefined : wait, f.quotaExceeded ?? false, f.emptyRateLimitBody ?? false);
        return true;
      }
      hits.push(t);
    }
    if (this.consume(listener, 'failNext') || (f.errorRate && rng.next() < f.errorRate)) {
      const statuses = f.errorStatuses?.length ? f.errorStatuses : [500, 502, 503];
      const status = statuses[Math.floor(rng.next() * statuses.length)];
      counters.status5xx++;
      if (surface === 'api')
        apiError(res, status, status === 503 ? 'Service unavailable' : status === 502 ? 'Bad gateway' : 'Server error.');
      else oauthError(res, status, 'server_error', 'Server error');
      return true;
    }
    return false;
  }

  /** A 429; real ones often come without a body, and sometimes without Retry-After. */
  private tooMany(res: ServerResponse, surface: 'api' | 'accounts', retryAfter: number | undefined, quota: boolean, empty: boolean): void {
    const headers: Record<string, string> = retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) };
    if (empty) {
      if (res.destroyed || res.headersSent) return;
      res.writeHead(429, { ...headers, 'content-length': 0 });
      res.end();
      return;
    }
    if (surface === 'accounts') return send(res, 429, { error: 'rate_limited', error_description: 'Too many requests' }, headers);
    apiError(res, 429, 'API rate limit exceeded', headers, quota ? { reason: 'QUOTA_EXCEEDED' } : {});
  }

  // ---- accounts: /authorize ------------------------------------------------------------

  /** Validates an authorize request. Returns an error page (string) or the redirect error, or the parsed request. */
  private parseAuthorize(
    q: URLSearchParams,
  ):
    | { page: string }
    | { redirectError: string; redirectUri: string; state?: string }
    | { ok: { clientId: string; redirectUri: string; state?: string; scope: string; codeChallenge?: string; user?: string } } {
    const clientId = q.get('client_id') ?? '';
    const redirectUri = q.get('redirect_uri') ?? '';
    const state = q.get('state') ?? undefined;
    if (clientId !== this.config.clientId) return { page: 'INVALID_CLIENT: Invalid client' };
    const problem = redirectUri ? redirectUriProblem(redirectUri) : 'missing';
    if (problem) return { page: `INVALID_CLIENT: Insecure redirect URI (${problem})` };
    if (!this.config.redirectUris.includes(redirectUri)) return { page: 'INVALID_CLIENT: Invalid redirect URI' };
    if (q.get('response_type') !== 'code') return { redirectError: 'unsupported_response_type', redirectUri, state };
    const scope = (q.get('scope') ?? '').split(/\s+/).filter(Boolean);
    if (scope.some((s) => !KNOWN_SCOPES.has(s))) return { redirectError: 'invalid_scope', redirectUri, state };
    const method = q.get('code_challenge_method');
    const challenge = q.get('code_challenge') ?? undefined;
    if (method !== null || challenge !== undefined) {
      if (method !== 'S256' || !challenge || !/^[A-Za-z0-9_-]{43}$/.test(challenge))
        return { redirectError: 'invalid_request', redirectUri, state };
    }
    return {
      ok: { clientId, redirectUri, state, scope: scope.join(' '), codeChallenge: challenge, user: q.get('emulator_user') ?? undefined },
    };
  }

  private issueCode(listenerId: string, r: { clientId: string; redirectUri: string; scope: string; codeChallenge?: string }): string {
    const code = `AQ${randomBytes(48).toString('base64url')}`;
    this.world.authCodes.set(code, {
      code,
      listenerId,
      clientId: r.clientId,
      redirectUri: r.redirectUri,
      scope: r.scope,
      codeChallenge: r.codeChallenge,
      expiresAtMs: this.world.now() + 10 * 60_000,
      used: false,
    });
    this.world.getListener(listenerId).counters.authorizations++;
    return code;
  }

  private authorize(_req: IncomingMessage, res: ServerResponse, url: URL): void {
    const parsed = this.parseAuthorize(url.searchParams);
    if ('page' in parsed) return send(res, 400, `<!doctype html><title>Error</title><h1>${escapeHtml(parsed.page)}</h1>`);
    if ('redirectError' in parsed)
      return redirect(res, withParams(parsed.redirectUri, { error: parsed.redirectError, state: parsed.state }));
    const r = parsed.ok;
    const user = r.user ?? this.world.browserUser;
    if (this.config.autoApprove) {
      if (!user || !this.world.listeners.has(user)) return send(res, 400, '<!doctype html><h1>No emulated user is logged in</h1>');
      return redirect(res, withParams(r.redirectUri, { code: this.issueCode(user, r), state: r.state }));
    }
    const hidden = [...url.searchParams.entries()]
      .filter(([k]) => k !== 'emulator_user')
      .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
      .join('');
    const options = [...this.world.listeners.values()]
      .map(
        (l) =>
          `<option value="${escapeHtml(l.id)}"${l.id === user ? ' selected' : ''}>${escapeHtml(l.displayName)} (${escapeHtml(l.id)})</option>`,
      )
      .join('');
    send(
      res,
      200,
      `<!doctype html><html><head><meta charset="utf-8"><title>Spotify emulator – authorize</title></head><body>
<h1>Rewind would like to access your (emulated) Spotify account</h1>
<p>Scopes: ${escapeHtml(r.scope || '(none)')}</p>
<form method="post" action="/authorize">${hidden}
<label>Log in as <select name="emulator_user">${options}</select></label>
<button type="submit" name="decision" value="approve" id="approve">Agree</button>
<button type="submit" name="decision" value="deny" id="deny">Cancel</button>
</form><p><small>This is the Spotify emulator: demo data only.</small></p></body></html>`,
    );
  }

  private async authorizeDecision(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readBody(req));
    const parsed = this.parseAuthorize(form);
    if ('page' in parsed) return send(res, 400, `<!doctype html><title>Error</title><h1>${escapeHtml(parsed.page)}</h1>`);
    if ('redirectError' in parsed)
      return redirect(res, withParams(parsed.redirectUri, { error: parsed.redirectError, state: parsed.state }));
    const r = parsed.ok;
    if (form.get('decision') !== 'approve') return redirect(res, withParams(r.redirectUri, { error: 'access_denied', state: r.state }));
    const user = r.user ?? this.world.browserUser;
    if (!user || !this.world.listeners.has(user)) return send(res, 400, '<!doctype html><h1>Unknown emulated user</h1>');
    redirect(res, withParams(r.redirectUri, { code: this.issueCode(user, r), state: r.state }));
  }

  // ---- accounts: /api/token ------------------------------------------------------------

  private async token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readBody(req));
    const grant = form.get('grant_type');
    // who is this about? (for per-account faults and counters)
    let listener: Listener | undefined;
    if (grant === 'authorization_code')
      listener = this.world.listeners.get(this.world.authCodes.get(form.get('code') ?? '')?.listenerId ?? '');
    if (grant === 'refresh_token')
      listener = this.world.listeners.get(this.world.refreshTokens.get(form.get('refresh_token') ?? '')?.listenerId ?? '');
    if (await this.transportFaults('accounts', listener, res)) return;

    // client authentication: Basic (code flow) or client_id in the body (PKCE)
    let basic = false;
    const auth = req.headers.authorization;
    if (auth) {
      const m = /^Basic\s+(.+)$/i.exec(auth);
      const decoded = m ? Buffer.from(m[1], 'base64').toString('utf8') : '';
      const i = decoded.indexOf(':');
      if (i < 0 || !safeEqual(decoded.slice(0, i), this.config.clientId) || !safeEqual(decoded.slice(i + 1), this.config.clientSecret)) {
        return oauthError(res, 400, 'invalid_client', 'Invalid client');
      }
      basic = true;
    } else {
      const id = form.get('client_id');
      if (!id) return oauthError(res, 400, 'invalid_client', 'Invalid client');
      if (id !== this.config.clientId) return oauthError(res, 400, 'invalid_client', 'Invalid client');
    }

    if (grant === 'authorization_code') return this.codeGrant(res, form, basic);
    if (grant === 'refresh_token') return this.refreshGrant(res, form, basic);
    if (!grant) return oauthError(res, 400, 'unsupported_grant_type', 'grant_type parameter is missing');
    return oauthError(res, 400, 'unsupported_grant_type', 'grant_type must be client_credentials, authorization_code or refresh_token');
  }

  private codeGrant(res: ServerResponse, form: URLSearchParams, basic: boolean): void {
    const rec = this.world.authCodes.get(form.get('code') ?? '');
    const now = this.world.now();
    if (!rec || rec.used || rec.expiresAtMs < now || rec.clientId !== this.config.clientId) {
      return oauthError(res, 400, 'invalid_grant', 'Invalid authorization code');
    }
    if (form.get('redirect_uri') !== rec.redirectUri) return oauthError(res, 400, 'invalid_grant', 'Invalid redirect URI');
    const verifier = form.get('code_verifier');
    if (rec.codeChallenge !== undefined) {
      if (!verifier || !/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier))
        return oauthError(res, 400, 'invalid_grant', 'code_verifier was incorrect');
      const computed = createHash('sha256').update(verifier).digest('base64url');
      if (computed !== rec.codeChallenge) return oauthError(res, 400, 'invalid_grant', 'code_verifier was incorrect');
    } else if (!basic) {
      // the code flow without PKCE needs the client secret
      return oauthError(res, 400, 'invalid_client', 'Invalid client');
    }
    rec.used = true;
    const listener = this.world.getListener(rec.listenerId);
    listener.counters.tokenExchanges++;
    const access = this.world.issueAccessToken(rec.listenerId, rec.clientId, rec.scope);
    const refresh = this.world.issueRefreshToken(rec.listenerId, rec.clientId, rec.scope, now, !basic);
    send(res, 200, {
      access_token: access.token,
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_LIFETIME_S,
      refresh_token: refresh.token,
      scope: rec.scope,
    });
  }

  private refreshGrant(res: ServerResponse, form: URLSearchParams, basic: boolean): void {
    const rec = this.world.refreshTokens.get(form.get('refresh_token') ?? '');
    if (!rec) return oauthError(res, 400, 'invalid_grant', 'Invalid refresh token');
    const listener = this.world.listeners.get(rec.listenerId);
    const fail = (description: string) => {
      if (listener) listener.counters.refreshFailures++;
      oauthError(res, 400, 'invalid_grant', description);
    };
    if (rec.clientId !== this.config.clientId) return oauthError(res, 400, 'invalid_client', 'Invalid client');
    // code-flow tokens need the client secret
    if (!rec.pkce && !basic) return oauthError(res, 400, 'invalid_client', 'Invalid client');
    if (rec.revoked) return fail('Refresh token revoked');
    const now = this.world.now();
    // a refresh token lives at most six months from the original consent; refreshing never extends it
    if (now >= refreshTokenDiesAtMs(rec.consentAtMs)) return fail('Refresh token expired');
    if (this.world.effectiveFaults(rec.listenerId).invalidGrant) {
      rec.revoked = true;
      return fail('Refresh token revoked');
    }
    if (listener) listener.counters.tokenRefreshes++;
    const access = this.world.issueAccessToken(rec.listenerId, rec.clientId, rec.scope);
    const body: Record<string, unknown> = {
      access_token: access.token,
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_LIFETIME_S,
      scope: rec.scope,
    };
    if (this.config.refreshMode === 'rotate') {
      const next = this.world.issueRefreshToken(rec.listenerId, rec.clientId, rec.scope, rec.consentAtMs, rec.pkce);
      rec.revoked = true;
      body.refresh_token = next.token;
    }
    send(res, 200, body);
  }

  // ---- Web API -------------------------------------------------------------------------

  private async api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const auth = req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)$/.exec(auth);
    const rec = m ? this.world.accessTokens.get(m[1]) : undefined;
    const listener = rec ? this.world.listeners.get(rec.listenerId) : undefined;
    const counters = this.counters(listener);
    counters.apiCalls++;
    if (await this.transportFaults('api', listener, res)) return;
    if (!m) {
      counters.status401++;
      return apiError(res, 401, 'No token provided');
    }
    if (!rec || !listener) {
      counters.status401++;
      return apiError(res, 401, 'Invalid access token');
    }
    if (rec.expiresAtMs <= this.world.now()) {
      counters.status401++;
      return apiError(res, 401, 'The access token expired');
    }
    if (this.world.devMode && !this.world.allowList.has(listener.id)) {
      counters.status403++;
      return apiError(res, 403, 'Check settings on developer.spotify.com/dashboard, the user may not be registered.');
    }
    if (req.method !== 'GET') return apiError(res, 405, 'Method not allowed');
    const path = url.pathname.slice(3); // strip /v1
    const handlers: Array<[RegExp, Handler]> = [
      [/^\/me$/, () => this.me(res, listener)],
      [/^\/me\/player\/recently-played$/, () => this.recentlyPlayed(res, url, listener, rec.scope)],
      [/^\/artists$/, () => this.batch(res, url, listener, 'artists')],
      [/^\/tracks$/, () => this.batch(res, url, listener, 'tracks')],
      [/^\/artists\/([^/]+)$/, () => this.one(res, listener, 'artists', decodeURIComponent(path.split('/')[2]))],
      [/^\/tracks\/([^/]+)$/, () => this.one(res, listener, 'tracks', decodeURIComponent(path.split('/')[2]))],
    ];
    for (const [re, h] of handlers) if (re.test(path)) return h(req, res, url);
    return apiError(res, 404, 'Service not found');
  }

  private me(res: ServerResponse, l: Listener): void {
    l.counters.meCalls++;
    const body: Record<string, unknown> = {
      display_name: l.displayName,
      external_urls: { spotify: `https://open.spotify.com/user/${l.id}` },
      href: `${this.apiUrl}/users/${l.id}`,
      id: l.id,
      account_id: l.accountId,
      images: [],
      type: 'user',
      uri: `spotify:user:${l.id}`,
    };
    if (!this.world.devMode) {
      body.country = l.profile.habits.country;
      body.email = `${l.id}@example.invalid`;
      body.product = 'premium';
      body.followers = { href: null, total: 0 };
    }
    send(res, 200, body);
  }

  private recentlyPlayed(res: ServerResponse, url: URL, l: Listener, scope: string): void {
    l.counters.recentlyPlayedCalls++;
    if (!scope.split(' ').includes('user-read-recently-played')) {
      l.counters.status403++;
      return apiError(res, 403, 'Insufficient client scope');
    }
    const q = url.searchParams;
    const limitRaw = q.get('limit');
    let limit = 20;
    if (limitRaw !== null) {
      if (!/^\d+$/.test(limitRaw) || Number(limitRaw) < 1 || Number(limitRaw) > 50) return apiError(res, 400, 'Invalid limit');
      limit = Number(limitRaw);
    }
    const afterRaw = q.get('after');
    const beforeRaw = q.get('before');
    if (afterRaw !== null && beforeRaw !== null) return apiError(res, 400, 'Only one of after or before can be specified');
    for (const [name, v] of [
      ['after', afterRaw],
      ['before', beforeRaw],
    ] as const) {
      if (v !== null && !/^\d+$/.test(v)) return apiError(res, 400, `Invalid ${name} parameter`);
    }
    const after = afterRaw !== null ? Number(afterRaw) : undefined;
    const before = beforeRaw !== null ? Number(beforeRaw) : undefined;
    // only the last 50 plays, ever; cursors are exclusive
    let window = this.world.recentWindow(l.id);
    // played_at (and so the cursors) is the end of the listen, as Spotify reports it
    if (after !== undefined) window = window.filter((x) => reportedAtMs(x) > after);
    if (before !== undefined) window = window.filter((x) => reportedAtMs(x) < before);
    const page = window.slice(0, limit);
    const href = `${this.apiUrl}/me/player/recently-played${url.search}`;
    if (page.length === 0) return send(res, 200, { items: [], next: null, cursors: null, limit, href });
    const catalog = this.world.catalog;
    const items = page.map((x) => ({
      track: fullTrack(this.apiUrl, catalog, catalog.tracks[x.itemIndex], this.world.devMode),
      played_at: new Date(reportedAtMs(x)).toISOString(),
      context: x.context
        ? {
            type: x.context.type,
            uri: `spotify:${x.context.type}:${x.context.id}`,
            href: `${this.apiUrl}/${x.context.type}s/${x.context.id}`,
            external_urls: { spotify: `https://open.spotify.com/${x.context.type}/${x.context.id}` },
          }
        : null,
    }));
    const cursors = { after: String(reportedAtMs(page[0])), before: String(reportedAtMs(page[page.length - 1])) };
    // `next` pages backwards (older) and is present whenever the page is full, even when the
    // 50-play window is exhausted (following it then yields the empty page).
    const next = page.length === limit ? `${this.apiUrl}/me/player/recently-played?before=${cursors.before}&limit=${limit}` : null;
    send(res, 200, { items, next, cursors, limit, href });
  }

  private one(res: ServerResponse, l: Listener, kind: 'artists' | 'tracks', id: string): void {
    if (kind === 'artists') l.counters.artistCalls++;
    else l.counters.trackCalls++;
    if (!BASE62_ID.test(id)) return apiError(res, 400, 'Invalid base62 id');
    const catalog = this.world.catalog;
    if (kind === 'artists') {
      const a = catalog.artistById.get(id);
      if (!a) return apiError(res, 404, 'Resource not found');
      return send(res, 200, fullArtist(this.apiUrl, a, this.world.devMode));
    }
    const t = catalog.trackById.get(id);
    if (!t) return apiError(res, 404, 'Resource not found');
    send(res, 200, fullTrack(this.apiUrl, catalog, t, this.world.devMode));
  }

  private batch(res: ServerResponse, url: URL, l: Listener, kind: 'artists' | 'tracks'): void {
    l.counters.batchCalls++;
    // removed for development-mode apps in February 2026
    if (this.world.devMode) {
      l.counters.status403++;
      return apiError(res, 403, 'Forbidden');
    }
    const raw = url.searchParams.get('ids');
    if (!raw) return apiError(res, 400, 'Missing required field: ids');
    const ids = raw.split(',');
    if (ids.length > RECENTLY_PLAYED_WINDOW) return apiError(res, 400, 'Too many ids requested');
    if (ids.some((id) => !BASE62_ID.test(id))) return apiError(res, 400, 'Invalid base62 id');
    const catalog = this.world.catalog;
    if (kind === 'artists') {
      return send(res, 200, {
        artists: ids.map((id) => {
          const a = catalog.artistById.get(id);
          return a ? fullArtist(this.apiUrl, a, false) : null;
        }),
      });
    }
    send(res, 200, {
      tracks: ids.map((id) => {
        const t = catalog.trackById.get(id);
        return t ? fullTrack(this.apiUrl, catalog, t, false) : null;
      }),
    });
  }
}
