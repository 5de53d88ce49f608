import { INestApplication } from '@nestjs/common';
import type { RunningEmulator } from '@rewind/spotify-emulator';
import { createTestDatabase, TestDatabase } from '@rewind/testing';
import fs from 'node:fs';
import request from 'supertest';
import { decodeKey } from '../config/auth.config';
import { TokenCipher } from '../crypto/token-cipher';
import { authTestConfig, createAuthApp, freePort, sql, startTestEmulator, TEST_KEY } from '../testing/auth-test-kit';
import { hashState, pkceChallenge } from './login.service';

/** Captures everything the process writes to stdout/stderr (pino writes through fs.write on fd 1). */
function captureOutput() {
  const chunks: string[] = [];
  const take = (data: unknown) =>
    chunks.push(typeof data === 'string' ? data : Buffer.isBuffer(data) ? data.toString('utf8') : String(data));
  const spies = [
    jest.spyOn(process.stdout, 'write').mockImplementation((data: unknown) => (take(data), true)),
    jest.spyOn(process.stderr, 'write').mockImplementation((data: unknown) => (take(data), true)),
  ];
  const realWrite = fs.write;
  const realWriteSync = fs.writeSync;
  const isStd = (fd: unknown) => fd === 1 || fd === 2;
  const writeSpy = jest.spyOn(fs, 'write').mockImplementation(((fd: number, data: unknown, ...rest: unknown[]) => {
    if (!isStd(fd)) return (realWrite as (...a: unknown[]) => void)(fd, data, ...rest);
    take(data);
    const cb = rest.find((r) => typeof r === 'function') as ((e: null, n: number) => void) | undefined;
    const n = Buffer.byteLength(typeof data === 'string' ? data : (data as Buffer));
    if (cb) process.nextTick(cb, null, n);
  }) as never);
  const writeSyncSpy = jest.spyOn(fs, 'writeSync').mockImplementation(((fd: number, data: unknown, ...rest: unknown[]) => {
    if (!isStd(fd)) return (realWriteSync as (...a: unknown[]) => number)(fd, data, ...rest);
    take(data);
    return Buffer.byteLength(typeof data === 'string' ? data : (data as Buffer));
  }) as never);
  return {
    text: () => chunks.join(''),
    restore: () => [...spies, writeSpy, writeSyncSpy].forEach((s) => s.mockRestore()),
  };
}

describe('login: authorization code + PKCE against the emulator', () => {
  let db: TestDatabase;
  let emu: RunningEmulator;
  let app: INestApplication;
  let base: string;
  let output: ReturnType<typeof captureOutput>;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    db = await createTestDatabase();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    emu = await startTestEmulator({
      autoApprove: true,
      redirectUris: [`${base}/api/auth/callback`],
      listeners: [
        { id: 'alice', displayName: 'Alice', historyDays: 0 },
        { id: 'bob', displayName: 'Bob', historyDays: 0 },
      ],
    });
    emu.admin.configure({ browserUser: 'alice' });
    output = captureOutput();
    app = await createAuthApp(authTestConfig(db, emu, { LOG_LEVEL: 'trace' }));
    await app.listen(port, '127.0.0.1');
  });

  afterAll(async () => {
    output?.restore();
    if (process.env.DEBUG_AUTH_LOGS) process.stdout.write(output.text());
    await app?.close();
    await emu?.close();
    await db?.drop();
  });

  beforeEach(() => {
    emu.admin.configure({ autoApprove: true, browserUser: 'alice' });
  });

  /** GET /api/auth/login and return Spotify's authorize URL. */
  async function startLogin(): Promise<URL> {
    const res = await http().get('/api/auth/login').expect(302);
    return new URL(res.headers.location);
  }

  /** Let the emulator answer the authorize URL and return our callback path (+ query). */
  async function authorize(url: URL): Promise<string> {
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location')!);
    return `${back.pathname}${back.search}`;
  }

  it('GET /api/auth/login redirects to Spotify with PKCE S256 and a server-side state', async () => {
    const url = await startLogin();
    expect(`${url.origin}${url.pathname}`).toBe(`${emu.accountsUrl}/authorize`);
    const q = Object.fromEntries(url.searchParams);
    expect(q).toEqual({
      client_id: emu.clientId,
      response_type: 'code',
      redirect_uri: `${base}/api/auth/callback`,
      scope: 'user-read-recently-played user-read-private',
      state: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    const rows = await sql<{ state_hash: string; code_verifier_ciphertext: Buffer; key_id: string; ttl: number }>(
      db,
      `SELECT state_hash, code_verifier_ciphertext, key_id, extract(epoch FROM expires_at - created_at)::int AS ttl FROM auth.oauth_states WHERE state_hash = $1`,
      [hashState(q.state)],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].ttl).toBe(600);
    // the verifier is stored sealed, and it is the one the challenge was made from
    const verifier = new TokenCipher(decodeKey(TEST_KEY)!).open(rows[0].code_verifier_ciphertext, rows[0].key_id);
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(pkceChallenge(verifier)).toBe(q.code_challenge);
  });

  it('the full login, followed with an HTTP client, ends on / with a connected account', async () => {
    await sql(db, 'DELETE FROM auth.accounts');
    const res = await fetch(`${base}/api/auth/login`, { redirect: 'follow' });
    expect(res.redirected).toBe(true);
    expect(res.url).toBe(`${base}/`);
    const accounts = (await http().get('/api/auth/accounts').expect(200)).body;
    expect(accounts).toEqual([
      expect.objectContaining({ spotifyUserId: 'alice', displayName: 'Alice', status: 'active', tokenExpiresAt: expect.any(String) }),
    ]);
    const [row] = await sql<{ consented_at: Date | null }>(db, 'SELECT consented_at FROM auth.accounts');
    expect(row.consented_at).not.toBeNull();
    // a usable token came out of it
    const token = await http()
      .post(`/internal/accounts/${accounts[0].id}/access-token`)
      .set('x-internal-token', 'test-internal-token-0123456789abcdef')
      .expect(200);
    const me = await fetch(`${emu.apiUrl}/me`, { headers: { authorization: `Bearer ${token.body.accessToken}` } });
    expect(((await me.json()) as { id: string }).id).toBe('alice');
  });

  it('the same Spotify user logging in twice is one account, with consented_at moved forward', async () => {
    await sql(db, 'DELETE FROM auth.accounts');
    await http()
      .get(await authorize(await startLogin()))
      .expect(302)
      .expect('location', '/');
    const [first] = await sql<{ id: string; consented_at: Date }>(db, 'SELECT id, consented_at FROM auth.accounts');
    await sql(db, `UPDATE auth.accounts SET consented_at = consented_at - interval '30 days'`);
    await http()
      .get(await authorize(await startLogin()))
      .expect(302)
      .expect('location', '/');
    const rows = await sql<{ id: string; consented_at: Date }>(db, 'SELECT id, consented_at FROM auth.accounts');
    expect(rows).toHaveLength(1);
    expect(rows[0].id).toBe(first.id);
    expect(rows[0].consented_at.getTime()).toBeGreaterThanOrEqual(first.consented_at.getTime());
  });

  it('a second user (chosen on the consent page) becomes a second account', async () => {
    emu.admin.configure({ autoApprove: false });
    const url = await startLogin();
    const page = await fetch(url);
    expect(await page.text()).toContain('id="approve"');
    const form = new URLSearchParams(url.searchParams);
    form.set('emulator_user', 'bob');
    form.set('decision', 'approve');
    const decided = await fetch(`${emu.accountsUrl}/authorize`, { method: 'POST', body: form, redirect: 'manual' });
    const back = new URL(decided.headers.get('location')!);
    await http().get(`${back.pathname}${back.search}`).expect(302).expect('location', '/');
    const users = (await http().get('/api/auth/accounts').expect(200)).body.map((a: { spotifyUserId: string }) => a.spotifyUserId);
    expect(users).toContain('bob');
  });

  it('declining on the consent page ends on a clear page (403), not a 500', async () => {
    emu.admin.configure({ autoApprove: false });
    const url = await startLogin();
    const form = new URLSearchParams(url.searchParams);
    form.set('decision', 'deny');
    const decided = await fetch(`${emu.accountsUrl}/authorize`, { method: 'POST', body: form, redirect: 'manual' });
    const back = new URL(decided.headers.get('location')!);
    expect(back.searchParams.get('error')).toBe('access_denied');
    const res = await http()
      .get(`${back.pathname}${back.search}`)
      .expect(403)
      .expect('content-type', /text\/html/);
    expect(res.text).toContain('Spotify access was declined');
    expect(res.text).toContain('/api/auth/login');
    // the state was spent too
    const json = await http()
      .get(`${back.pathname}?code=x&state=${back.searchParams.get('state')}`)
      .set('accept', 'application/json')
      .expect(400);
    expect(json.body.message).toMatch(/already used/);
  });

  it('a replayed state is refused (400), as HTML or as JSON', async () => {
    const callback = await authorize(await startLogin());
    await http().get(callback).expect(302);
    const html = await http()
      .get(callback)
      .expect(400)
      .expect('content-type', /text\/html/);
    expect(html.text).toContain('This login link was already used');
    const json = await http().get(callback).set('accept', 'application/json').expect(400);
    expect(json.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.stringMatching(/^This login link was already used; each one works once\./),
    });
  });

  it('an unknown, expired or missing state is refused (400)', async () => {
    const unknown = await http().get('/api/auth/callback?code=abc&state=never-issued').set('accept', 'application/json').expect(400);
    expect(unknown.body.message).toMatch(/^This login link is unknown/);
    const missing = await http().get('/api/auth/callback?code=abc').set('accept', 'application/json').expect(400);
    expect(missing.body.message).toMatch(/state parameter is missing/);

    const url = await startLogin();
    const callback = await authorize(url);
    await sql(db, `UPDATE auth.oauth_states SET expires_at = now() - interval '1 second' WHERE state_hash = $1`, [
      hashState(url.searchParams.get('state')!),
    ]);
    const expired = await http().get(callback).set('accept', 'application/json').expect(400);
    expect(expired.body.message).toMatch(/expired \(logins must finish within 10 minutes\)/);
  });

  it('a code Spotify refuses ends on a clear 400', async () => {
    const url = await startLogin();
    const res = await http()
      .get(`/api/auth/callback?code=forged&state=${url.searchParams.get('state')}`)
      .expect(400);
    expect(res.text).toContain('Spotify refused to exchange the authorization code (Invalid authorization code)');
  });

  it('Spotify failing during the exchange ends on a 503 page after retries, not a 500', async () => {
    const url = await startLogin();
    const callback = await authorize(url);
    emu.admin.setFaults({ target: 'accounts', failNext: 10, errorStatuses: [503] });
    try {
      const res = await http().get(callback).set('accept', 'application/json').expect(503);
      expect(res.body.message).toMatch(/answered 503 after 3 attempt/);
    } finally {
      emu.admin.clearFaults();
    }
  });

  it('no token, code, verifier, state or session id is stored or logged in plaintext', async () => {
    await sql(db, 'DELETE FROM auth.accounts');
    const url = await startLogin();
    const state = url.searchParams.get('state')!;
    const [pending] = await sql<{ c: Buffer; k: string }>(
      db,
      `SELECT code_verifier_ciphertext AS c, key_id AS k FROM auth.oauth_states WHERE state_hash = $1`,
      [hashState(state)],
    );
    const verifier = new TokenCipher(decodeKey(TEST_KEY)!).open(pending.c, pending.k);
    const callback = await authorize(url);
    const code = new URLSearchParams(callback.split('?')[1]).get('code')!;
    const signedIn = await http().get(callback).expect(302);
    const sessionId = /^rewind_session=([^;]+)/.exec(String(signedIn.headers['set-cookie']))![1];
    const [account] = (await http().get('/api/auth/accounts').expect(200)).body;
    await http()
      .post(`/internal/accounts/${account.id}/access-token`)
      .set('x-internal-token', 'test-internal-token-0123456789abcdef')
      .send({ forceRefresh: true })
      .expect(200);

    const tokens = [...emu.world.accessTokens.keys(), ...emu.world.refreshTokens.keys()];
    const secrets = [...tokens, code, verifier, state, sessionId, TEST_KEY];
    expect(tokens.length).toBeGreaterThanOrEqual(4);

    // every auth table, every column, as text, as hex and (bytea) decoded as UTF-8 and Latin-1
    const tables = await sql<{ t: string }>(
      db,
      `SELECT format('%I.%I', table_schema, table_name) AS t FROM information_schema.tables WHERE table_schema = 'auth'`,
    );
    expect(tables.map((t) => t.t).sort()).toEqual([
      'auth.account_tokens',
      'auth.accounts',
      'auth.oauth_states',
      'auth.sessions',
      'auth.shares',
    ]);
    let dump = '';
    for (const { t } of tables) {
      for (const row of await sql<Record<string, unknown>>(db, `SELECT * FROM ${t}`)) {
        for (const value of Object.values(row)) {
          dump += Buffer.isBuffer(value)
            ? `${value.toString('utf8')}|${value.toString('latin1')}|${value.toString('hex')}|${value.toString('base64')}\n`
            : `${JSON.stringify(value)}\n`;
        }
      }
    }
    expect(dump).toContain(account.id); // the dump is real
    const logs = output.text();
    expect(logs).toContain('"message":"Login completed"'); // the capture is real
    expect(logs).toContain('/api/auth/callback?code=[REDACTED]');
    for (const secret of secrets) {
      expect(dump).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
  });
});
