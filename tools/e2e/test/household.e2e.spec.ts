import { Client } from 'pg';
import { QUIET_STACK_ENV, requireBuild, Stack, startStack } from '@rewind/testing';

// A household on the built stack: the demo listener (A, two years of history) and a second
// listener (B) both sign in through the emulator's authorization-code flow; every documented
// route is then called with B's cookie against A's resources.
const PORT_BASE = 5200 + (process.pid % 40) * 10;
const PG_PORT = 55300 + (process.pid % 90);

interface Operation {
  method: string;
  path: string;
  parameters: Array<{ name: string; in: string; required?: boolean }>;
  hasBody: boolean;
}

/** Public routes: no credentials needed, nothing of an account's behind them but a share's recap. */
const OPEN_PATHS = ['/api/auth/login', '/api/auth/callback', '/api/health', '/api/share/{id}'];
/** Routes about the caller themself: they answer B with B's own data (checked below), never A's. */
const SELF_ROUTES = ['GET /api/auth/me', 'GET /api/auth/accounts', 'POST /api/auth/logout'];

describe('a household: each listener signs in with Spotify and sees only their own listening', () => {
  let stack: Stack;
  let emulator: string;
  let operations: Operation[];
  let db: Client;
  const a = { id: '', spotifyId: '', name: '', cookie: '', importId: '', shareId: '' };
  const b = { id: '', spotifyId: 'household-b', name: 'Household Listener B', cookie: '' };
  /** Every successful answer B's cookie got, to look for A's identifiers in. */
  const seenByB: string[] = [];

  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`${stack.gateway}${path}`, {
      method,
      headers: { Authorization: `Bearer ${stack.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });

  /** A browser request with a session cookie, from Rewind's own pages unless `headers` says otherwise. */
  const asListener = (
    cookie: string,
    method: string,
    path: string,
    init: { body?: RequestInit['body']; headers?: Record<string, string> } = {},
  ) =>
    fetch(`${stack.gateway}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        cookie,
        ...(method === 'GET' ? {} : { origin: stack.gateway }),
        ...(typeof init.body === 'string' ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      body: init.body,
    });

  const asB = async (method: string, path: string, init: { body?: RequestInit['body']; headers?: Record<string, string> } = {}) => {
    const res = await asListener(b.cookie, method, path, init);
    // Refusals only echo the id B sent: the data is in what B was given.
    if (res.ok) seenByB.push(await res.clone().text());
    return res;
  };

  /** The whole sign-in as the emulator's `user`: login → Spotify's consent (auto-approved) → callback; returns the cookie. */
  async function signIn(user: string): Promise<string> {
    await fetch(`${emulator}/admin/settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ autoApprove: true, browserUser: user }),
    });
    const login = await fetch(`${stack.gateway}/api/auth/login`, { redirect: 'manual' });
    expect(login.status).toBe(302);
    const consent = await fetch(login.headers.get('location')!, { redirect: 'manual' });
    const callback = await fetch(consent.headers.get('location')!, { redirect: 'manual' });
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('/');
    const cookie = /^(rewind_session=[A-Za-z0-9_-]{43});/.exec(callback.headers.get('set-cookie') ?? '');
    expect(cookie).not.toBeNull();
    expect(callback.headers.get('set-cookie')).toMatch(/; HttpOnly; SameSite=Lax$/);
    return cookie![1];
  }

  const one = async <T>(sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows[0] as T;

  beforeAll(async () => {
    requireBuild();
    stack = await startStack({
      portBase: PORT_BASE,
      pgPort: PG_PORT,
      env: QUIET_STACK_ENV,
    });
    emulator = `http://127.0.0.1:${PORT_BASE + 10}`;
    db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    const demo = await one<{ id: string; spotify_user_id: string; display_name: string }>(
      'SELECT id, spotify_user_id, display_name FROM auth.accounts',
    );
    Object.assign(a, { id: demo.id, spotifyId: demo.spotify_user_id, name: demo.display_name });
    a.importId = (await one<{ id: string }>('SELECT id FROM raw.import_jobs WHERE account_id = $1', [a.id])).id;
    const added = await fetch(`${emulator}/admin/listeners`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: b.spotifyId, displayName: b.name, historyDays: 2 }),
    });
    expect(added.ok).toBe(true);
    a.cookie = await signIn(a.spotifyId);
    b.cookie = await signIn(b.spotifyId);
    b.id = (await one<{ id: string }>('SELECT id FROM auth.accounts WHERE spotify_user_id = $1', [b.spotifyId])).id;
    const share = await asListener(a.cookie, 'POST', '/api/auth/shares', {
      body: JSON.stringify({ kind: 'wrapped', year: wrappedYear() }),
    });
    expect(share.status).toBe(201);
    a.shareId = ((await share.json()) as { id: string }).id;
    const doc = (await (await fetch(`${stack.gateway}/docs/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { parameters?: Operation['parameters']; requestBody?: unknown }>>;
    };
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        hasBody: !!op.requestBody,
      })),
    );
  }, 300_000);

  afterAll(async () => {
    await db?.end();
    await stack?.stop();
  });

  /** The demo history ends today: last year is a full Wrapped. */
  const wrappedYear = () => new Date().getUTCFullYear() - 1;

  /** A's resource for a path parameter of `path`. */
  function resourceOfA(path: string): string {
    if (path.startsWith('/api/ingest/imports/')) return a.importId;
    if (path.startsWith('/api/auth/shares/')) return a.shareId;
    if (path.startsWith('/api/auth/accounts/')) return a.id;
    return 'x';
  }

  function targetAtA(op: Operation): string {
    let path = op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(resourceOfA(op.path)));
    const query = op.parameters.filter((p) => p.in === 'query' && (p.name === 'accountId' || p.required));
    if (query.length)
      path += `?${query.map((p) => `${p.name}=${p.name === 'accountId' ? a.id : p.name === 'year' ? wrappedYear() : 'x'}`).join('&')}`;
    return path;
  }

  function bodyAtA(op: Operation): RequestInit['body'] | undefined {
    if (!op.hasBody) return undefined;
    if (op.path === '/api/ingest/imports') {
      const form = new FormData();
      form.append('files', new Blob(['[]'], { type: 'application/json' }), 'Streaming_History_Audio_2025.json');
      return form;
    }
    return JSON.stringify({ accountId: a.id, kind: 'wrapped', year: wrappedYear(), timeZone: 'Europe/Berlin' });
  }

  async function fingerprintOfA() {
    return one(
      `SELECT (SELECT count(*) FROM auth.accounts WHERE id = $1)::int AS account, (SELECT count(*) FROM raw.plays WHERE account_id = $1)::int AS plays,
              (SELECT count(*) FROM raw.import_jobs WHERE account_id = $1)::int AS imports, (SELECT count(*) FROM raw.ingest_runs WHERE account_id = $1)::int AS runs,
              (SELECT count(*) FROM auth.shares WHERE account_id = $1 AND revoked_at IS NULL)::int AS shares,
              (SELECT time_zone FROM auth.accounts WHERE id = $1) AS zone, (SELECT count(*) FROM transform.runs WHERE trigger = 'manual')::int AS transform_runs`,
      [a.id],
    );
  }

  it('documents the household routes', () => {
    const routes = operations.map((o) => `${o.method} ${o.path}`);
    expect(routes).toEqual(
      expect.arrayContaining([
        'GET /api/auth/me',
        'POST /api/auth/logout',
        'POST /api/auth/shares',
        'GET /api/auth/shares',
        'DELETE /api/auth/shares/{id}',
        'GET /api/share/{id}',
      ]),
    );
  });

  it("every route called with B's cookie against A's resources answers 403 or 404, and changes nothing of A's", async () => {
    const before = await fingerprintOfA();
    const table = operations.filter((op) => !OPEN_PATHS.includes(op.path) && !SELF_ROUTES.includes(`${op.method} ${op.path}`));
    expect(table.length).toBeGreaterThanOrEqual(25);
    const answers: string[] = [];
    for (const op of table) {
      const res = await asB(op.method, targetAtA(op), { body: bodyAtA(op) });
      answers.push(`${op.method} ${op.path} → ${[403, 404].includes(res.status) ? '403/404' : res.status}`);
    }
    expect(answers).toEqual(table.map((op) => `${op.method} ${op.path} → 403/404`));
    expect(await fingerprintOfA()).toEqual(before);
  }, 120_000);

  it("the routes about oneself answer B with B's account alone; a client's principal header is ignored", async () => {
    expect(await (await asB('GET', '/api/auth/me')).json()).toEqual({ accountId: b.id, displayName: b.name, role: 'listener' });
    const accounts = (await (await asB('GET', '/api/auth/accounts', { headers: { 'x-rewind-principal': 'admin' } })).json()) as Array<{
      id: string;
    }>;
    expect(accounts.map((x) => x.id)).toEqual([b.id]);
    const forged = await fetch(`${stack.gateway}/api/auth/accounts`, { headers: { 'x-rewind-principal': 'admin' } });
    expect(forged.status).toBe(401);
  });

  it("B's stats, runs and shares are B's own without naming an account; the admin token still sees both", async () => {
    const summary = await asB('GET', '/api/stats/summary');
    expect(summary.status).toBe(200);
    expect(await summary.json()).toEqual(await (await admin('GET', `/api/stats/summary?accountId=${b.id}`)).json());
    const run = await asB('POST', '/api/ingest/runs', { body: '{}' });
    expect(run.status).toBe(202);
    const runs = (await (await asB('GET', '/api/ingest/runs')).json()) as Array<{ accountId: string }>;
    expect(runs.length).toBeGreaterThan(0);
    expect(new Set(runs.map((r) => r.accountId))).toEqual(new Set([b.id]));
    const created = await asB('POST', '/api/auth/shares', {
      body: JSON.stringify({ kind: 'range', from: '2025-01-01', to: '2025-02-01' }),
    });
    expect(created.status).toBe(201);
    const shares = (await (await asB('GET', '/api/auth/shares')).json()) as Array<{ accountId: string }>;
    expect(shares.map((s) => s.accountId)).toEqual([b.id]);

    const all = (await (await admin('GET', '/api/auth/accounts')).json()) as Array<{ id: string }>;
    expect(all.map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
    const aSummary = (await (await admin('GET', `/api/stats/summary?accountId=${a.id}`)).json()) as { plays: number };
    expect(aSummary.plays).toBeGreaterThan(1000);
    const allShares = (await (await admin('GET', '/api/auth/shares')).json()) as Array<{ accountId: string }>;
    expect(new Set(allShares.map((s) => s.accountId))).toEqual(new Set([a.id, b.id]));
    expect(await (await admin('GET', '/api/auth/me')).json()).toEqual({ accountId: null, displayName: null, role: 'admin' });
  }, 60_000);

  it("A's identifiers never appear in anything B was answered, and A's resources look like ones that do not exist", async () => {
    const text = seenByB.join('\n');
    expect(text.length).toBeGreaterThan(500);
    for (const secret of [a.id, a.spotifyId, a.name, a.importId, a.shareId]) expect(text).not.toContain(secret);
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const [path, id] of [
      [`/api/stats/summary?accountId=`, a.id],
      [`/api/ingest/imports/`, a.importId],
      [`/api/ingest/runs?accountId=`, a.id],
    ]) {
      const theirs = await asB('GET', `${path}${id}`);
      const none = await asB('GET', `${path}${unknown}`);
      expect({ status: theirs.status, body: (await theirs.text()).replace(id, unknown) }).toEqual({
        status: none.status,
        body: await none.text(),
      });
    }
  });

  it('refuses a cookie-signed unsafe request from another site (Origin, else Referer), and needs one of them', async () => {
    const body = JSON.stringify({ kind: 'wrapped', year: wrappedYear() });
    const foreign = await asB('POST', '/api/auth/shares', { body, headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { message: string }).message).toMatch(/Cross-site request refused/);
    const sneakyReferer = await fetch(`${stack.gateway}/api/auth/shares`, {
      method: 'POST',
      headers: { cookie: b.cookie, 'content-type': 'application/json', referer: 'https://evil.example/page' },
      body,
    });
    expect(sneakyReferer.status).toBe(403);
    const neither = await fetch(`${stack.gateway}/api/auth/shares`, {
      method: 'POST',
      headers: { cookie: b.cookie, 'content-type': 'application/json' },
      body,
    });
    expect(neither.status).toBe(403);
    const ownPage = await fetch(`${stack.gateway}/api/auth/shares`, {
      method: 'POST',
      headers: { cookie: b.cookie, 'content-type': 'application/json', referer: `${stack.gateway}/` },
      body,
    });
    expect(ownPage.status).toBe(201);
    // the bearer token is not sent by browsers on their own: no Origin needed
    expect((await admin('POST', '/api/auth/shares', { kind: 'wrapped', year: wrappedYear(), accountId: b.id })).status).toBe(201);
  });

  it('a share link: public data without credentials, no identifiers in it, 404 once revoked or expired', async () => {
    const res = await fetch(`${stack.gateway}/api/share/${a.shareId}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const data = JSON.parse(text) as { kind: string; year: number; wrapped: { totals: { plays: number }; topArtists: unknown[] } };
    expect(data.kind).toBe('wrapped');
    expect(data.year).toBe(wrappedYear());
    expect(data.wrapped.totals.plays).toBeGreaterThan(100);
    expect(data.wrapped.topArtists.length).toBeGreaterThan(0);
    for (const secret of [a.id, a.spotifyId, stack.token, a.cookie.split('=')[1]]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/"(id|\w+Id)":/);
    expect(text).not.toMatch(/@/);
    const page = await fetch(`${stack.gateway}/share/${a.shareId}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);

    const range = await asListener(a.cookie, 'POST', '/api/auth/shares', {
      body: JSON.stringify({ kind: 'range', from: `${wrappedYear()}-03-01`, to: `${wrappedYear()}-06-01`, expiresInDays: 7 }),
    });
    expect(range.status).toBe(201);
    const created = (await range.json()) as { id: string; url: string; expiresAt: string };
    expect(created.id).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(created.url).toBe(`${stack.gateway}/share/${created.id}`);
    expect(Date.parse(created.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    const rangeData = (await (await fetch(`${stack.gateway}/api/share/${created.id}`)).json()) as {
      range: { summary: { plays: number }; topTracks: unknown[] };
    };
    expect(rangeData.range.summary.plays).toBeGreaterThan(0);
    expect(rangeData.range.topTracks.length).toBeGreaterThan(0);

    await db.query(`UPDATE auth.shares SET expires_at = now() - interval '1 second' WHERE id = $1`, [created.id]);
    expect((await fetch(`${stack.gateway}/api/share/${created.id}`)).status).toBe(404);

    expect((await asListener(a.cookie, 'DELETE', `/api/auth/shares/${a.shareId}`)).status).toBe(204);
    expect((await fetch(`${stack.gateway}/api/share/${a.shareId}`)).status).toBe(404);
    expect((await fetch(`${stack.gateway}/api/share/not-a-share-id`)).status).toBe(404);
  });

  it('share data is rate-limited per client', async () => {
    let limited: Response | undefined;
    for (let i = 0; i < 70 && !limited; i++) {
      const res = await fetch(`${stack.gateway}/api/share/${'x'.repeat(32)}`);
      if (res.status === 429) limited = res;
    }
    expect(limited?.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('logout revokes the session at once; deleting oneself with purge ends the account and its sessions', async () => {
    const second = await signIn(b.spotifyId);
    expect((await asB('POST', '/api/auth/logout')).status).toBe(204);
    expect((await asListener(b.cookie, 'GET', '/api/auth/me')).status).toBe(401);
    expect((await asListener(second, 'GET', '/api/auth/me')).status).toBe(200);
    const gone = await asListener(second, 'DELETE', `/api/auth/accounts/${b.id}?purge=true`);
    expect(gone.status).toBe(204);
    expect(await one('SELECT count(*)::int AS n FROM auth.accounts WHERE id = $1', [b.id])).toEqual({ n: 0 });
    expect(await one('SELECT count(*)::int AS n FROM raw.ingest_runs WHERE account_id = $1', [b.id])).toEqual({ n: 0 });
    expect((await asListener(second, 'GET', '/api/auth/me')).status).toBe(401);
    expect((await admin('GET', `/api/stats/summary?accountId=${a.id}`)).status).toBe(200);
  });
});
