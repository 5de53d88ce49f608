import { INestApplication } from '@nestjs/common';
import { refreshTokenExpiresAt } from '@rewind/spotify';
import type { RunningEmulator } from '@rewind/spotify-emulator';
import { createTestDatabase, TestDatabase } from '@rewind/testing';
import request from 'supertest';
import { TokenCipher } from '../crypto/token-cipher';
import { authTestConfig, createAuthApp, sql, startTestEmulator } from '../testing/auth-test-kit';

const ACCOUNT_KEY = 'StableAccountKey000001';

describe("accounts: Spotify's account_id is the key; the refresh token's 6 months are known", () => {
  let db: TestDatabase;
  let emu: RunningEmulator;
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  const connect = async (user: string) =>
    (
      await http()
        .post('/api/auth/accounts')
        .send({ refreshToken: emu.admin.issueTokens(user).refreshToken })
        .expect(201)
    ).body as { id: string; spotifyUserId: string };
  const list = async () => (await http().get('/api/auth/accounts').expect(200)).body as Array<Record<string, any>>;
  const stored = (id: string) =>
    sql<{ spotifyAccountId: string | null; consentedAt: Date }>(
      db,
      `SELECT spotify_account_id AS "spotifyAccountId", consented_at AS "consentedAt" FROM auth.accounts WHERE id = $1`,
      [id],
    ).then((rows) => rows[0]);

  beforeAll(async () => {
    db = await createTestDatabase();
    emu = await startTestEmulator({
      listeners: [
        { id: 'before-rename', accountId: ACCOUNT_KEY, historyDays: 0 },
        { id: 'after-rename', accountId: ACCOUNT_KEY, historyDays: 0 },
        { id: 'legacy', historyDays: 0 },
        { id: 'consent', historyDays: 0 },
      ],
    });
    app = await createAuthApp(authTestConfig(db, emu));
  });

  afterAll(async () => {
    await app?.close();
    await emu?.close();
    await db?.drop();
  });

  beforeEach(() => sql(db, 'DELETE FROM auth.accounts'));

  it('a second connection with the same account_id is the same account, under its new user name', async () => {
    const first = await connect('before-rename');
    expect((await stored(first.id)).spotifyAccountId).toBe(ACCOUNT_KEY);
    const second = await connect('after-rename');
    expect(second).toMatchObject({ id: first.id, spotifyUserId: 'after-rename' });
    expect((await list()).map((a) => [a.id, a.spotifyUserId])).toEqual([[first.id, 'after-rename']]);
  });

  it('an account stored before Spotify gave account ids is found by its user name and gets its account_id', async () => {
    const [{ id }] = await sql<{ id: string }>(
      db,
      `INSERT INTO auth.accounts (spotify_user_id, display_name, consented_at) VALUES ('legacy', 'Legacy', now()) RETURNING id`,
    );
    expect((await connect('legacy')).id).toBe(id);
    expect((await stored(id)).spotifyAccountId).toBe(emu.admin.listListeners().find((l) => l.id === 'legacy')!.accountId);
    expect(await list()).toHaveLength(1);
  });

  it('GET shows refreshTokenExpiresAt = consent + 6 months; the same token again keeps the consent, a new token renews it', async () => {
    const before = Date.now();
    const { id } = await connect('consent');
    const { consentedAt } = await stored(id);
    expect(consentedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const shown = (await list())[0].refreshTokenExpiresAt as string;
    expect(shown).toBe(refreshTokenExpiresAt(consentedAt).toISOString());
    const consented = new Date(consentedAt);
    consented.setUTCMonth(consented.getUTCMonth() + 6);
    expect(Math.abs(new Date(shown).getTime() - consented.getTime())).toBeLessThan(3 * 24 * 3600_000); // six calendar months

    // the consent of a token Rewind already holds is not moved by giving the token again
    await sql(db, `UPDATE auth.accounts SET consented_at = '2026-06-01T10:00:00Z' WHERE id = $1`, [id]);
    const [{ c, k }] = await sql<{ c: Buffer; k: string }>(
      db,
      `SELECT refresh_token_ciphertext AS c, refresh_token_key_id AS k FROM auth.account_tokens WHERE account_id = $1`,
      [id],
    );
    const held = app.get(TokenCipher).open(c, k);
    await http().post('/api/auth/accounts').send({ refreshToken: held }).expect(201);
    expect((await list())[0].refreshTokenExpiresAt).toBe('2026-12-01T10:00:00.000Z');

    // a token Rewind has not seen was just consented to
    await connect('consent');
    expect(new Date((await list())[0].refreshTokenExpiresAt).getTime()).toBeGreaterThan(Date.parse('2027-01-01T00:00:00Z'));
  });
});
