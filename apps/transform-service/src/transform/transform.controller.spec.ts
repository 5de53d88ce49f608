import { INestApplication } from '@nestjs/common';
import { Pool } from 'pg';
import request from 'supertest';
import {
  baseTestEnv,
  createAccount,
  createServiceTestApp,
  createTestDatabase,
  insertPolledPlays,
  seedCatalog,
  TestDatabase,
} from '@rewind/testing';
import { requestTransform } from '@rewind/db';
import { AppModule } from '../app.module';
import { SERVICE } from '../service';
import { TransformTriggersService } from './transform-triggers.service';
import { TransformService } from './transform.service';

describe('transform-service routes and triggers', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let pool: Pool;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new Pool({ connectionString: db.url, max: 2 });
    await seedCatalog(pool, { artists: 10, albums: 8, tracks: 30 });
    const account = await createAccount(pool, 'routes', 'America/New_York');
    await insertPolledPlays(pool, account, 60, { from: new Date('2026-03-01T12:00:00Z'), gapMs: 200_000, tracks: 30, seed: 3 });
    app = await createServiceTestApp(
      AppModule.forRoot({
        ...baseTestEnv(db.url),
        PORT: 0,
        TRANSFORM_POLL_INTERVAL_MS: 0,
        TRANSFORM_CRON: 'off',
        TRANSFORM_FULL_REFRESH_CRON: 'off',
      }),
      SERVICE,
    );
  });

  afterAll(async () => {
    await app?.close();
    await pool?.end();
    await db?.drop();
  });

  const http = () => request(app.getHttpServer());

  it('POST /api/transform/runs queues a run (202) that GET /api/transform/runs/:id reports', async () => {
    const res = await http().post('/api/transform/runs').send({}).expect(202);
    expect(res.body).toEqual({ runId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    await app.get(TransformService).whenIdle();
    const run = await http().get(`/api/transform/runs/${res.body.runId}`).expect(200);
    expect(run.body.status).toBe('succeeded');
    const fct = run.body.models.find((m: { name: string }) => m.name === 'fct_plays');
    expect(fct).toEqual({
      name: 'fct_plays',
      version: '2',
      materialization: 'incremental',
      status: 'succeeded',
      rows: 60,
      durationMs: expect.any(Number),
      error: null,
    });
    expect(run.body.models.map((m: { name: string }) => m.name)).toContain('mart_sessions');
    expect(run.body.tests).toContainEqual({ name: 'no_future_plays', model: 'fct_plays', status: 'pass', failures: 0, error: null });
  });

  it('POST with a selector and fullRefresh runs only those models', async () => {
    const res = await http().post('/api/transform/runs').send({ select: 'agg_daily+', fullRefresh: true }).expect(202);
    await app.get(TransformService).whenIdle();
    const run = await http().get(`/api/transform/runs/${res.body.runId}`).expect(200);
    expect(run.body.models.map((m: { name: string }) => m.name)).toEqual(['agg_daily', 'mart_activity_daily', 'mart_streaks']);
    expect(run.body.fullRefresh).toBe(true);
  });

  it('rejects bad input with 400 naming the parameter', async () => {
    const unknown = await http().post('/api/transform/runs').send({ select: 'fct_play+' }).expect(400);
    expect(unknown.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'select: no model named "fct_play"' });
    const bad = await http().post('/api/transform/runs').send({ fullRefresh: 'yes' }).expect(400);
    expect(bad.body.message).toContain('fullRefresh');
    const weird = await http().post('/api/transform/runs').send({ select: 'x; drop table' }).expect(400);
    expect(weird.body.message).toContain('select');
    const id = await http().get('/api/transform/runs/not-a-uuid').expect(400);
    expect(id.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'id must be a UUID' });
  });

  it('GET /api/transform/runs/:id answers 404 for an unknown run', async () => {
    const res = await http().get('/api/transform/runs/00000000-0000-4000-8000-000000000000').expect(404);
    expect(res.body.message).toContain('00000000-0000-4000-8000-000000000000');
  });

  it('GET /api/transform/models lists every model with dependencies and last run', async () => {
    const res = await http().get('/api/transform/models').expect(200);
    const fct = res.body.find((m: { name: string }) => m.name === 'fct_plays');
    expect(fct).toMatchObject({
      name: 'fct_plays',
      version: '2',
      materialization: 'incremental',
      dependsOn: ['stg_plays'],
      lastRun: { status: 'succeeded' },
    });
    const names = res.body.map((m: { name: string }) => m.name);
    expect(names.indexOf('stg_plays')).toBeLessThan(names.indexOf('fct_plays'));
  });

  it('serves pending transform requests with one coalesced run and marks them consumed', async () => {
    await pool.query(`INSERT INTO raw.transform_requests (source) VALUES ('ingest'), ('import'), ('ingest')`);
    const result = await app.get(TransformTriggersService).serveRequests();
    expect(result?.status).toBe('succeeded');
    const { rows } = await pool.query(`SELECT count(*)::int AS pending FROM raw.transform_requests WHERE consumed_at IS NULL`);
    expect(rows[0].pending).toBe(0);
    const runs = await pool.query(`SELECT count(*)::int AS n FROM transform.runs WHERE trigger = 'request'`);
    expect(runs.rows[0].n).toBe(1);
    expect(await app.get(TransformTriggersService).serveRequests()).toBeNull();
  });

  it('is woken by NOTIFY, listens again after losing its connection, and serves what was requested meanwhile', async () => {
    // Polling every 10 minutes: within the test only a NOTIFY (or the reconnect) can serve a request.
    const listening = await createServiceTestApp(
      AppModule.forRoot({
        ...baseTestEnv(db.url),
        PORT: 0,
        TRANSFORM_POLL_INTERVAL_MS: 600_000,
        TRANSFORM_CRON: 'off',
        TRANSFORM_FULL_REFRESH_CRON: 'off',
      }),
      SERVICE,
    );
    const triggers = listening.get(TransformTriggersService);
    const pending = async () =>
      (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM raw.transform_requests WHERE consumed_at IS NULL`)).rows[0].n;
    const until = async (what: () => boolean | Promise<boolean>) => {
      for (let i = 0; i < 500 && !(await what()); i++) await new Promise((r) => setTimeout(r, 20));
    };
    try {
      await until(async () => (await pending()) === 0);
      expect(triggers.listening).toBe(true);

      await requestTransform(pool, 'ingest', null);
      await until(async () => (await pending()) === 0);
      expect(await pending()).toBe(0);

      await pool.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'transform-service-listen' AND datname = current_database()`,
      );
      await until(() => !triggers.listening);
      expect(triggers.listening).toBe(false);
      await requestTransform(pool, 'import', null); // nobody hears it
      await until(() => triggers.listening);
      expect(triggers.listening).toBe(true);
      await until(async () => (await pending()) === 0);
      expect(await pending()).toBe(0);

      // One pool (named transform-service) besides the held LISTEN connection.
      const names = await pool.query<{ name: string }>(
        `SELECT DISTINCT application_name AS name FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'transform%' ORDER BY 1`,
      );
      expect(names.rows.map((r) => r.name)).toEqual(['transform-service', 'transform-service-listen']);
    } finally {
      await listening.close();
    }
    const left = await pool.query(
      `SELECT 1 FROM pg_stat_activity WHERE application_name = 'transform-service-listen' AND datname = current_database()`,
    );
    expect(left.rowCount).toBe(0);
  });

  it('documents every route in OpenAPI', async () => {
    const res = await http().get('/openapi.json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/transform/runs', '/api/transform/runs/{id}', '/api/transform/models']),
    );
  });
});
