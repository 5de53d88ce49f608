/** The runs routes (supertest) and an import overlapping polled plays. */
import { INestApplication } from '@nestjs/common';
import { exportPlays, generateExport, type RunningEmulator } from '@rewind/spotify-emulator';
import { createTestDatabase, TestDatabase } from '@rewind/testing';
import { readFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { importFiles } from '../imports/testing/import-test-kit';
import { PollingService } from '../polling/polling.service';
import {
  createHarness,
  exposedTruth,
  HALF_HOUR,
  PollingHarness,
  startEmulatorForPolling,
  storedPlays,
} from '../polling/testing/polling-test-kit';

let database: TestDatabase;
let db: Client;
let emu: RunningEmulator;
let h: PollingHarness;
let app: INestApplication;

beforeAll(async () => {
  database = await createTestDatabase();
  db = new Client({ connectionString: database.url });
  await db.connect();
  emu = await startEmulatorForPolling({ devMode: false, seed: 11 });
  h = createHarness(emu, db, database.url);
  app = await h.startApp();
});

afterAll(async () => {
  await app?.close();
  await emu?.close();
  await db?.end();
  await database?.drop();
});

describe('POST /api/ingest/runs', () => {
  it('polls one account: 202 { runId }, the run ends in the ledger', async () => {
    const a = await h.addAccount({ id: 'route-a' });
    emu.admin.advance(2 * HALF_HOUR);
    const res = await request(app.getHttpServer()).post('/api/ingest/runs').send({ accountId: a }).expect(202);
    expect(res.body.runId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.runIds).toEqual([res.body.runId]);
    await app.get(PollingService).idle();
    const list = await request(app.getHttpServer()).get(`/api/ingest/runs?accountId=${a}`).expect(200);
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({
      id: res.body.runId,
      accountId: a,
      status: 'succeeded',
      error: null,
      gap: null,
      trigger: 'manual',
    });
    expect(list.body[0].inserted).toBe(exposedTruth(emu, 'route-a').length);
    expect(list.body[0].fetched).toBe(list.body[0].inserted + list.body[0].duplicates);
    expect(Date.parse(list.body[0].finishedAt)).toBeGreaterThanOrEqual(Date.parse(list.body[0].startedAt));
  });

  it('polls every active account without a body', async () => {
    const b = await h.addAccount({ id: 'route-b' });
    const res = await request(app.getHttpServer()).post('/api/ingest/runs').expect(202);
    expect(res.body.runIds.length).toBeGreaterThanOrEqual(2);
    await app.get(PollingService).idle();
    const list = await request(app.getHttpServer()).get(`/api/ingest/runs?accountId=${b}`).expect(200);
    expect(list.body[0].status).toBe('succeeded');
  });

  it('an account that must reconnect gets a skipped run with the reason', async () => {
    const c = await h.addAccount({ id: 'route-c' });
    await db.query(`UPDATE auth.accounts SET status = 'reauth_required' WHERE id = $1`, [c]);
    const res = await request(app.getHttpServer()).post('/api/ingest/runs').send({ accountId: c }).expect(202);
    const list = await request(app.getHttpServer()).get(`/api/ingest/runs?accountId=${c}`).expect(200);
    expect(list.body[0]).toMatchObject({ id: res.body.runId, status: 'skipped' });
    expect(list.body[0].error).toMatch(/reauth_required/);
  });

  it('400 for a bad accountId or body, 404 for an unknown account', async () => {
    const http = app.getHttpServer();
    const bad = await request(http).post('/api/ingest/runs').send({ accountId: 'nope' }).expect(400);
    expect(bad.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'accountId must be a UUID' });
    await request(http).post('/api/ingest/runs').send({ accountId: 42 }).expect(400);
    await request(http).post('/api/ingest/runs').set('content-type', 'application/json').send('[1]').expect(400);
    const missing = await request(http).post('/api/ingest/runs').send({ accountId: '0b9e3f5a-6f55-4d36-8a57-0f1a9c1c2b3d' }).expect(404);
    expect(missing.body.message).toMatch(/accountId 0b9e3f5a-6f55-4d36-8a57-0f1a9c1c2b3d/);
  });
});

describe('GET /api/ingest/runs', () => {
  it('newest first, limited, filtered by account', async () => {
    const http = app.getHttpServer();
    const all = await request(http).get('/api/ingest/runs').expect(200);
    expect(all.body.length).toBeGreaterThanOrEqual(4);
    const started = all.body.map((r: { startedAt: string }) => Date.parse(r.startedAt));
    expect([...started].sort((x, y) => y - x)).toEqual(started);
    expect((await request(http).get('/api/ingest/runs?limit=2').expect(200)).body).toHaveLength(2);
    for (const r of all.body) {
      expect(Object.keys(r).sort()).toEqual(
        ['accountId', 'duplicates', 'error', 'fetched', 'finishedAt', 'gap', 'id', 'inserted', 'startedAt', 'status', 'trigger'].sort(),
      );
    }
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=abc', 'limit'],
    ['accountId=xyz', 'accountId'],
  ])('400 for %s naming the parameter', async (query, name) => {
    const res = await request(app.getHttpServer()).get(`/api/ingest/runs?${query}`).expect(400);
    expect(res.body.statusCode).toBe(400);
    expect(res.body.message).toMatch(new RegExp(`^${name} `));
  });
});

describe('import overlapping polled plays', () => {
  it('an import followed by polls of the same plays stores each play once', async () => {
    const d = await h.addAccount({ id: 'overlap', historyDays: 3 });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rewind-overlap-'));
    const out = path.join(dir, 'export.zip');
    await generateExport({ listenerId: 'overlap', world: emu.world, out });
    const truthAtExport = exposedTruth(emu, 'overlap');
    const imported = [...exportPlays({ listenerId: 'overlap', world: emu.world })].length;
    expect(imported).toBe(truthAtExport.length);
    const job = await importFiles(app, d, [{ name: 'my_spotify_data.zip', content: await readFile(out) }]);
    expect(job.status).toBe('succeeded');
    // the poll sees the last 50 plays, all already imported (with second-precision times), then new ones
    const polling = app.get(PollingService);
    await (
      await polling.tick('manual', null, d)
    ).done;
    const [first] = (await request(app.getHttpServer()).get(`/api/ingest/runs?accountId=${d}&limit=1`).expect(200)).body;
    expect(first).toMatchObject({ status: 'succeeded', inserted: 0 });
    emu.admin.advance(2 * HALF_HOUR);
    await (
      await polling.tick('manual', null, d)
    ).done;
    const stored = await db.query(`SELECT count(*)::int AS n FROM raw.plays WHERE account_id = $1`, [d]);
    expect(stored.rows[0].n).toBe(exposedTruth(emu, 'overlap').length);
    // every play once: the polled ones are exactly those after the export
    const polled = (await storedPlays(db, d)).length - imported;
    expect(polled).toBe(exposedTruth(emu, 'overlap').length - truthAtExport.length);
  });
});
