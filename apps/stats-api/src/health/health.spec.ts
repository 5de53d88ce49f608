import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { baseTestEnv, createServiceTestApp, createTestDatabase, TestDatabase } from '@rewind/testing';
import { AppModule } from '../app.module';
import { SERVICE } from '../service';

describe('stats-api health, metrics and OpenAPI', () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createServiceTestApp(AppModule.forRoot({ ...baseTestEnv(db.url), PORT: 0 }), SERVICE);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('GET /health/live answers ok', async () => {
    const res = await request(app.getHttpServer()).get('/health/live').expect(200);
    expect(res.body.status).toBe('ok');
  });

  it('GET /health/ready pings the database', async () => {
    const res = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(res.body.details.database.status).toBe('up');
  });

  it('GET /metrics exposes request counters', async () => {
    await request(app.getHttpServer()).get('/health/live');
    const res = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(res.text).toMatch(/http_requests_total\{[^}]*route="\/health\/live"[^}]*\} \d+/);
  });

  it('unknown routes answer the contract error shape', async () => {
    const res = await request(app.getHttpServer()).get('/nope').expect(404);
    expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: expect.any(String) });
  });

  it('GET /openapi.json documents the service', async () => {
    const res = await request(app.getHttpServer()).get('/openapi.json').expect(200);
    expect(res.body.info.title).toBe(SERVICE.title);
    expect(Object.keys(res.body.paths)).toContain('/health/ready');
  });
});
