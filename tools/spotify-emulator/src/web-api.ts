import type { IncomingMessage, ServerResponse } from 'node:http';
import { apiError, send } from './http-replies';
import { reportedAtMs } from './listens';
import type { TransportFaults } from './transport-faults';
import { fullArtist, fullTrack } from './web-objects';
import type { World } from './world';
import { RECENTLY_PLAYED_WINDOW, type Listener } from './world-types';

const BASE62_ID = /^[0-9A-Za-z]{22}$/;

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;

/** The Web API under /v1: /me, recently-played, artists and tracks (one and batches). */
export class WebApi {
  constructor(
    private readonly world: World,
    private readonly faults: TransportFaults,
    private readonly urls: { readonly apiUrl: string },
  ) {}

  private get apiUrl(): string {
    return this.urls.apiUrl;
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const auth = req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)$/.exec(auth);
    const rec = m ? this.world.accessTokens.get(m[1]) : undefined;
    const listener = rec ? this.world.listeners.get(rec.listenerId) : undefined;
    const counters = this.faults.counters(listener);
    counters.apiCalls++;
    if (await this.faults.apply('api', listener, res)) return;
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
