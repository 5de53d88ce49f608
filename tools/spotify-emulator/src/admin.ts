import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerConfig } from './server-config';
import type { World } from './world';
import {
  ACCESS_TOKEN_LIFETIME_S,
  type FaultConfig,
  type ListenerCounters,
  type ListenerSpec,
  type PlayInput,
  type TruthPlay,
} from './world-types';

export interface ListenerInfo {
  id: string;
  /** `account_id` of /me */
  accountId: string;
  displayName: string;
  allowListed: boolean;
  historyStart: string;
  generate: boolean;
}

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  scope: string;
}

export interface EmulatorSettings {
  refreshMode?: 'rotate' | 'keep';
  autoApprove?: boolean;
  devMode?: boolean;
  browserUser?: string;
}

/**
 * The admin API: the same operations as functions (for tests and other services in-process)
 * and over HTTP under /admin/** (for out-of-process use):
 *
 * | HTTP | function |
 * |---|---|
 * | `GET /admin/state` | `state()` |
 * | `GET /admin/listeners`, `POST /admin/listeners` (ListenerSpec) | `listListeners()`, `addListener(spec)` |
 * | `POST /admin/listeners/:id/plays` `{ plays: PlayInput[] }` | `addPlays(id, plays)` |
 * | `GET /admin/listeners/:id/plays?exposed=true` | `groundTruth(id, { exposedOnly })` |
 * | `POST /admin/listeners/:id/tokens` `{ scope? }` | `issueTokens(id, { scope })` |
 * | `PUT /admin/listeners/:id/allow-list` `{ allowed }` | `setAllowListed(id, allowed)` |
 * | `POST /admin/clock/advance` `{ ms }` or `{ seconds }` or `{ to }` | `advance(ms)`, `advanceTo(at)` |
 * | `PUT /admin/faults` / `PUT /admin/faults/:id` (FaultConfig) | `setFaults(faults, id?)` |
 * | `DELETE /admin/faults` / `DELETE /admin/faults/:id` | `clearFaults(id?)` |
 * | `GET /admin/counters`, `GET /admin/counters/:id`, `POST /admin/counters/reset` | `allCounters()`, `counters(id)`, `resetCounters()` |
 * | `POST /admin/tokens/expire` `{ listenerId? }` | `expireAccessTokens(id?)` |
 * | `POST /admin/tokens/revoke` `{ listenerId? }` | `revokeRefreshTokens(id?)` |
 * | `PUT /admin/settings` (EmulatorSettings) | `configure(settings)` |
 */
export class AdminApi {
  constructor(
    private readonly world: World,
    private readonly config: ServerConfig,
  ) {}

  state() {
    return {
      now: new Date(this.world.now()).toISOString(),
      nowMs: this.world.now(),
      seed: this.world.seed,
      devMode: this.world.devMode,
      refreshMode: this.config.refreshMode,
      autoApprove: this.config.autoApprove,
      browserUser: this.world.browserUser ?? null,
      listeners: this.listListeners(),
      globalFaults: this.world.globalFaults,
    };
  }

  now(): number {
    return this.world.now();
  }

  advance(ms: number): number {
    return this.world.advance(ms);
  }

  advanceTo(at: Date | string | number): number {
    return this.world.advanceTo(at);
  }

  addListener(spec: ListenerSpec = {}): ListenerInfo {
    return this.info(this.world.addListener(spec).id);
  }

  listListeners(): ListenerInfo[] {
    return [...this.world.listeners.keys()].map((id) => this.info(id));
  }

  private info(id: string): ListenerInfo {
    const l = this.world.getListener(id);
    return {
      id,
      accountId: l.accountId,
      displayName: l.displayName,
      allowListed: this.world.allowList.has(id),
      historyStart: new Date(l.profile.historyStartMs).toISOString(),
      generate: l.generate,
    };
  }

  addPlays(listenerId: string, plays: PlayInput[]): TruthPlay[] {
    return this.world.addPlays(listenerId, plays);
  }

  groundTruth(listenerId: string, options: { exposedOnly?: boolean } = {}): TruthPlay[] {
    return this.world.groundTruth(listenerId, options);
  }

  /** Tokens for a listener without going through the browser flow (as after a consent now). */
  issueTokens(listenerId: string, options: { scope?: string; pkce?: boolean } = {}): IssuedTokens {
    this.world.getListener(listenerId);
    const scope = options.scope ?? 'user-read-recently-played user-read-private';
    const access = this.world.issueAccessToken(listenerId, this.config.clientId, scope);
    const refresh = this.world.issueRefreshToken(listenerId, this.config.clientId, scope, this.world.now(), options.pkce ?? false);
    return { accessToken: access.token, refreshToken: refresh.token, expiresIn: ACCESS_TOKEN_LIFETIME_S, scope };
  }

  setAllowListed(listenerId: string, allowed: boolean): void {
    this.world.setAllowListed(listenerId, allowed);
  }

  /** Replace the faults of one account, or the global ones when no id is given. */
  setFaults(faults: FaultConfig, listenerId?: string): void {
    if (listenerId) this.world.getListener(listenerId).faults = { ...faults };
    else this.world.globalFaults = { ...faults };
  }

  /** Clear the faults of one account, or all faults (global and every account) when no id is given. */
  clearFaults(listenerId?: string): void {
    if (listenerId) {
      this.world.getListener(listenerId).faults = {};
      return;
    }
    this.world.globalFaults = {};
    for (const l of this.world.listeners.values()) l.faults = {};
  }

  counters(listenerId: string): ListenerCounters {
    return { ...this.world.counters(listenerId) };
  }

  allCounters(): { global: ListenerCounters; listeners: Record<string, ListenerCounters> } {
    const listeners: Record<string, ListenerCounters> = {};
    for (const l of this.world.listeners.values()) listeners[l.id] = { ...l.counters };
    return { global: { ...this.world.globalCounters }, listeners };
  }

  resetCounters(): void {
    this.world.resetCounters();
  }

  expireAccessTokens(listenerId?: string): number {
    return this.world.expireAccessTokens(listenerId);
  }

  revokeRefreshTokens(listenerId?: string): number {
    return this.world.revokeRefreshTokens(listenerId);
  }

  configure(settings: EmulatorSettings): void {
    if (settings.refreshMode !== undefined) {
      if (settings.refreshMode !== 'rotate' && settings.refreshMode !== 'keep') throw new Error('refreshMode must be rotate or keep');
      this.config.refreshMode = settings.refreshMode;
    }
    if (settings.autoApprove !== undefined) this.config.autoApprove = Boolean(settings.autoApprove);
    if (settings.devMode !== undefined) this.world.devMode = Boolean(settings.devMode);
    if (settings.browserUser !== undefined) {
      this.world.getListener(settings.browserUser);
      this.world.browserUser = settings.browserUser;
    }
  }

  // ---- HTTP ----------------------------------------------------------------------------

  async handleHttp(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const parts = url.pathname.split('/').filter(Boolean).slice(1).map(decodeURIComponent); // drop "admin"
    const method = req.method ?? 'GET';
    const body = method === 'GET' || method === 'DELETE' ? {} : await readJson(req);
    const ok = (status: number, value: unknown) => {
      const text = value === undefined ? '' : JSON.stringify(value);
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    };
    const [a, b, c] = parts;
    const key = `${method} ${a ?? ''}${b !== undefined ? '/:b' : ''}${c !== undefined ? `/${c}` : ''}`;
    switch (key) {
      case 'GET state':
        return ok(200, this.state());
      case 'GET listeners':
        return ok(200, this.listListeners());
      case 'POST listeners':
        return ok(201, this.addListener(body as ListenerSpec));
      case 'POST listeners/:b/plays':
        return ok(201, this.addPlays(b, (body as { plays: PlayInput[] }).plays ?? []));
      case 'GET listeners/:b/plays':
        return ok(200, this.groundTruth(b, { exposedOnly: url.searchParams.get('exposed') === 'true' }));
      case 'POST listeners/:b/tokens':
        return ok(201, this.issueTokens(b, body as { scope?: string }));
      case 'PUT listeners/:b/allow-list':
        this.setAllowListed(b, Boolean((body as { allowed?: boolean }).allowed));
        return ok(200, this.info(b));
      case 'POST clock/:b': {
        if (b !== 'advance') break;
        const x = body as { ms?: number; seconds?: number; to?: string };
        const now = x.to !== undefined ? this.advanceTo(x.to) : this.advance(x.ms ?? (x.seconds ?? 0) * 1000);
        return ok(200, { now: new Date(now).toISOString(), nowMs: now });
      }
      case 'PUT faults':
        this.setFaults(body as FaultConfig);
        return ok(200, this.world.globalFaults);
      case 'PUT faults/:b':
        this.setFaults(body as FaultConfig, b);
        return ok(200, this.world.getListener(b).faults);
      case 'DELETE faults':
        this.clearFaults();
        return ok(204, undefined);
      case 'DELETE faults/:b':
        this.clearFaults(b);
        return ok(204, undefined);
      case 'GET counters':
        return ok(200, this.allCounters());
      case 'GET counters/:b':
        return ok(200, b === 'reset' ? undefined : this.counters(b));
      case 'POST counters/:b':
        if (b !== 'reset') break;
        this.resetCounters();
        return ok(204, undefined);
      case 'POST tokens/:b': {
        const id = (body as { listenerId?: string }).listenerId;
        if (b === 'expire') return ok(200, { expired: this.expireAccessTokens(id) });
        if (b === 'revoke') return ok(200, { revoked: this.revokeRefreshTokens(id) });
        break;
      }
      case 'PUT settings':
        this.configure(body as EmulatorSettings);
        return ok(200, this.state());
    }
    ok(404, { error: { status: 404, message: `no admin route ${method} ${url.pathname}` } });
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  return JSON.parse(text) as unknown;
}
