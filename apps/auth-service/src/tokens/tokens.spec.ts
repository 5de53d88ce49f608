import { INestApplication } from '@nestjs/common';
import type { RunningEmulator } from '@rewind/spotify-emulator';
import { createTestDatabase, TEST_INTERNAL_TOKEN, TestDatabase } from '@rewind/testing';
import request from 'supertest';
import { decodeKey } from '../config/auth.config';
import { TokenCipher } from '../crypto/token-cipher';
import { authTestConfig, createAuthApp, sql, startTestEmulator, TEST_KEY } from '../testing/auth-test-kit';

const SIX_MONTHS_MS = 183 * 24 * 3600 * 1000;

describe('internal token endpoint: refresh, single flight, rotation, reauth', () => {
  let db: TestDatabase;
  let emu: RunningEmulator;
  let appA: INestApplication;
  let appB: INestApplication;
  const cipher = new TokenCipher(decodeKey(TEST_KEY)!);
  const ids: Record<string, string> = {};

  const token = (app: INestApplication, id: string, body: object = {}) =>
    request(app.getHttpServer()).post(`/internal/accounts/${id}/access-token`).set('x-internal-token', TEST_INTERNAL_TOKEN).send(body);
  const refreshes = (listener: string) => emu.admin.counters(listener).tokenRefreshes;
  const storedRefreshToken = async (id: string) => {
    const [row] = await sql<{ c: Buffer; k: string }>(
      db,
      `SELECT refresh_token_ciphertext AS c, refresh_token_key_id AS k FROM auth.account_tokens WHERE account_id = $1`,
      [id],
    );
    return cipher.open(row.c, row.k);
  };
  /** Makes the stored access token look like it has `ms` left. */
  const expireIn = (id: string, ms: number) =>
    sql(db, `UPDATE auth.account_tokens SET access_token_expires_at = now() + make_interval(secs => $2) WHERE account_id = $1`, [
      id,
      ms / 1000,
    ]);
  /** Pretends the last refresh was a minute ago, so a forced refresh is not taken for a concurrent duplicate. */
  const ageRefresh = (id: string) => sql(db, `UPDATE auth.accounts SET last_refresh_at = now() - interval '1 minute' WHERE id = $1`, [id]);
  const force = async (app: INestApplication, id: string, status: number) => {
    await ageRefresh(id);
    return token(app, id, { forceRefresh: true }).expect(status);
  };
  const meWith = async (accessToken: string) => {
    const res = await fetch(`${emu.apiUrl}/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    return res.status === 200 ? ((await res.json()) as { id: string }).id : res.status;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    emu = await startTestEmulator({ listeners: ['alice', 'bob', 'carol', 'dave', 'erin'].map((id) => ({ id, historyDays: 0 })) });
    const config = authTestConfig(db, emu, { SPOTIFY_TIMEOUT_MS: 800 });
    // two auth-service instances sharing one database, as two processes would
    [appA, appB] = await Promise.all([createAuthApp(config), createAuthApp(config)]);
    for (const listener of ['alice', 'bob', 'carol', 'dave']) {
      const res = await request(appA.getHttpServer())
        .post('/api/auth/accounts')
        .send({ refreshToken: emu.admin.issueTokens(listener).refreshToken })
        .expect(201);
      ids[listener] = res.body.id;
    }
  });

  afterAll(async () => {
    await appA?.close();
    await appB?.close();
    await emu?.close();
    await db?.drop();
  });

  it('requires the internal token', async () => {
    // An empty header is what the test harness leaves alone (it adds the token only when the header is absent).
    const res = await request(appA.getHttpServer())
      .post(`/internal/accounts/${ids.alice}/access-token`)
      .set('x-internal-token', '')
      .expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    await request(appA.getHttpServer()).get('/internal/accounts').set('x-internal-token', 'wrong-token-wrong-token').expect(401);
  });

  it('GET /internal/accounts lists active accounts for ingest', async () => {
    const res = await request(appA.getHttpServer()).get('/internal/accounts').set('x-internal-token', TEST_INTERNAL_TOKEN).expect(200);
    expect(res.body).toEqual(expect.arrayContaining([{ id: ids.alice, timeZone: null, isDemo: false }]));
    expect(res.body).toHaveLength(4);
  });

  it('answers 404 for an unknown account and 400 for bad input', async () => {
    const unknown = await token(appA, '00000000-0000-4000-8000-000000000000').expect(404);
    expect(unknown.body.message).toBe('No account with id 00000000-0000-4000-8000-000000000000');
    expect((await token(appA, 'abc').expect(400)).body.message).toBe('id must be a UUID');
    expect((await token(appA, ids.alice, { forceRefresh: 'yes' }).expect(400)).body.message).toMatch(/forceRefresh must be a boolean/);
    expect(
      (
        await request(appA.getHttpServer())
          .get(`/internal/accounts/${ids.alice}/access-token?forceRefresh=perhaps`)
          .set('x-internal-token', TEST_INTERNAL_TOKEN)
          .expect(400)
      ).body.message,
    ).toBe('forceRefresh must be true or false');
  });

  it('returns the stored token while more than 5 minutes remain (no refresh)', async () => {
    const before = refreshes('alice');
    const res = await token(appA, ids.alice).expect(200);
    expect(res.body).toEqual({ accessToken: expect.any(String), expiresAt: expect.any(String) });
    expect(await meWith(res.body.accessToken)).toBe('alice');
    const get = await request(appB.getHttpServer())
      .get(`/internal/accounts/${ids.alice}/access-token`)
      .set('x-internal-token', TEST_INTERNAL_TOKEN)
      .expect(200);
    expect(get.body.accessToken).toBe(res.body.accessToken);
    expect(refreshes('alice')).toBe(before);
  });

  it('refreshes when under 5 minutes remain, once', async () => {
    await expireIn(ids.alice, 4 * 60_000);
    const before = refreshes('alice');
    const res = await token(appA, ids.alice).expect(200);
    expect(refreshes('alice')).toBe(before + 1);
    expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 55 * 60_000);
    expect(await meWith(res.body.accessToken)).toBe('alice');
    await token(appA, ids.alice).expect(200);
    expect(refreshes('alice')).toBe(before + 1);
    const [account] = await sql<{ last_refresh_at: Date }>(db, 'SELECT last_refresh_at FROM auth.accounts WHERE id = $1', [ids.alice]);
    expect(Date.now() - account.last_refresh_at.getTime()).toBeLessThan(60_000);
  });

  it('50 concurrent requests for an expiring token cause exactly 1 refresh', async () => {
    await expireIn(ids.bob, 60_000);
    const before = refreshes('bob');
    const results = await Promise.all(Array.from({ length: 50 }, () => token(appA, ids.bob)));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(new Set(results.map((r) => r.body.accessToken)).size).toBe(1);
    expect(refreshes('bob')).toBe(before + 1);
  });

  it('50 concurrent requests across two service instances cause exactly 1 refresh', async () => {
    await expireIn(ids.bob, 0);
    const before = refreshes('bob');
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => token(i % 2 ? appA : appB, ids.bob)));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(new Set(results.map((r) => r.body.accessToken)).size).toBe(1);
    expect(refreshes('bob')).toBe(before + 1);
  });

  it('forceRefresh (the client saw a 401) refreshes once for 50 concurrent callers on two instances', async () => {
    const old = (await token(appA, ids.bob).expect(200)).body.accessToken;
    await ageRefresh(ids.bob);
    const before = refreshes('bob');
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        i % 2 ? token(appA, ids.bob, { forceRefresh: true }) : token(appB, ids.bob, { forceRefresh: true }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    const fresh = new Set(results.map((r) => r.body.accessToken));
    expect(fresh.size).toBe(1);
    expect(fresh.has(old)).toBe(false);
    expect(refreshes('bob')).toBe(before + 1);
  });

  it('rotate mode: the rotated refresh token replaces the stored one', async () => {
    emu.admin.configure({ refreshMode: 'rotate' });
    const before = await storedRefreshToken(ids.carol);
    await force(appA, ids.carol, 200);
    const after = await storedRefreshToken(ids.carol);
    expect(after).not.toBe(before);
    expect(emu.world.refreshTokens.get(before)?.revoked).toBe(true);
    // and the new one works
    await force(appB, ids.carol, 200);
    expect(await storedRefreshToken(ids.carol)).not.toBe(after);
  });

  it('keep mode: no refresh token in the answer keeps the stored one', async () => {
    emu.admin.configure({ refreshMode: 'keep' });
    try {
      const before = await storedRefreshToken(ids.carol);
      const n = refreshes('carol');
      await force(appA, ids.carol, 200);
      await force(appB, ids.carol, 200);
      expect(refreshes('carol')).toBe(n + 2);
      expect(await storedRefreshToken(ids.carol)).toBe(before);
    } finally {
      emu.admin.configure({ refreshMode: 'rotate' });
    }
  });

  it('5xx and timeouts of the token endpoint are retried', async () => {
    const n = refreshes('dave');
    emu.admin.setFaults({ target: 'accounts', failNext: 2, errorStatuses: [502, 503] }, 'dave');
    await force(appA, ids.dave, 200);
    expect(emu.admin.counters('dave').status5xx).toBeGreaterThanOrEqual(2);
    emu.admin.setFaults({ target: 'accounts', hangNext: 1 }, 'dave');
    await force(appA, ids.dave, 200);
    expect(emu.admin.counters('dave').hangs).toBe(1);
    expect(refreshes('dave')).toBe(n + 2);
    emu.admin.clearFaults('dave');
  });

  it('Spotify down for good is a 503 and leaves the account active', async () => {
    emu.admin.setFaults({ target: 'accounts', errorRate: 1, errorStatuses: [500] }, 'dave');
    try {
      const res = await force(appA, ids.dave, 503);
      expect(res.body.message).toMatch(/^Spotify answered 500 after 3 attempt\(s\); try again shortly$/);
    } finally {
      emu.admin.clearFaults('dave');
    }
    const [row] = await sql<{ status: string }>(db, 'SELECT status FROM auth.accounts WHERE id = $1', [ids.dave]);
    expect(row.status).toBe('active');
  });

  it('invalid_grant marks only that account reauth_required; no more refresh attempts; health degraded', async () => {
    const ready = await request(appA.getHttpServer()).get('/health/ready').expect(200);
    expect(ready.body.details.accounts).toEqual({ status: 'up' });

    emu.admin.setFaults({ invalidGrant: true }, 'carol');
    const res = await force(appA, ids.carol, 409);
    expect(res.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: `Account ${ids.carol} must be reconnected: Spotify refused the refresh token (Refresh token revoked). Sign in again with Spotify (GET /api/auth/login) to reconnect it.`,
    });
    const failures = emu.admin.counters('carol').refreshFailures;
    // stops: neither instance asks Spotify again, forced or not
    await token(appB, ids.carol).expect(409);
    await force(appA, ids.carol, 409);
    expect(emu.admin.counters('carol').refreshFailures).toBe(failures);

    const list = (await request(appA.getHttpServer()).get('/api/auth/accounts').expect(200)).body as Array<{
      id: string;
      status: string;
      statusReason: string | null;
      tokenExpiresAt: string | null;
    }>;
    const carol = list.find((a) => a.id === ids.carol)!;
    expect(carol).toMatchObject({
      status: 'reauth_required',
      statusReason: 'Spotify refused the refresh token (Refresh token revoked)',
      tokenExpiresAt: null,
    });
    expect(list.filter((a) => a.id !== ids.carol).every((a) => a.status === 'active')).toBe(true);
    await force(appA, ids.dave, 200);

    const degraded = await request(appB.getHttpServer()).get('/health/ready').expect(200);
    expect(degraded.body.details.accounts).toEqual({ status: 'up', degraded: true, reason: '1 account needs to reconnect' });
    const internal = await request(appA.getHttpServer()).get('/internal/accounts').set('x-internal-token', TEST_INTERNAL_TOKEN).expect(200);
    expect(internal.body.map((a: { id: string }) => a.id)).not.toContain(ids.carol);

    // reconnecting (here headless) makes it active again
    emu.admin.clearFaults('carol');
    await request(appA.getHttpServer())
      .post('/api/auth/accounts')
      .send({ refreshToken: emu.admin.issueTokens('carol').refreshToken })
      .expect(201);
    await force(appA, ids.carol, 200);
    expect((await request(appA.getHttpServer()).get('/health/ready').expect(200)).body.details.accounts).toEqual({ status: 'up' });
  });

  it('a refresh token past its 6 months → reauth_required; an account that consented later is unaffected', async () => {
    emu.admin.advance(SIX_MONTHS_MS);
    // erin consents now (after the jump), so her refresh token is young
    const erin = (
      await request(appA.getHttpServer())
        .post('/api/auth/accounts')
        .send({ refreshToken: emu.admin.issueTokens('erin').refreshToken })
        .expect(201)
    ).body.id;
    const res = await force(appA, ids.alice, 409);
    expect(res.body.message).toMatch(/must be reconnected: Spotify refused the refresh token \(Refresh token expired\)/);
    await expireIn(erin, 0);
    const ok = await token(appB, erin).expect(200);
    expect(await meWith(ok.body.accessToken)).toBe('erin');
    const statuses = Object.fromEntries(
      (
        (await request(appA.getHttpServer()).get('/api/auth/accounts').expect(200)).body as Array<{ spotifyUserId: string; status: string }>
      ).map((a) => [a.spotifyUserId, a.status]),
    );
    expect(statuses.alice).toBe('reauth_required');
    expect(statuses.erin).toBe('active');
    const degraded = await request(appA.getHttpServer()).get('/health/ready').expect(200);
    expect(degraded.body.details.accounts.degraded).toBe(true);
  });
});
