import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { NestExpressApplication } from '@nestjs/platform-express';
import { baseTestEnv, createTestDatabase, TestDatabase } from '@rewind/testing';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { AppModule } from './app.module';
import { GatewayConfig } from './config/gateway.config';
import { configureGateway } from './gateway-app';

const API_TOKEN = 'gateway-test-token-0123456789';

interface Upstream {
  url: string;
  server: http.Server;
  ready: boolean;
  received: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[];
}

/** A stand-in backend service: records what reached it and answers like one of ours. */
async function startUpstream(name: string): Promise<Upstream> {
  const upstream: Upstream = { url: '', server: http.createServer(), ready: true, received: [] };
  upstream.server.on('request', (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      if (req.url === '/health/ready') {
        res.writeHead(upstream.ready ? 200 : 503, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ status: upstream.ready ? 'ok' : 'error', details: { database: { status: upstream.ready ? 'up' : 'down' } } }));
      }
      if (req.url === '/openapi.json') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({
          openapi: '3.0.0', info: { title: name, version: '1' },
          paths: { [`/api/${name}/things`]: { get: { responses: { 200: { description: 'ok' } } } }, '/health/ready': { get: {} }, '/internal/secret': { get: {} } },
          components: { schemas: { [`${name}Thing`]: { type: 'object' } } },
        }));
      }
      upstream.received.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      res.writeHead(req.url?.includes('teapot') ? 418 : 200, { 'content-type': 'application/json', 'x-upstream': name });
      res.end(JSON.stringify({ service: name, method: req.method, url: req.url, bodyLength: body.length }));
    });
  });
  await new Promise<void>((resolve) => upstream.server.listen(0, '127.0.0.1', resolve));
  upstream.url = `http://127.0.0.1:${(upstream.server.address() as AddressInfo).port}`;
  return upstream;
}

describe('gateway', () => {
  let db: TestDatabase;
  let app: INestApplication;
  const upstreams: Record<string, Upstream> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    for (const name of ['auth', 'ingest', 'transform', 'stats']) upstreams[name] = await startUpstream(name);
    const config: GatewayConfig = {
      ...baseTestEnv(db.url),
      PORT: 0,
      API_TOKEN,
      CORS_ORIGINS: '',
      RATE_LIMIT_PER_MINUTE: 60,
      WEB_DIST: '/nonexistent',
      AUTH_SERVICE_URL: upstreams.auth.url,
      INGEST_SERVICE_URL: upstreams.ingest.url,
      TRANSFORM_SERVICE_URL: upstreams.transform.url,
      STATS_SERVICE_URL: upstreams.stats.url,
    };
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, bufferLogs: true });
    configureGateway(app, config);
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    for (const u of Object.values(upstreams)) await new Promise((r) => u.server.close(r));
    await db?.drop();
  });

  const auth = { Authorization: `Bearer ${API_TOKEN}` };

  it('refuses /api/stats without a token, with a wrong one, and with one in the query string', async () => {
    const server = app.getHttpServer();
    const none = await request(server).get('/api/stats/summary').expect(401);
    expect(none.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: expect.stringMatching(/Authorization/) });
    await request(server).get('/api/stats/summary').set('Authorization', 'Bearer wrong-token').expect(401);
    await request(server).get('/api/stats/summary').set('Authorization', API_TOKEN).expect(401);
    await request(server).get(`/api/stats/summary?access_token=${API_TOKEN}`).expect(401);
    await request(server).get(`/api/stats/summary?token=${API_TOKEN}`).set(auth).expect(401);
    expect(upstreams.stats.received).toHaveLength(0);
  });

  it('forwards authorised requests with path, query, status and headers intact, without the API token', async () => {
    const res = await request(app.getHttpServer()).get('/api/stats/teapot?from=2026-01-01&limit=5').set(auth).set('x-request-id', 'req-123').expect(418);
    expect(res.headers['x-upstream']).toBe('stats');
    expect(res.headers['x-request-id']).toBe('req-123');
    const seen = upstreams.stats.received.at(-1)!;
    expect(seen.url).toBe('/api/stats/teapot?from=2026-01-01&limit=5');
    expect(seen.headers.authorization).toBeUndefined();
    expect(seen.headers['x-request-id']).toBe('req-123');
  });

  it('streams request bodies through unchanged', async () => {
    const body = JSON.stringify({ blob: 'x'.repeat(2_000_000) });
    const res = await request(app.getHttpServer()).post('/api/ingest/imports').set(auth).set('content-type', 'application/json').send(body).expect(200);
    expect(res.body.bodyLength).toBe(body.length);
    expect(upstreams.ingest.received.at(-1)!.body).toBe(body);
  });

  it('lets login and callback through without a token', async () => {
    await request(app.getHttpServer()).get('/api/auth/login').expect(200);
    await request(app.getHttpServer()).get('/api/auth/callback?code=abc&state=def').expect(200);
    expect(upstreams.auth.received.map((r) => r.url)).toEqual(['/api/auth/login', '/api/auth/callback?code=abc&state=def']);
  });

  it('never forwards internal routes', async () => {
    await request(app.getHttpServer()).get('/internal/accounts/x/token').set(auth).expect(404);
    for (const sneaky of ['/api/auth/../../internal/x', '/api/auth/%2e%2e/%2e%2e/internal/x', '/api/auth/..%2f..%2finternal/x']) {
      const res = await request(app.getHttpServer()).get(sneaky).set(auth).expect(400);
      expect(res.body.message).toMatch(/segments/);
    }
    expect(upstreams.auth.received.some((r) => r.url.includes('internal'))).toBe(false);
  });

  it('aggregates health: ok when all are up, degraded and 503 when one is down', async () => {
    const ok = await request(app.getHttpServer()).get('/api/health').expect(200);
    expect(ok.body).toEqual({
      status: 'ok',
      services: { auth: { status: 'ok' }, ingest: { status: 'ok' }, transform: { status: 'ok' }, stats: { status: 'ok' } },
      database: { status: 'ok' },
    });
    upstreams.transform.ready = false;
    try {
      const degraded = await request(app.getHttpServer()).get('/api/health').expect(503);
      expect(degraded.body.status).toBe('degraded');
      expect(degraded.body.services.transform.status).toBe('down');
    } finally {
      upstreams.transform.ready = true;
    }
  });

  it('answers 502 with the contract error shape when a service is unreachable', async () => {
    const stats = upstreams.stats;
    await new Promise((r) => stats.server.close(r));
    try {
      const res = await request(app.getHttpServer()).get('/api/stats/summary').set(auth).expect(502);
      expect(res.body).toEqual({ statusCode: 502, error: 'Bad Gateway', message: expect.stringMatching(/stats-api is unavailable/) });
      const health = await request(app.getHttpServer()).get('/api/health').expect(503);
      expect(health.body.services.stats).toEqual({ status: 'down', reason: 'not reachable' });
    } finally {
      await new Promise<void>((resolve) => stats.server.listen(Number(new URL(stats.url).port), '127.0.0.1', resolve));
    }
  });

  it('serves the merged OpenAPI document and Swagger UI', async () => {
    const res = await request(app.getHttpServer()).get('/docs/openapi.json').expect(200);
    const paths = Object.keys(res.body.paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/health', '/api/auth/things', '/api/ingest/things', '/api/transform/things', '/api/stats/things']));
    expect(paths.some((p) => p.startsWith('/health') || p.startsWith('/internal'))).toBe(false);
    expect(res.body.paths['/api/stats/things'].get.security).toEqual([{ 'api-token': [] }]);
    expect(res.body.components.schemas).toHaveProperty('statsThing');
    const ui = await request(app.getHttpServer()).get('/docs/').expect(200);
    expect(ui.text).toMatch(/swagger/i);
  });

  it('sets security headers and keeps CORS closed by default', async () => {
    const res = await request(app.getHttpServer()).get('/api/health').set('Origin', 'https://evil.example');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('limits each client per minute on /api/**, with Retry-After and the contract error shape', async () => {
    const server = app.getHttpServer();
    let limited: request.Response | undefined;
    for (let i = 0; i < 80 && !limited; i++) {
      const res = await request(server).get('/api/stats/anything').set(auth);
      if (res.status === 429) limited = res;
    }
    expect(limited).toBeDefined();
    expect(limited!.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: expect.stringMatching(/60 requests per minute/) });
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
    // Wrong tokens count too: the limit also slows down token guessing.
    await request(server).get('/api/stats/anything').set('Authorization', 'Bearer guess').expect(429);
  });
});
