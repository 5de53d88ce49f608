import { INestApplication } from '@nestjs/common';
import type { RunningEmulator } from '@rewind/spotify-emulator';
import { createTestDatabase, TestDatabase } from '@rewind/testing';
import request from 'supertest';
import { authTestConfig, createAuthApp, sql, startTestEmulator } from '../testing/auth-test-kit';

describe('accounts: headless setup, list, delete, purge', () => {
  let db: TestDatabase;
  let emu: RunningEmulator;
  let app: INestApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    db = await createTestDatabase();
    emu = await startTestEmulator({
      listeners: ['alice', 'bob', 'carol', 'dave', 'erin'].map((id) => ({ id, displayName: id.toUpperCase(), historyDays: 0 })),
    });
    app = await createAuthApp(authTestConfig(db, emu, { ACCOUNT_LIMIT: 3 }));
  });

  afterAll(async () => {
    await app?.close();
    await emu?.close();
    await db?.drop();
  });

  beforeEach(async () => {
    await sql(db, 'DELETE FROM auth.accounts');
  });

  it('POST /api/auth/accounts checks the refresh token against Spotify and stores the account', async () => {
    const { refreshToken } = emu.admin.issueTokens('alice');
    const before = emu.admin.counters('alice');
    const res = await http().post('/api/auth/accounts').send({ refreshToken, label: 'mine' }).expect(201);
    expect(res.body).toEqual({ id: expect.any(String), spotifyUserId: 'alice', displayName: 'ALICE', status: 'active' });
    const after = emu.admin.counters('alice');
    expect(after.tokenRefreshes - before.tokenRefreshes).toBe(1);
    expect(after.meCalls - before.meCalls).toBe(1);
    expect(JSON.stringify(res.body)).not.toContain(refreshToken);

    const list = await http().get('/api/auth/accounts').expect(200);
    expect(list.body).toEqual([
      {
        id: res.body.id,
        spotifyUserId: 'alice',
        displayName: 'ALICE',
        status: 'active',
        tokenExpiresAt: expect.any(String),
        lastRefreshAt: expect.any(String),
        statusReason: null,
        label: 'mine',
        isDemo: false,
        timeZone: null,
        refreshTokenExpiresAt: expect.any(String),
      },
    ]);
    expect(new Date(list.body[0].tokenExpiresAt).getTime()).toBeGreaterThan(Date.now() + 55 * 60_000);
  });

  it('the same Spotify user twice is one account', async () => {
    const first = await http()
      .post('/api/auth/accounts')
      .send({ refreshToken: emu.admin.issueTokens('bob').refreshToken })
      .expect(201);
    const second = await http()
      .post('/api/auth/accounts')
      .send({ refreshToken: emu.admin.issueTokens('bob').refreshToken })
      .expect(201);
    expect(second.body.id).toBe(first.body.id);
    expect((await http().get('/api/auth/accounts').expect(200)).body).toHaveLength(1);
  });

  it("a bad refresh token is a 400 carrying Spotify's reason, and nothing is stored", async () => {
    const res = await http().post('/api/auth/accounts').send({ refreshToken: 'not-a-real-token' }).expect(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'refreshToken was refused by Spotify: Invalid refresh token',
    });
    const revoked = emu.admin.issueTokens('carol').refreshToken;
    emu.admin.revokeRefreshTokens('carol');
    const res2 = await http().post('/api/auth/accounts').send({ refreshToken: revoked }).expect(400);
    expect(res2.body.message).toBe('refreshToken was refused by Spotify: Refresh token revoked');
    expect(res2.body.message).not.toContain(revoked);
    expect(await sql(db, 'SELECT * FROM auth.accounts')).toHaveLength(0);
  });

  it('validation errors name the field', async () => {
    expect((await http().post('/api/auth/accounts').send({}).expect(400)).body.message).toMatch(/refreshToken must be a string/);
    expect((await http().post('/api/auth/accounts').send({ refreshToken: '' }).expect(400)).body.message).toMatch(
      /refreshToken must not be empty/,
    );
    expect((await http().post('/api/auth/accounts').send({ refreshToken: 'x', label: 5 }).expect(400)).body.message).toMatch(
      /label must be a string/,
    );
    expect((await http().post('/api/auth/accounts').send({ refreshToken: 'x', extra: 1 }).expect(400)).body.message).toMatch(
      /property extra should not exist/,
    );
    const bad = await http().post('/api/auth/accounts').set('content-type', 'application/json').send('{"refreshToken":').expect(400);
    expect(bad.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  });

  it('refuses more accounts than ACCOUNT_LIMIT with a 409, before spending the token', async () => {
    for (const id of ['alice', 'bob', 'carol'])
      await http()
        .post('/api/auth/accounts')
        .send({ refreshToken: emu.admin.issueTokens(id).refreshToken })
        .expect(201);
    const before = emu.admin.counters('dave').tokenRefreshes;
    const res = await http()
      .post('/api/auth/accounts')
      .send({ refreshToken: emu.admin.issueTokens('dave').refreshToken })
      .expect(409);
    expect(res.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: expect.stringMatching(/^At most 3 Spotify accounts can be connected/),
    });
    expect(emu.admin.counters('dave').tokenRefreshes).toBe(before);
  });

  it('GET /api/auth/accounts never returns a token', async () => {
    const { refreshToken } = emu.admin.issueTokens('erin');
    await http().post('/api/auth/accounts').send({ refreshToken }).expect(201);
    const res = await http().get('/api/auth/accounts').expect(200);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(refreshToken);
    expect(text).not.toMatch(/token"\s*:/i);
    expect(Object.keys(res.body[0])).not.toEqual(expect.arrayContaining(['accessToken', 'refreshToken']));
  });

  it('DELETE answers 204, then 404; a non-uuid is 400', async () => {
    const { body } = await http()
      .post('/api/auth/accounts')
      .send({ refreshToken: emu.admin.issueTokens('alice').refreshToken })
      .expect(201);
    await http().delete(`/api/auth/accounts/${body.id}`).expect(204);
    expect(await sql(db, 'SELECT * FROM auth.account_tokens')).toHaveLength(0);
    const again = await http().delete(`/api/auth/accounts/${body.id}`).expect(404);
    expect(again.body).toEqual({ statusCode: 404, error: 'Not Found', message: `No account with id ${body.id}` });
    expect((await http().delete('/api/auth/accounts/nope').expect(400)).body.message).toBe('id must be a UUID');
    expect((await http().delete(`/api/auth/accounts/${body.id}?purge=maybe`).expect(400)).body.message).toBe('purge must be true or false');
  });

  describe('purge', () => {
    const seedListening = async (accountId: string) => {
      await sql(
        db,
        `INSERT INTO raw.plays (account_id, played_at, track_id, source) VALUES ($1, now(), 't1', 'poll'), ($1, now() - interval '1 hour', 't2', 'poll')`,
        [accountId],
      );
      await sql(db, `INSERT INTO raw.non_music_listens (account_id, played_at, kind, ms_played) VALUES ($1, now(), 'podcast', 60000)`, [
        accountId,
      ]);
      await sql(db, `INSERT INTO raw.ingest_runs (account_id) VALUES ($1)`, [accountId]);
      await sql(db, `INSERT INTO raw.import_jobs (account_id) VALUES ($1)`, [accountId]);
      await sql(db, `INSERT INTO raw.poll_state (account_id) VALUES ($1)`, [accountId]);
      await sql(db, `INSERT INTO marts.test_purge_daily (account_id, day, plays) VALUES ($1, current_date, 2)`, [accountId]);
    };
    const countFor = async (accountId: string) => {
      const tables = [
        'raw.plays',
        'raw.non_music_listens',
        'raw.ingest_runs',
        'raw.import_jobs',
        'raw.poll_state',
        'marts.test_purge_daily',
      ];
      const counts: Record<string, number> = {};
      for (const t of tables)
        counts[t] = (await sql<{ n: number }>(db, `SELECT count(*)::int AS n FROM ${t} WHERE account_id = $1`, [accountId]))[0].n;
      return counts;
    };

    beforeAll(async () => {
      // A mart built by transform-service: found through information_schema at run time.
      await sql(db, `CREATE TABLE IF NOT EXISTS marts.test_purge_daily (account_id uuid NOT NULL, day date NOT NULL, plays int NOT NULL)`);
      await sql(db, `CREATE OR REPLACE VIEW marts.test_purge_view AS SELECT account_id, plays FROM marts.test_purge_daily`);
    });

    it("purge=true removes the account's listening data everywhere, and only its own", async () => {
      const a = (
        await http()
          .post('/api/auth/accounts')
          .send({ refreshToken: emu.admin.issueTokens('alice').refreshToken })
          .expect(201)
      ).body.id;
      const b = (
        await http()
          .post('/api/auth/accounts')
          .send({ refreshToken: emu.admin.issueTokens('bob').refreshToken })
          .expect(201)
      ).body.id;
      await seedListening(a);
      await seedListening(b);
      await http().delete(`/api/auth/accounts/${a}?purge=true`).expect(204);
      expect(Object.values(await countFor(a))).toEqual([0, 0, 0, 0, 0, 0]);
      expect(await countFor(b)).toEqual({
        'raw.plays': 2,
        'raw.non_music_listens': 1,
        'raw.ingest_runs': 1,
        'raw.import_jobs': 1,
        'raw.poll_state': 1,
        'marts.test_purge_daily': 1,
      });
      expect((await http().get('/api/auth/accounts').expect(200)).body.map((x: { id: string }) => x.id)).toEqual([b]);
    });

    it('without purge the listening data stays', async () => {
      const a = (
        await http()
          .post('/api/auth/accounts')
          .send({ refreshToken: emu.admin.issueTokens('carol').refreshToken })
          .expect(201)
      ).body.id;
      await seedListening(a);
      await http().delete(`/api/auth/accounts/${a}?purge=false`).expect(204);
      expect((await countFor(a))['raw.plays']).toBe(2);
    });
  });
});

describe('login without a Spotify app configured', () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createAuthApp(authTestConfig(db, null, { SPOTIFY_CLIENT_ID: undefined, SPOTIFY_CLIENT_SECRET: undefined }));
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('GET /api/auth/login answers 503 explaining how to configure Spotify', async () => {
    const html = await request(app.getHttpServer())
      .get('/api/auth/login')
      .expect(503)
      .expect('content-type', /text\/html/);
    expect(html.text).toContain('SPOTIFY_CLIENT_ID');
    expect(html.text).toContain('developer.spotify.com/dashboard');
    const json = await request(app.getHttpServer()).get('/api/auth/login').set('accept', 'application/json').expect(503);
    expect(json.body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: expect.stringContaining('SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET'),
    });
    const post = await request(app.getHttpServer()).post('/api/auth/accounts').send({ refreshToken: 'x' }).expect(503);
    expect(post.body.message).toMatch(/Spotify is not configured/);
  });
});
