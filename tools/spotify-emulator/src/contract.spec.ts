/**
 * Contract tests: the emulator over real HTTP against each behaviour listed in
 * docs/spotify.md.
 */
import { createHash } from 'node:crypto';
import { startEmulator, type RunningEmulator } from './index';
import { REPORT_LAG_MAX_MS } from './listens';

const REDIRECT = 'http://127.0.0.1:3000/api/auth/callback';
const NOW = Date.parse('2026-11-20T12:00:00.000Z');
const MIN = 60_000;

let emu: RunningEmulator;
let api: string;

function basic(id = emu.clientId, secret = emu.clientSecret): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

async function token(form: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(`${emu.accountsUrl}/api/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function get(path: string, accessToken: string) {
  const res = await fetch(path.startsWith('http') ? path : `${api}${path}`, { headers: { authorization: `Bearer ${accessToken}` } });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

async function authorize(params: Record<string, string>) {
  const res = await fetch(`${emu.accountsUrl}/authorize?${new URLSearchParams(params)}`, { redirect: 'manual' });
  return res;
}

function authParams(extra: Record<string, string> = {}) {
  return {
    client_id: emu.clientId,
    response_type: 'code',
    redirect_uri: REDIRECT,
    state: 'st4te',
    scope: 'user-read-recently-played user-read-private',
    ...extra,
  };
}

async function codeFor(listener: string, extra: Record<string, string> = {}): Promise<string> {
  const res = await authorize(authParams({ emulator_user: listener, ...extra }));
  expect(res.status).toBe(302);
  const loc = new URL(res.headers.get('location')!);
  return loc.searchParams.get('code')!;
}

/** a listener with no synthetic listening: only the plays a test adds */
let n = 0;
function quietListener(): { id: string; access: string; refresh: string } {
  const id = `quiet-${++n}`;
  emu.admin.addListener({ id, generate: false, allowListed: false });
  emu.admin.setAllowListed(id, true);
  const t = emu.admin.issueTokens(id);
  return { id, access: t.accessToken, refresh: t.refreshToken };
}

function tracks(k: number) {
  return emu.world.catalog.tracks.slice(0, k);
}

beforeAll(async () => {
  emu = await startEmulator({
    seed: 7,
    now: NOW,
    autoApprove: true,
    redirectUris: [REDIRECT, 'https://rewind.example.org/cb', 'http://[::1]:3000/cb'],
    catalog: { artists: 120 },
  });
  api = emu.apiUrl;
  emu.admin.addListener({ id: 'alice', historyDays: 3 });
});

afterAll(async () => {
  await emu.close();
});

afterEach(() => {
  emu.admin.clearFaults();
  emu.admin.configure({ autoApprove: true, refreshMode: 'keep', devMode: true });
  // keep room on the 5-user allow-list for the next test
  for (const l of emu.admin.listListeners()) if (l.id !== 'alice') emu.admin.setAllowListed(l.id, false);
});

describe('accounts service', () => {
  test('GET /authorize comes back to redirect_uri?code&state (auto-approve)', async () => {
    const res = await authorize(authParams({ emulator_user: 'alice' }));
    expect(res.status).toBe(302);
    const loc = new URL(res.headers.get('location')!);
    expect(`${loc.origin}${loc.pathname}`).toBe(REDIRECT);
    expect(loc.searchParams.get('state')).toBe('st4te');
    expect(loc.searchParams.get('code')).toMatch(/.{20,}/);
  });

  test('consent page: Agree returns a code, Cancel returns error=access_denied&state', async () => {
    emu.admin.configure({ autoApprove: false });
    const page = await authorize(authParams());
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('value="approve"');
    expect(html).toContain('value="deny"');
    const decide = (decision: string) =>
      fetch(`${emu.accountsUrl}/authorize`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...authParams(), emulator_user: 'alice', decision }).toString(),
      });
    const denied = new URL((await decide('deny')).headers.get('location')!);
    expect(denied.searchParams.get('error')).toBe('access_denied');
    expect(denied.searchParams.get('state')).toBe('st4te');
    expect(denied.searchParams.get('code')).toBeNull();
    const approved = new URL((await decide('approve')).headers.get('location')!);
    expect(approved.searchParams.get('code')).toBeTruthy();
  });

  test('redirect_uri must equal a registered one exactly', async () => {
    const res = await authorize(authParams({ redirect_uri: `${REDIRECT}/` }));
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('Invalid redirect URI');
  });

  test('redirect URIs: https and loopback IP literals accepted, localhost refused', async () => {
    for (const uri of ['https://rewind.example.org/cb', 'http://[::1]:3000/cb'])
      expect((await authorize(authParams({ redirect_uri: uri, emulator_user: 'alice' }))).status).toBe(302);
    const res = await authorize(authParams({ redirect_uri: 'http://localhost:3000/api/auth/callback' }));
    expect(res.status).toBe(400);
    await expect(startEmulator({ redirectUris: ['http://localhost:3000/cb'] })).rejects.toThrow(/localhost/);
    await expect(startEmulator({ redirectUris: ['http://192.168.1.2:3000/cb'] })).rejects.toThrow(/insecure/);
  });

  test('authorization code + Basic auth → Bearer token, expires_in 3600, scope, refresh_token', async () => {
    const code = await codeFor('alice');
    const r = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT }, { authorization: basic() });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 3600,
      refresh_token: expect.any(String),
      scope: 'user-read-recently-played user-read-private',
    });
    // a code is single-use
    const again = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT }, { authorization: basic() });
    expect(again).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'Invalid authorization code' } });
  });

  test('PKCE: client_id + code_verifier (S256, base64url no padding), no client secret', async () => {
    const verifier = 'v'.repeat(20) + 'ERIFIER-abc.def_ghi~jklmnopqrstu';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    expect(challenge).not.toContain('=');
    const code = await codeFor('alice', { code_challenge_method: 'S256', code_challenge: challenge });
    const wrong = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      client_id: emu.clientId,
      code_verifier: 'x'.repeat(43),
    });
    expect(wrong).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'code_verifier was incorrect' } });
    const code2 = await codeFor('alice', { code_challenge_method: 'S256', code_challenge: challenge });
    const ok = await token({
      grant_type: 'authorization_code',
      code: code2,
      redirect_uri: REDIRECT,
      client_id: emu.clientId,
      code_verifier: verifier,
    });
    expect(ok.status).toBe(200);
    // PKCE refresh: client_id, no Basic
    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: ok.body.refresh_token as string, client_id: emu.clientId });
    expect(refreshed.status).toBe(200);
    // a plain challenge method is refused
    const plain = await authorize(authParams({ code_challenge_method: 'plain', code_challenge: verifier }));
    expect(new URL(plain.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');
  });

  test('invalid_client: exact error body', async () => {
    const code = await codeFor('alice');
    const r = await token(
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT },
      { authorization: basic(emu.clientId, 'wrong') },
    );
    expect(r).toEqual({ status: 400, body: { error: 'invalid_client', error_description: 'Invalid client' } });
  });

  test('refresh (rotate, an option for tests of that path): the new refresh_token replaces the old, which is revoked', async () => {
    emu.admin.configure({ refreshMode: 'rotate' });
    const q = quietListener();
    const r1 = await token({ grant_type: 'refresh_token', refresh_token: q.refresh }, { authorization: basic() });
    expect(r1.status).toBe(200);
    expect(r1.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, refresh_token: expect.any(String) });
    expect(r1.body.refresh_token).not.toBe(q.refresh);
    const old = await token({ grant_type: 'refresh_token', refresh_token: q.refresh }, { authorization: basic() });
    expect(old).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'Refresh token revoked' } });
    const r2 = await token({ grant_type: 'refresh_token', refresh_token: r1.body.refresh_token as string }, { authorization: basic() });
    expect(r2.status).toBe(200);
    expect(emu.admin.counters(q.id).tokenRefreshes).toBe(2);
  });

  test('refresh (keep, the default as Spotify does since mid-2026): no refresh_token in the response, the old one keeps working', async () => {
    expect(emu.admin.state().refreshMode).toBe('keep');
    const q = quietListener();
    const r1 = await token({ grant_type: 'refresh_token', refresh_token: q.refresh }, { authorization: basic() });
    expect(r1.status).toBe(200);
    expect(r1.body).not.toHaveProperty('refresh_token');
    expect((await token({ grant_type: 'refresh_token', refresh_token: q.refresh }, { authorization: basic() })).status).toBe(200);
  });

  test('a refresh token lives 6 calendar months from consent; refreshing does not extend it; then "Refresh token expired"', async () => {
    const q = quietListener();
    const dies = new Date(emu.admin.now());
    dies.setUTCMonth(dies.getUTCMonth() + 6);
    emu.admin.advance(90 * 24 * 3600_000);
    expect((await token({ grant_type: 'refresh_token', refresh_token: q.refresh }, { authorization: basic() })).status).toBe(200);
    emu.admin.advanceTo(dies.getTime() - 1);
    expect((await token({ grant_type: 'refresh_token', refresh_token: q.refresh }, { authorization: basic() })).status).toBe(200);
    emu.admin.advance(1);
    const r = await token({ grant_type: 'refresh_token', refresh_token: q.refresh }, { authorization: basic() });
    expect(r).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'Refresh token expired' } });
  });

  test('invalid_grant on an unknown refresh token: exact body', async () => {
    const r = await token({ grant_type: 'refresh_token', refresh_token: 'nope' }, { authorization: basic() });
    expect(r).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'Invalid refresh token' } });
  });

  test('invalid_grant fault: refresh is refused and the token is revoked for good', async () => {
    const q = quietListener();
    emu.admin.setFaults({ invalidGrant: true }, q.id);
    expect((await token({ grant_type: 'refresh_token', refresh_token: q.refresh }, { authorization: basic() })).body.error).toBe(
      'invalid_grant',
    );
    emu.admin.clearFaults(q.id);
    expect((await token({ grant_type: 'refresh_token', refresh_token: q.refresh }, { authorization: basic() })).body.error).toBe(
      'invalid_grant',
    );
    expect(emu.admin.counters(q.id).refreshFailures).toBe(2);
  });
});

describe('Web API errors', () => {
  test('401: expired access token (simulated clock) with { error: { status, message } }', async () => {
    const q = quietListener();
    expect((await get('/me', q.access)).status).toBe(200);
    emu.admin.advance(3600_000);
    expect(await get('/me', q.access)).toMatchObject({
      status: 401,
      body: { error: { status: 401, message: 'The access token expired' } },
    });
    expect((await get('/me', 'garbage')).status).toBe(401);
  });

  test('early token expiry fault: a token dies before its announced 3600 s', async () => {
    const q = quietListener();
    emu.admin.setFaults({ accessTokenTtlSec: 60 }, q.id);
    const t = emu.admin.issueTokens(q.id);
    emu.admin.advance(61_000);
    expect((await get('/me', t.accessToken)).status).toBe(401);
  });

  test('403: development mode allows 5 users (allow-list)', async () => {
    const ids = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'].map((x) => `allow-${x}-${n++}`);
    for (const id of ids) emu.admin.addListener({ id, generate: false, allowListed: false });
    for (const id of ids.slice(0, 4)) emu.admin.setAllowListed(id, true); // alice + 4 = 5
    expect(() => emu.admin.setAllowListed(ids[5], true)).toThrow(/5 users/);
    expect((await get('/me', emu.admin.issueTokens(ids[0]).accessToken)).status).toBe(200);
    const r = await get('/me', emu.admin.issueTokens(ids[5]).accessToken);
    expect(r.status).toBe(403);
    expect(r.body.error.status).toBe(403);
  });

  test('429: Retry-After in seconds; QUOTA_EXCEEDED adds reason; per account', async () => {
    const q = quietListener();
    const other = quietListener();
    emu.admin.setFaults({ retryAfterSec: 7200, rateLimitCount: 1 }, q.id);
    const r = await get('/me', q.access);
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('7200');
    expect(r.body).toEqual({ error: { status: 429, message: expect.any(String) } });
    expect((await get('/me', other.access)).status).toBe(200);
    expect((await get('/me', q.access)).status).toBe(200); // count consumed
    emu.admin.setFaults({ retryAfterSec: 60, quotaExceeded: true }, q.id);
    expect((await get('/me', q.access)).body.error.reason).toBe('QUOTA_EXCEEDED');
  });

  test('429 as real ones often are: an empty body, and no Retry-After when asked', async () => {
    const q = quietListener();
    emu.admin.setFaults({ retryAfterSec: 30, emptyRateLimitBody: true, omitRetryAfter: true, rateLimitCount: 1 }, q.id);
    const res = await fetch(`${api}/me`, { headers: { authorization: `Bearer ${q.access}` } });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBeNull();
    expect(await res.text()).toBe('');
    emu.admin.setFaults({ retryAfterSec: 30, emptyRateLimitBody: true, rateLimitCount: 1 }, q.id);
    const withHeader = await fetch(`${api}/me`, { headers: { authorization: `Bearer ${q.access}` } });
    expect([withHeader.status, withHeader.headers.get('retry-after'), await withHeader.text()]).toEqual([429, '30', '']);
    expect((await get('/me', q.access)).status).toBe(200);
  });

  test('429: rolling 30 s window limit', async () => {
    const q = quietListener();
    emu.admin.setFaults({ windowLimit: 2 }, q.id);
    expect((await get('/me', q.access)).status).toBe(200);
    expect((await get('/me', q.access)).status).toBe(200);
    const r = await get('/me', q.access);
    expect(r.status).toBe(429);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  test('500/502/503: temporary errors (failNext, and a seeded rate)', async () => {
    const q = quietListener();
    emu.admin.setFaults({ failNext: 2, errorStatuses: [503] }, q.id);
    expect((await get('/me', q.access)).status).toBe(503);
    expect((await get('/me', q.access)).status).toBe(503);
    expect((await get('/me', q.access)).status).toBe(200);
    emu.admin.setFaults({ errorRate: 0.5 }, q.id);
    const statuses = [];
    for (let i = 0; i < 20; i++) statuses.push((await get('/me', q.access)).status);
    expect(statuses.filter((s) => s >= 500).length).toBeGreaterThan(2);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(2);
  });

  test('timeouts: a hang fault never answers', async () => {
    const q = quietListener();
    emu.admin.setFaults({ hangNext: 1 }, q.id);
    const ctrl = new AbortController();
    const p = fetch(`${api}/me`, { headers: { authorization: `Bearer ${q.access}` }, signal: ctrl.signal });
    // the request is registered as hanging, then we give up on it
    while (emu.admin.counters(q.id).hangs === 0) await new Promise((r) => setTimeout(r, 5));
    ctrl.abort();
    await expect(p).rejects.toThrow();
    expect((await get('/me', q.access)).status).toBe(200);
  });
});

describe('GET /me', () => {
  test('two user ids may share an account_id (a renamed user), given with the listener', async () => {
    emu.admin.addListener({ id: 'renamed-before', accountId: 'SharedAccount0000000001', generate: false });
    emu.admin.addListener({ id: 'renamed-after', accountId: 'SharedAccount0000000001', generate: false });
    const before = await get('/me', emu.admin.issueTokens('renamed-before').accessToken);
    const after = await get('/me', emu.admin.issueTokens('renamed-after').accessToken);
    expect([before.body.id, after.body.id]).toEqual(['renamed-before', 'renamed-after']);
    expect([before.body.account_id, after.body.account_id]).toEqual(['SharedAccount0000000001', 'SharedAccount0000000001']);
  });

  test('{ id, display_name, images, uri } without email/country in development mode', async () => {
    const t = emu.admin.issueTokens('alice');
    const r = await get('/me', t.accessToken);
    expect(r.body).toMatchObject({ id: 'alice', display_name: expect.any(String), images: [], uri: 'spotify:user:alice', type: 'user' });
    // account_id (added May 2026) is the stable key of the account; id is the user name
    expect(r.body.account_id).toMatch(/^[0-9A-Za-z]{22}$/);
    expect((await get('/me', t.accessToken)).body.account_id).toBe(r.body.account_id);
    expect(r.body).not.toHaveProperty('email');
    expect(r.body).not.toHaveProperty('country');
    emu.admin.configure({ devMode: false });
    expect((await get('/me', t.accessToken)).body).toHaveProperty('email');
  });
});

describe('GET /me/player/recently-played', () => {
  function seed(k: number, gapMs = 5 * MIN) {
    const q = quietListener();
    const base = emu.admin.now() - (k + 1) * gapMs;
    const ts = tracks(k);
    const plays = ts.map((t, i) => ({ trackId: t.id, playedAt: base + i * gapMs + 123, msPlayed: Math.min(t.durationMs, gapMs - 1000) }));
    // played_at is the end of each listen (or seconds before it), as Spotify reports it
    const added = emu.admin.addPlays(q.id, plays);
    return { ...q, plays: added.map((p) => p.reportedAtMs) };
  }

  test('limit is 1–50, default 20; other values → 400', async () => {
    const q = seed(30);
    expect((await get('/me/player/recently-played', q.access)).body.items).toHaveLength(20);
    expect((await get('/me/player/recently-played?limit=50', q.access)).body.items).toHaveLength(30);
    expect((await get('/me/player/recently-played?limit=1', q.access)).body.items).toHaveLength(1);
    for (const bad of ['0', '51', 'abc', '-1']) {
      const r = await get(`/me/player/recently-played?limit=${bad}`, q.access);
      expect(r.status).toBe(400);
      expect(r.body.error.status).toBe(400);
    }
  });

  test('after / before are Unix ms, exclusive, and mutually exclusive', async () => {
    const q = seed(10);
    const p = q.plays; // oldest first
    const after = await get(`/me/player/recently-played?after=${p[5]}`, q.access);
    expect(after.body.items.map((i: any) => Date.parse(i.played_at))).toEqual([p[9], p[8], p[7], p[6]]);
    const before = await get(`/me/player/recently-played?before=${p[2]}`, q.access);
    expect(before.body.items.map((i: any) => Date.parse(i.played_at))).toEqual([p[1], p[0]]);
    expect((await get(`/me/player/recently-played?after=${p[1]}&before=${p[5]}`, q.access)).status).toBe(400);
  });

  test('only the last 50 plays, ever; paging past them returns an empty list', async () => {
    const q = seed(80, 4 * MIN);
    let page = (await get('/me/player/recently-played?limit=50', q.access)).body;
    expect(page.items).toHaveLength(50);
    expect(Date.parse(page.items[49].played_at)).toBe(q.plays[30]);
    page = (await get(page.next, q.access)).body;
    expect(page).toEqual({ items: [], next: null, cursors: null, limit: 50, href: expect.any(String) });
    expect((await get(`/me/player/recently-played?before=${q.plays[31]}`, q.access)).body.items).toHaveLength(1);
  });

  test('response shape: newest first, played_at ISO ms, cursors.after newest, cursors.before oldest, next pages backwards, no total', async () => {
    const q = seed(8);
    const r = (await get('/me/player/recently-played?limit=3', q.access)).body;
    expect(Object.keys(r).sort()).toEqual(['cursors', 'href', 'items', 'limit', 'next']);
    expect(r.items.map((i: any) => i.played_at)).toEqual([q.plays[7], q.plays[6], q.plays[5]].map((x) => new Date(x).toISOString()));
    expect(r.items[0].played_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(r.cursors).toEqual({ after: String(q.plays[7]), before: String(q.plays[5]) });
    expect(r.next).toBe(`${api}/me/player/recently-played?before=${q.plays[5]}&limit=3`);
    expect(r.items[0]).toHaveProperty('context');
    const older = (await get(r.next, q.access)).body;
    expect(older.items.map((i: any) => Date.parse(i.played_at))).toEqual([q.plays[4], q.plays[3], q.plays[2]]);
  });

  test('played_at is the end of the listen, or up to REPORT_LAG_MAX_MS before it, never its start', async () => {
    const q = quietListener();
    const ts = tracks(20);
    const base = emu.admin.now() - 300 * MIN;
    const added = emu.admin.addPlays(
      q.id,
      ts.map((t, i) => ({ trackId: t.id, playedAt: base + i * 10 * MIN, msPlayed: Math.min(t.durationMs, 60_000 + i * 7_000) })),
    );
    const items = (await get('/me/player/recently-played?limit=50', q.access)).body.items.reverse();
    const lags = items.map((item: any, i: number) => added[i].endedAtMs - Date.parse(item.played_at));
    for (const lag of lags) {
      expect(lag).toBeGreaterThanOrEqual(0);
      expect(lag).toBeLessThanOrEqual(REPORT_LAG_MAX_MS);
    }
    expect(new Set(lags).size).toBeGreaterThan(1);
  });

  test('empty result: items [], next null, cursors null', async () => {
    const q = quietListener();
    const r = (await get('/me/player/recently-played', q.access)).body;
    expect(r).toEqual({ items: [], next: null, cursors: null, limit: 20, href: `${api}/me/player/recently-played` });
  });

  test('a listen under 30 s is not listed', async () => {
    const q = quietListener();
    const [t] = tracks(1);
    const base = emu.admin.now() - 60 * MIN;
    const added = emu.admin.addPlays(q.id, [
      { trackId: t.id, playedAt: base, msPlayed: 29_999 },
      { trackId: t.id, playedAt: base + 10 * MIN, msPlayed: 30_000 },
    ]);
    const r = (await get('/me/player/recently-played', q.access)).body;
    expect(r.items.map((i: any) => Date.parse(i.played_at))).toEqual([added[1].reportedAtMs]);
  });

  test('the current track appears only when it ends', async () => {
    const q = quietListener();
    const [t] = tracks(1);
    emu.admin.addPlays(q.id, [{ trackId: t.id, playedAt: emu.admin.now() - 10_000 }]);
    expect((await get('/me/player/recently-played', q.access)).body.items).toHaveLength(0);
    emu.admin.advance(t.durationMs);
    expect((await get('/me/player/recently-played', q.access)).body.items).toHaveLength(1);
  });

  test('private-session listens are never listed', async () => {
    const q = quietListener();
    const [t] = tracks(1);
    emu.admin.addPlays(q.id, [{ trackId: t.id, playedAt: emu.admin.now() - 30 * MIN, private: true }]);
    expect((await get('/me/player/recently-played', q.access)).body.items).toHaveLength(0);
    expect(emu.admin.groundTruth(q.id)).toHaveLength(1);
    expect(emu.admin.groundTruth(q.id, { exposedOnly: true })).toHaveLength(0);
  });

  test('podcasts are not listed (synthetic listener with episodes in its history)', async () => {
    const truth = emu.admin.groundTruth('alice');
    const t = emu.admin.issueTokens('alice');
    const listed = (await get('/me/player/recently-played?limit=50', t.accessToken)).body.items;
    expect(listed.every((i: any) => i.track.type === 'track')).toBe(true);
    const lastExposed = truth
      .filter((x) => x.exposed)
      .slice(-50)
      .reverse()
      .map((x) => x.reportedAt);
    expect(listed.map((i: any) => i.played_at)).toEqual(lastExposed);
    expect(truth.some((x) => x.kind === 'episode' || !x.exposed)).toBe(true);
  });

  test('items may be missing or arrive late (faults, deterministic)', async () => {
    const q = seed(20);
    emu.admin.setFaults({ missingRate: 0.3 }, q.id);
    const a = (await get('/me/player/recently-played?limit=50', q.access)).body.items.length;
    const b = (await get('/me/player/recently-played?limit=50', q.access)).body.items.length;
    expect(a).toBeLessThan(20);
    expect(a).toBe(b);
    const late = quietListener();
    emu.admin.setFaults({ lateMs: 30 * MIN }, late.id);
    const [t] = tracks(1);
    emu.admin.addPlays(late.id, [{ trackId: t.id, playedAt: emu.admin.now() - t.durationMs - 1000 }]);
    expect((await get('/me/player/recently-played', late.access)).body.items).toHaveLength(0);
    emu.admin.advance(30 * MIN);
    expect((await get('/me/player/recently-played', late.access)).body.items).toHaveLength(1);
  });

  test('advancing the simulated clock makes new plays happen', async () => {
    const t = emu.admin.issueTokens('alice');
    const before = emu.admin.groundTruth('alice').length;
    emu.admin.advance(24 * 3600_000);
    expect(emu.admin.groundTruth('alice').length).toBeGreaterThan(before);
    const r = (await get('/me/player/recently-played', emu.admin.issueTokens('alice').accessToken)).body;
    expect(Date.parse(r.items[0].played_at)).toBeGreaterThan(emu.admin.now() - 36 * 3600_000);
    expect(t.accessToken).toBeTruthy();
  });
});

describe('objects', () => {
  test('track object: the fields Rewind reads; development mode drops popularity, markets, label', async () => {
    const t = emu.world.catalog.tracks.find((x) => x.artistIndexes.length > 1)!;
    const r = (await get(`/tracks/${t.id}`, emu.admin.issueTokens('alice').accessToken)).body;
    expect(r).toMatchObject({
      id: t.id,
      name: t.name,
      uri: `spotify:track:${t.id}`,
      duration_ms: t.durationMs,
      explicit: expect.any(Boolean),
      disc_number: expect.any(Number),
      track_number: expect.any(Number),
      is_local: false,
      external_ids: { isrc: expect.any(String) },
      external_urls: { spotify: expect.any(String) },
      album: {
        id: expect.any(String),
        name: expect.any(String),
        album_type: expect.any(String),
        release_date: expect.any(String),
        release_date_precision: expect.stringMatching(/^(year|month|day)$/),
        total_tracks: expect.any(Number),
        images: expect.any(Array),
        artists: expect.any(Array),
      },
    });
    expect(r.artists.length).toBeGreaterThan(1);
    expect(Object.keys(r.artists[0]).sort()).toEqual(['external_urls', 'href', 'id', 'name', 'type', 'uri']);
    expect(r.album.images[0]).toEqual({ url: expect.any(String), height: 640, width: 640 });
    for (const f of ['popularity', 'available_markets', 'linked_from']) expect(r).not.toHaveProperty(f);
    expect(r.album).not.toHaveProperty('label');
    const precisions = new Set(emu.world.catalog.albums.map((a) => a.releaseDatePrecision));
    expect([...precisions].sort()).toEqual(['day', 'month', 'year']);
  });

  test('GET /artists/{id}: genres may be empty or missing; no followers/popularity in development mode', async () => {
    const access = emu.admin.issueTokens('alice').accessToken;
    const cat = emu.world.catalog.artists;
    const withG = (await get(`/artists/${cat.find((a) => a.genres?.length)!.id}`, access)).body;
    expect(withG).toMatchObject({
      id: expect.any(String),
      name: expect.any(String),
      genres: expect.any(Array),
      images: expect.any(Array),
      uri: expect.stringMatching(/^spotify:artist:/),
    });
    expect(withG).not.toHaveProperty('followers');
    expect(withG).not.toHaveProperty('popularity');
    expect((await get(`/artists/${cat.find((a) => a.genres?.length === 0)!.id}`, access)).body.genres).toEqual([]);
    expect((await get(`/artists/${cat.find((a) => a.genres === undefined)!.id}`, access)).body).not.toHaveProperty('genres');
    expect((await get('/artists/0000000000000000000000', access)).status).toBe(404);
  });

  test('batch GET /artists?ids= and /tracks?ids= answer 403 in development mode, work (≤ 50 ids) otherwise', async () => {
    const access = emu.admin.issueTokens('alice').accessToken;
    const ids = emu.world.catalog.tracks.slice(0, 3).map((t) => t.id);
    expect((await get(`/tracks?ids=${ids.join(',')}`, access)).status).toBe(403);
    expect((await get(`/artists?ids=${emu.world.catalog.artists[0].id}`, access)).status).toBe(403);
    emu.admin.configure({ devMode: false });
    const ok = await get(`/tracks?ids=${ids.join(',')}`, access);
    expect(ok.body.tracks.map((t: any) => t.id)).toEqual(ids);
    expect(ok.body.tracks[0]).toHaveProperty('popularity');
    const many = emu.world.catalog.tracks
      .slice(0, 51)
      .map((t) => t.id)
      .join(',');
    expect((await get(`/tracks?ids=${many}`, access)).status).toBe(400);
  });
});

describe('admin API over HTTP', () => {
  test('add listener, add plays, advance, faults, counters, ground truth', async () => {
    const post = (path: string, body: unknown, method = 'POST') =>
      fetch(`${emu.url}/admin${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(
        async (r) => ({ status: r.status, body: (r.status === 204 ? null : await r.json()) as any }),
      );
    const l = await post('/listeners', { id: 'http-listener', generate: false, allowListed: true });
    expect(l.status).toBe(201);
    const [t] = tracks(1);
    await post('/listeners/http-listener/plays', {
      plays: [{ trackId: t.id, playedAt: new Date(emu.admin.now() - 20 * MIN).toISOString() }],
    });
    const truth = await fetch(`${emu.url}/admin/listeners/http-listener/plays?exposed=true`).then((r) => r.json());
    expect(truth).toHaveLength(1);
    const tok = (await post('/listeners/http-listener/tokens', {})).body;
    expect((await post('/faults/http-listener', { failNext: 1 }, 'PUT')).status).toBe(200);
    expect((await get('/me/player/recently-played', tok.accessToken)).status).toBeGreaterThanOrEqual(500);
    const counters = (await fetch(`${emu.url}/admin/counters/http-listener`).then((r) => r.json())) as any;
    expect(counters.status5xx).toBe(1);
    const adv = await post('/clock/advance', { seconds: 60 });
    expect(adv.body.nowMs).toBe(emu.admin.now());
    expect((await post('/nope', {})).status).toBe(404);
  });
});
