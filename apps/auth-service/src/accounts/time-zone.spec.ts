import { INestApplication } from '@nestjs/common';
import { TRANSFORM_REQUEST_CHANNEL } from '@rewind/db';
import type { RunningEmulator } from '@rewind/spotify-emulator';
import { createTestDatabase, TestDatabase } from '@rewind/testing';
import { Client, Notification } from 'pg';
import request from 'supertest';
import { authTestConfig, createAuthApp, sql, startTestEmulator } from '../testing/auth-test-kit';

describe("accounts: an account's time zone (PATCH, POST, GET)", () => {
  let db: TestDatabase;
  let emu: RunningEmulator;
  let app: INestApplication;
  let listener: Client;
  const notifications: Notification[] = [];
  const http = () => request(app.getHttpServer());
  const connect = async (user: string, extra: Record<string, unknown> = {}) =>
    (
      await http()
        .post('/api/auth/accounts')
        .send({ refreshToken: emu.admin.issueTokens(user).refreshToken, ...extra })
        .expect(201)
    ).body.id as string;
  const requests = (accountId: string) =>
    sql<{ source: string; consumed: boolean }>(
      db,
      `SELECT source, consumed_at IS NOT NULL AS consumed FROM raw.transform_requests WHERE account_id = $1 ORDER BY id`,
      [accountId],
    );
  /** NOTIFY is delivered at commit, before the HTTP answer; one round trip on the listening connection flushes it to us. */
  const heard = async (accountId: string) => {
    await listener.query('SELECT 1');
    return notifications.filter((n) => n.payload === accountId).length;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    emu = await startTestEmulator({ listeners: ['tz-a', 'tz-b', 'tz-c'].map((id) => ({ id, historyDays: 0 })) });
    app = await createAuthApp(authTestConfig(db, emu));
    listener = new Client({ connectionString: db.url });
    await listener.connect();
    listener.on('notification', (n) => notifications.push(n));
    await listener.query(`LISTEN ${TRANSFORM_REQUEST_CHANNEL}`);
  });

  afterAll(async () => {
    await listener?.end();
    await app?.close();
    await emu?.close();
    await db?.drop();
  });

  beforeEach(async () => {
    await sql(db, 'DELETE FROM auth.accounts');
    await sql(db, 'DELETE FROM raw.transform_requests');
  });

  it('PATCH sets a valid zone: 200 with the account, visible in GET, and one transform run requested', async () => {
    const id = await connect('tz-a');
    expect((await http().get('/api/auth/accounts').expect(200)).body[0].timeZone).toBeNull();

    const res = await http().patch(`/api/auth/accounts/${id}`).send({ timeZone: 'America/New_York' }).expect(200);
    expect(res.body).toMatchObject({ id, spotifyUserId: 'tz-a', status: 'active', timeZone: 'America/New_York' });
    expect((await http().get('/api/auth/accounts').expect(200)).body[0].timeZone).toBe('America/New_York');
    expect(await requests(id)).toEqual([{ source: 'time_zone', consumed: false }]);
    expect(await heard(id)).toBe(1);

    // the same zone again (any spelling) changes nothing, so nothing is rebuilt
    const same = await http().patch(`/api/auth/accounts/${id}`).send({ timeZone: 'america/new_york' }).expect(200);
    expect(same.body.timeZone).toBe('America/New_York');
    expect(await requests(id)).toHaveLength(1);

    // a label alone is no reason to rebuild; a half-hour zone is
    await http().patch(`/api/auth/accounts/${id}`).send({ label: 'Mine' }).expect(200);
    expect(await requests(id)).toHaveLength(1);
    const kolkata = await http().patch(`/api/auth/accounts/${id}`).send({ timeZone: 'Asia/Kolkata', label: '' }).expect(200);
    expect(kolkata.body).toMatchObject({ timeZone: 'Asia/Kolkata', label: null });
    expect(await requests(id)).toHaveLength(2);
    expect(await heard(id)).toBe(2);
  });

  it('an unknown zone is a 400 naming the field, and nothing changes', async () => {
    const id = await connect('tz-b', { timeZone: 'Europe/Berlin' });
    for (const timeZone of ['Mars/Olympus', 'GMT+25', '', 'Europe/Berlin; DROP TABLE auth.accounts']) {
      const res = await http().patch(`/api/auth/accounts/${id}`).send({ timeZone }).expect(400);
      expect(res.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: expect.stringMatching(/^timeZone must be an IANA time zone name such as Europe\/Berlin/),
      });
    }
    expect((await http().patch(`/api/auth/accounts/${id}`).send({ timeZone: 42 }).expect(400)).body.message).toMatch(
      /timeZone must be a string/,
    );
    expect((await http().patch(`/api/auth/accounts/${id}`).send({}).expect(400)).body.message).toBe(
      'Nothing to change: give timeZone and/or label',
    );
    expect((await http().patch(`/api/auth/accounts/${id}`).send({ zone: 'UTC' }).expect(400)).body.message).toMatch(
      /property zone should not exist/,
    );
    expect((await http().get('/api/auth/accounts').expect(200)).body[0].timeZone).toBe('Europe/Berlin');
    expect(await requests(id)).toEqual([]);
  });

  it('an unknown account is a 404; a malformed id a 400', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const res = await http().patch(`/api/auth/accounts/${unknown}`).send({ timeZone: 'UTC' }).expect(404);
    expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: `No account with id ${unknown}` });
    expect((await http().patch('/api/auth/accounts/nope').send({ timeZone: 'UTC' }).expect(400)).body.message).toBe('id must be a UUID');
  });

  it('POST takes an optional zone: stored on a new account, filling a missing one on reconnection, never replacing one', async () => {
    const before = emu.admin.counters('tz-c').tokenRefreshes;
    const bad = await http()
      .post('/api/auth/accounts')
      .send({ refreshToken: emu.admin.issueTokens('tz-c').refreshToken, timeZone: 'Nowhere/Land' })
      .expect(400);
    expect(bad.body.message).toMatch(/^timeZone must be an IANA time zone name/);
    expect(emu.admin.counters('tz-c').tokenRefreshes).toBe(before); // checked before Spotify is asked

    const id = await connect('tz-c', { timeZone: 'Australia/Adelaide' });
    expect((await http().get('/api/auth/accounts').expect(200)).body[0].timeZone).toBe('Australia/Adelaide');
    expect(await requests(id)).toEqual([]); // a new account has nothing to rebuild

    expect(await connect('tz-c', { timeZone: 'Asia/Tokyo' })).toBe(id);
    expect((await http().get('/api/auth/accounts').expect(200)).body[0].timeZone).toBe('Australia/Adelaide');

    await sql(db, 'UPDATE auth.accounts SET time_zone = NULL WHERE id = $1', [id]);
    await connect('tz-c', { timeZone: 'Asia/Tokyo' });
    expect((await http().get('/api/auth/accounts').expect(200)).body[0].timeZone).toBe('Asia/Tokyo');
    expect(await requests(id)).toEqual([{ source: 'time_zone', consumed: false }]);
  });
});
