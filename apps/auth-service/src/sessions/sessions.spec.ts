import { INestApplication } from '@nestjs/common';
import { PRINCIPAL_HEADER, SESSION_COOKIE } from '@rewind/service-kit';
import type { RunningEmulator } from '@rewind/spotify-emulator';
import { createTestDatabase, TEST_INTERNAL_TOKEN, TestDatabase } from '@rewind/testing';
import request from 'supertest';
import { authTestConfig, createAuthApp, freePort, sql, startTestEmulator } from '../testing/auth-test-kit';
import { hashSessionId, TOUCH_INTERVAL_MS } from './sessions.service';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('sessions: a listener signs in with Spotify', () => {
  let db: TestDatabase;
  let emu: RunningEmulator;
  let app: INestApplication;
  let now = Date.parse('2026-12-01T12:00:00Z');
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    db = await createTestDatabase();
    const port = await freePort();
    emu = await startTestEmulator({
      autoApprove: true,
      redirectUris: [`http://127.0.0.1:${port}/api/auth/callback`],
      listeners: [
        { id: 'alice', displayName: 'Alice', historyDays: 0 },
        { id: 'bob', displayName: 'Bob', historyDays: 0 },
      ],
    });
    app = await createAuthApp(authTestConfig(db, emu, { SESSION_IDLE_HOURS: 24, SESSION_MAX_AGE_DAYS: 7 }), () => now);
    await app.listen(port, '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    await emu?.close();
    await db?.drop();
  });

  /** The whole authorization-code flow as `user`; returns the callback's answer. */
  async function signIn(user: string, headers: Record<string, string> = {}) {
    emu.admin.configure({ browserUser: user });
    const started = await http().get('/api/auth/login').expect(302);
    const consent = await fetch(started.headers.location, { redirect: 'manual' });
    const back = new URL(consent.headers.get('location')!);
    return http().get(`${back.pathname}${back.search}`).set(headers).expect(302).expect('location', '/');
  }

  const cookieOf = (res: request.Response) => String(res.headers['set-cookie']);
  const sessionIdOf = (res: request.Response) => new RegExp(`^${SESSION_COOKIE}=([A-Za-z0-9_-]{43});`).exec(cookieOf(res))![1];
  const resolve = (sessionId: string) =>
    http().post('/internal/sessions/resolve').set('x-internal-token', TEST_INTERNAL_TOKEN).send({ sessionId });
  const accountOf = async (user: string) =>
    (await sql<{ id: string }>(db, 'SELECT id FROM auth.accounts WHERE spotify_user_id = $1', [user]))[0].id;

  it('the callback sets an httpOnly, SameSite=Lax cookie for the whole site, Secure only under https', async () => {
    const res = await signIn('alice');
    const cookie = cookieOf(res);
    expect(cookie).toMatch(/^rewind_session=[A-Za-z0-9_-]{43}; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax$/);
    expect(Date.parse(/Expires=([^;]+)/.exec(cookie)![1])).toBe(Math.floor((now + 7 * DAY) / 1000) * 1000);
    const secure = await signIn('alice', { 'x-forwarded-proto': 'https, http' });
    expect(cookieOf(secure)).toMatch(/; HttpOnly; Secure; SameSite=Lax$/);
  });

  it('signing in again finds the account by its Spotify user (never a duplicate) and stores only a hash of the session id', async () => {
    const first = sessionIdOf(await signIn('alice'));
    const second = sessionIdOf(await signIn('alice'));
    expect(await sql(db, `SELECT id FROM auth.accounts WHERE spotify_user_id = 'alice'`)).toHaveLength(1);
    const rows = await sql<{ token_hash: string; account_id: string }>(db, 'SELECT token_hash, account_id FROM auth.sessions');
    expect(rows.map((r) => r.token_hash)).toEqual(expect.arrayContaining([hashSessionId(first), hashSessionId(second)]));
    const dump = JSON.stringify(await sql(db, 'SELECT * FROM auth.sessions'));
    expect(dump).not.toContain(first);
    expect(dump).not.toContain(second);
    expect((await resolve(first).expect(200)).body).toEqual({ accountId: await accountOf('alice') });
  });

  it('a sign-in in a browser that had a session revokes the old one', async () => {
    const old = sessionIdOf(await signIn('alice'));
    const fresh = sessionIdOf(await signIn('bob', { cookie: `${SESSION_COOKIE}=${old}` }));
    await resolve(old).expect(404);
    expect((await resolve(fresh).expect(200)).body).toEqual({ accountId: await accountOf('bob') });
  });

  it('GET /api/auth/me tells the listener from the admin', async () => {
    const alice = await accountOf('alice');
    expect((await http().get('/api/auth/me').set(PRINCIPAL_HEADER, `listener:${alice}`).expect(200)).body).toEqual({
      accountId: alice,
      displayName: 'Alice',
      role: 'listener',
    });
    expect((await http().get('/api/auth/me').set(PRINCIPAL_HEADER, 'admin').expect(200)).body).toEqual({
      accountId: null,
      displayName: null,
      role: 'admin',
    });
    await http().get('/api/auth/me').set(PRINCIPAL_HEADER, 'listener:not-an-id').expect(401);
    await http().get('/api/auth/me').set(PRINCIPAL_HEADER, 'listener:00000000-0000-4000-8000-000000000000').expect(401);
  });

  it('a session ends after the idle lifetime without requests; each request moves the idle end', async () => {
    const id = sessionIdOf(await signIn('alice'));
    now += 23 * HOUR;
    await resolve(id).expect(200); // seen: idle end moves to 23 h + 24 h
    now += 23 * HOUR;
    await resolve(id).expect(200);
    now += 24 * HOUR;
    await resolve(id).expect(404);
  });

  it('last_seen_at is written at most once a minute', async () => {
    const id = sessionIdOf(await signIn('alice'));
    const seen = async () =>
      (await sql<{ t: Date }>(db, 'SELECT last_seen_at AS t FROM auth.sessions WHERE token_hash = $1', [hashSessionId(id)]))[0].t.getTime();
    const start = await seen();
    now += TOUCH_INTERVAL_MS - 1;
    await resolve(id).expect(200);
    expect(await seen()).toBe(start);
    now += 1;
    await resolve(id).expect(200);
    expect(await seen()).toBe(start + TOUCH_INTERVAL_MS);
  });

  it('a session ends at its absolute lifetime however active it is', async () => {
    const id = sessionIdOf(await signIn('alice'));
    const end = now + 7 * DAY;
    while (end - now > 20 * HOUR) {
      now += 20 * HOUR;
      await resolve(id).expect(200);
    }
    now = end - 1;
    await resolve(id).expect(200);
    now += 1;
    await resolve(id).expect(404);
  });

  it('logout revokes the session and clears the cookie; { everywhere: true } revokes every session of the account', async () => {
    const a = sessionIdOf(await signIn('alice'));
    const b = sessionIdOf(await signIn('alice'));
    const c = sessionIdOf(await signIn('alice'));
    const out = await http().post('/api/auth/logout').set('cookie', `${SESSION_COOKIE}=${a}`).expect(204);
    expect(cookieOf(out)).toMatch(/^rewind_session=; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax$/);
    await resolve(a).expect(404);
    await resolve(b).expect(200);
    const [row] = await sql<{ revoked_at: Date }>(db, 'SELECT revoked_at FROM auth.sessions WHERE token_hash = $1', [hashSessionId(a)]);
    expect(row.revoked_at.getTime()).toBe(now);
    await http().post('/api/auth/logout').set('cookie', `${SESSION_COOKIE}=${b}`).send({ everywhere: 'yes' }).expect(400);
    await http().post('/api/auth/logout').set('cookie', `${SESSION_COOKIE}=${b}`).send({ everywhere: true }).expect(204);
    await resolve(b).expect(404);
    await resolve(c).expect(404);
    // without a session there is nothing to revoke, and still a 204
    await http().post('/api/auth/logout').expect(204);
  });

  it('deleting the account ends its sessions', async () => {
    const id = sessionIdOf(await signIn('bob'));
    await resolve(id).expect(200);
    await http()
      .delete(`/api/auth/accounts/${await accountOf('bob')}`)
      .expect(204);
    await resolve(id).expect(404);
  });

  it('the resolve route is internal (token) and checks what it is given', async () => {
    await http()
      .post('/internal/sessions/resolve')
      .set('x-internal-token', 'wrong-internal-token-0123456789')
      .send({ sessionId: 'x'.repeat(43) })
      .expect(401);
    const bad = await resolve('not a session id').expect(400);
    expect(bad.body.message).toBe('sessionId is not a session id');
    await resolve('A'.repeat(43)).expect(404);
  });
});
