import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { escapeHtml, oauthError, readBody, redirect, safeEqual, send, withParams } from './http-replies';
import { redirectUriProblem } from './redirect-uri';
import type { ServerConfig } from './server-config';
import type { TransportFaults } from './transport-faults';
import type { World } from './world';
import { ACCESS_TOKEN_LIFETIME_S, refreshTokenDiesAtMs, type Listener } from './world-types';

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

/** The accounts service: `/authorize` (consent page or auto-approve) and `/api/token` (code and refresh grants). */
export class AccountsService {
  constructor(
    private readonly world: World,
    private readonly config: ServerConfig,
    private readonly faults: TransportFaults,
  ) {}

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

  authorize(_req: IncomingMessage, res: ServerResponse, url: URL): void {
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

  async authorizeDecision(req: IncomingMessage, res: ServerResponse): Promise<void> {
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

  async token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readBody(req));
    const grant = form.get('grant_type');
    // who is this about? (for per-account faults and counters)
    let listener: Listener | undefined;
    if (grant === 'authorization_code')
      listener = this.world.listeners.get(this.world.authCodes.get(form.get('code') ?? '')?.listenerId ?? '');
    if (grant === 'refresh_token')
      listener = this.world.listeners.get(this.world.refreshTokens.get(form.get('refresh_token') ?? '')?.listenerId ?? '');
    if (await this.faults.apply('accounts', listener, res)) return;

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
}
