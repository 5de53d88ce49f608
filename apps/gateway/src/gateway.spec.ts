import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { NestExpressApplication } from '@nestjs/platform-express';
import { baseTestEnv, createTestDatabase, TestDatabase } from '@rewind/testing';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { AddressInfo, connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { AppModule } from './app.module';
import { GatewayConfig } from './config/gateway.config';
import { configureGateway } from './gateway-app';

const API_TOKEN = 'gateway-test-token-0123456789';

/** What helmet sets with the gateway's options. */
const SECURITY_HEADERS = [
  'content-security-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'strict-transport-security',
  'x-content-type-options',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
];

/** The value of one series in a Prometheus text exposition, 0 when absent. */
function metricValue(exposition: string, series: string): number {
  const line = exposition.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

/** Sends a raw request line (e.g. an absolute-form target supertest cannot send) and returns the raw response. */
function rawRequest(server: http.Server, requestLine: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const listening = server.listening ? Promise.resolve() : new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    void listening.then(() => {
      const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
      let response = '';
      socket.on('data', (chunk) => (response += chunk.toString()));
      socket.on('end', () => resolve(response));
      socket.on('error', reject);
      const lines = Object.entries({ Host: 'gateway.test', ...headers, Connection: 'close' }).map(([k, v]) => `${k}: ${v}\r\n`);
      socket.write(`${requestLine} HTTP/1.1\r\n${lines.join('')}\r\n`);
    });
  });
}

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
        return res.end(
          JSON.stringify({ status: upstream.ready ? 'ok' : 'error', details: { database: { status: upstream.ready ? 'up' : 'down' } } }),
        );
      }
      if (req.url === '/openapi.json') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(
          JSON.stringify({
            openapi: '3.0.0',
            info: { title: name, version: '1' },
            paths: {
              [`/api/${name}/things`]: { get: { responses: { 200: { description: 'ok' } } } },
              '/health/ready': { get: {} },
              '/internal/secret': { get: {} },
            },
            components: { schemas: { [`${name}Thing`]: { type: 'object' } } },
          }),
        );
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

  /** A gateway in front of the stand-in services; `overrides` change its configuration. */
  async function startGateway(overrides: Partial<GatewayConfig> = {}): Promise<INestApplication> {
    const config: GatewayConfig = {
      ...baseTestEnv(db.url),
      PORT: 0,
      API_TOKEN,
      CORS_ORIGINS: '',
      RATE_LIMIT_PER_MINUTE: 60,
      SHARE_RATE_LIMIT_PER_MINUTE: 60,
      SESSION_CACHE_MS: 5_000,
      WEB_DIST: '/nonexistent',
      AUTH_SERVICE_URL: upstreams.auth.url,
      INGEST_SERVICE_URL: upstreams.ingest.url,
      TRANSFORM_SERVICE_URL: upstreams.transform.url,
      STATS_SERVICE_URL: upstreams.stats.url,
      ...overrides,
    };
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
    const gateway = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, bufferLogs: true });
    configureGateway(gateway, config);
    await gateway.init();
    return gateway;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    for (const name of ['auth', 'ingest', 'transform', 'stats']) upstreams[name] = await startUpstream(name);
    app = await startGateway();
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
    // any spelling of a credential-like name, in any case
    for (const name of ['TOKEN', 'Api_Token', 'refresh_token', 'key', 'client_secret', 'password'])
      await request(server).get(`/api/stats/summary?${name}=x`).set(auth).expect(401);
    expect(upstreams.stats.received).toHaveLength(0);
  });

  it('refuses __proto__-style parameter names with 400, on proxied paths and its own routes alike', async () => {
    const server = app.getHttpServer();
    for (const path of ['/api/stats/summary?__proto__=1', '/api/stats/summary?a[__proto__][x]=1', '/api/health?constructor=1'])
      expect((await request(server).get(path).set(auth).expect(400)).body.message).toMatch(/is not allowed/);
    expect(upstreams.stats.received).toHaveLength(0);
  });

  it('keeps /metrics behind the API token', async () => {
    await request(app.getHttpServer()).get('/metrics').expect(401);
    expect((await request(app.getHttpServer()).get('/metrics').set(auth).expect(200)).text).toMatch(/http_requests_total/);
  });

  it('forwards authorised requests with path, query, status and headers intact, without the API token', async () => {
    const res = await request(app.getHttpServer())
      .get('/api/stats/teapot?from=2026-01-01&limit=5')
      .set(auth)
      .set('x-request-id', 'req-123')
      .expect(418);
    expect(res.headers['x-upstream']).toBe('stats');
    expect(res.headers['x-request-id']).toBe('req-123');
    const seen = upstreams.stats.received.at(-1)!;
    expect(seen.url).toBe('/api/stats/teapot?from=2026-01-01&limit=5');
    expect(seen.headers.authorization).toBeUndefined();
    expect(seen.headers['x-request-id']).toBe('req-123');
    expect(seen.headers['x-internal-token']).toBe(baseTestEnv(db.url).INTERNAL_TOKEN);
    expect(seen.headers.host).toBe(new URL(upstreams.stats.url).host);
  });

  it("replaces a client's X-Internal-Token with its own", async () => {
    await request(app.getHttpServer()).get('/api/stats/x').set(auth).set('X-Internal-Token', 'guessed-token-0123456789').expect(200);
    expect(upstreams.stats.received.at(-1)!.headers['x-internal-token']).toBe(baseTestEnv(db.url).INTERNAL_TOKEN);
  });

  it('streams request bodies through unchanged', async () => {
    const body = JSON.stringify({ blob: 'x'.repeat(2_000_000) });
    const res = await request(app.getHttpServer())
      .post('/api/ingest/imports')
      .set(auth)
      .set('content-type', 'application/json')
      .send(body)
      .expect(200);
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
    expect(paths).toEqual(
      expect.arrayContaining(['/api/health', '/api/auth/things', '/api/ingest/things', '/api/transform/things', '/api/stats/things']),
    );
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
    expect(limited!.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: expect.stringMatching(/60 requests per minute/),
    });
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
    // Wrong tokens count too: the limit also slows down token guessing.
    await request(server).get('/api/stats/anything').set('Authorization', 'Bearer guess').expect(429);
  });
  describe('proxied paths (served ahead of Express)', () => {
    let gateway: INestApplication;
    let deadServiceUrl: string;

    beforeAll(async () => {
      const probe = http.createServer();
      await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
      deadServiceUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
      await new Promise((r) => probe.close(r));
      gateway = await startGateway({ TRANSFORM_SERVICE_URL: deadServiceUrl });
    });

    afterAll(async () => {
      await gateway?.close();
    });

    it('sets the security headers helmet sets on the routes Express serves', async () => {
      const server = gateway.getHttpServer();
      const viaExpress = await request(server).get('/api/health');
      const proxied = await request(server).get('/api/stats/things').set(auth).expect(200);
      expect(proxied.headers['x-upstream']).toBe('stats');
      for (const name of SECURITY_HEADERS) {
        expect({ name, value: proxied.headers[name] }).toEqual({ name, value: viaExpress.headers[name] });
        expect(proxied.headers[name]).toEqual(expect.any(String));
      }
      expect(proxied.headers['content-security-policy']).toContain("img-src 'self' data: https:");
      expect(proxied.headers['x-powered-by']).toBeUndefined();
      expect(viaExpress.headers['x-powered-by']).toBeUndefined();
    });

    it('refuses like the Nest middleware does: same status, body and headers, nothing forwarded', async () => {
      const server = gateway.getHttpServer();
      const before = upstreams.stats.received.length;
      const cases: [string, Record<string, string>][] = [
        ['/things', {}],
        ['/things', { Authorization: 'Bearer wrong-token' }],
        ['/things', { Authorization: API_TOKEN }],
        [`/things?access_token=${API_TOKEN}`, {}],
        [`/things?apiToken=${API_TOKEN}`, auth],
        ['/%2e%2e/%2e%2e/internal/x', auth],
        ['/./things', auth],
        ['/..%5c..%5cinternal', auth],
      ];
      for (const [rest, headers] of cases) {
        const proxied = await request(server).get(`/api/stats${rest}`).set(headers);
        const viaExpress = await request(server).get(`/api/nope${rest}`).set(headers);
        expect([400, 401]).toContain(proxied.status);
        expect({ rest, status: proxied.status, body: proxied.body }).toEqual({ rest, status: viaExpress.status, body: viaExpress.body });
        for (const name of ['content-type', 'www-authenticate']) expect(proxied.headers[name]).toBe(viaExpress.headers[name]);
        expect(proxied.headers['x-request-id']).toEqual(expect.any(String));
        expect(proxied.headers.ratelimit).toMatch(/^limit=60, remaining=\d+/);
      }
      const head = await request(server).head('/api/stats/things').expect(401);
      expect(head.text).toBeUndefined();
      expect(upstreams.stats.received.length).toBe(before);
    });

    it('matches the service prefixes without regard to case, as Express routes did', async () => {
      const server = gateway.getHttpServer();
      await request(server).get('/API/Stats/things').expect(401);
      await request(server).get('/API/Stats/things').set(auth).expect(200);
      expect(upstreams.stats.received.at(-1)!.url).toBe('/API/Stats/things');
      // A longer name is not the prefix: Express answers (after the same checks).
      await request(server).get('/api/statsx').set(auth).expect(404);
    });

    it.each(['silent', 'warn'] as const)(
      'keeps a sane request id and replaces any other, echoing and forwarding it (LOG_LEVEL=%s)',
      async (level) => {
        const instance = level === 'silent' ? gateway : await startGateway({ LOG_LEVEL: level });
        const server = instance.getHttpServer();
        const kept = await request(server).get('/api/stats/things').set(auth).set('x-request-id', 'client-id.42').expect(200);
        expect(kept.headers['x-request-id']).toBe('client-id.42');
        expect(upstreams.stats.received.at(-1)!.headers['x-request-id']).toBe('client-id.42');
        const replaced = await request(server).get('/api/stats/things').set(auth).set('x-request-id', 'no spaces allowed').expect(200);
        expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
        expect(upstreams.stats.received.at(-1)!.headers['x-request-id']).toBe(replaced.headers['x-request-id']);
        if (instance !== gateway) await instance.close();
      },
    );

    it('routes absolute-form request targets by their path', async () => {
      const response = await rawRequest(gateway.getHttpServer(), 'GET http://gateway.test/api/stats/things?x=1', {
        Authorization: `Bearer ${API_TOKEN}`,
      });
      expect(response).toMatch(/^HTTP\/1\.1 200/);
      expect(upstreams.stats.received.at(-1)!.url).toBe('/api/stats/things?x=1');
    });

    it('labels metrics with the service route, and refusals with the guard route', async () => {
      const server = gateway.getHttpServer();
      const proxiedSeries = 'http_requests_total{method="GET",route="/api/stats/{*path}",status="200",service="gateway"}';
      const prefixSeries = 'http_requests_total{method="GET",route="/api/stats",status="200",service="gateway"}';
      const refusedSeries = 'http_requests_total{method="GET",route="/api/{*path}",status="401",service="gateway"}';
      const durationSeries = 'http_request_duration_seconds_count{service="gateway",method="GET",route="/api/stats/{*path}"}';
      const before = (await request(server).get('/metrics').set(auth).expect(200)).text;
      await request(server).get('/api/stats/things/1').set(auth).expect(200);
      await request(server).get('/api/stats?limit=1').set(auth).expect(200);
      await request(server).get('/api/stats/things').expect(401);
      const after = (await request(server).get('/metrics').set(auth).expect(200)).text;
      for (const series of [proxiedSeries, prefixSeries, refusedSeries, durationSeries]) {
        expect({ series, increase: metricValue(after, series) - metricValue(before, series) }).toEqual({ series, increase: 1 });
      }
      expect(after).not.toMatch(/route="unmatched"/);
    });

    it('answers 502 with the contract error shape, the security headers and the request id when a service is down', async () => {
      const server = gateway.getHttpServer();
      const res = await request(server).post('/api/transform/runs').set(auth).set('x-request-id', 'down-1').send({}).expect(502);
      expect(res.body).toEqual({
        statusCode: 502,
        error: 'Bad Gateway',
        message: expect.stringMatching(/transform-service is unavailable/),
      });
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.headers['x-request-id']).toBe('down-1');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      const metrics = (await request(server).get('/metrics').set(auth).expect(200)).text;
      expect(
        metricValue(metrics, 'http_requests_total{method="POST",route="/api/transform/{*path}",status="502",service="gateway"}'),
      ).toBeGreaterThan(0);
    });
  });

  describe('with CORS_ORIGINS set', () => {
    let gateway: INestApplication;
    const origin = 'https://app.example';
    const corsHeaders = ['access-control-allow-origin', 'access-control-allow-methods', 'access-control-allow-headers', 'vary'];

    beforeAll(async () => {
      gateway = await startGateway({ CORS_ORIGINS: `${origin}, https://other.example` });
    });

    afterAll(async () => {
      await gateway?.close();
    });

    it('answers preflights on proxied paths itself, exactly as on the routes Express serves', async () => {
      const server = gateway.getHttpServer();
      const before = upstreams.stats.received.length;
      const preflight = (path: string, from: string) =>
        request(server)
          .options(path)
          .set('Origin', from)
          .set('Access-Control-Request-Method', 'GET')
          .set('Access-Control-Request-Headers', 'authorization');
      const proxied = await preflight('/api/stats/things', origin).expect(204);
      const viaExpress = await preflight('/api/health', origin).expect(204);
      expect(proxied.headers['access-control-allow-origin']).toBe(origin);
      expect(proxied.headers['access-control-allow-headers']).toBe('Authorization,Content-Type,X-Request-Id');
      for (const name of [...corsHeaders, ...SECURITY_HEADERS])
        expect({ name, value: proxied.headers[name] }).toEqual({ name, value: viaExpress.headers[name] });
      const stranger = await preflight('/api/stats/things', 'https://evil.example').expect(204);
      expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
      expect(upstreams.stats.received.length).toBe(before);
    });

    it('adds the CORS headers to proxied responses for allowed origins only', async () => {
      const server = gateway.getHttpServer();
      const allowed = await request(server).get('/api/stats/things').set(auth).set('Origin', origin).expect(200);
      expect(allowed.headers['access-control-allow-origin']).toBe(origin);
      expect(allowed.headers['x-upstream']).toBe('stats');
      const other = await request(server).get('/api/stats/things').set(auth).set('Origin', 'https://evil.example').expect(200);
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('rate limit', () => {
    let gateway: INestApplication;

    beforeAll(async () => {
      gateway = await startGateway({ RATE_LIMIT_PER_MINUTE: 4 });
    });

    afterAll(async () => {
      await gateway?.close();
    });

    it('gives a client one budget across proxied paths and the routes Express serves', async () => {
      const server = gateway.getHttpServer();
      const remaining = async (req: request.Test) => (await req).headers.ratelimit?.match(/remaining=(\d+)/)?.[1];
      expect(await remaining(request(server).get('/api/stats/things').set(auth).expect(200))).toBe('3');
      expect(await remaining(request(server).get('/api/health').expect(200))).toBe('2');
      expect(await remaining(request(server).get('/api/auth/login').expect(200))).toBe('1');
      expect(await remaining(request(server).get('/api/nope').set(auth).expect(404))).toBe('0');
      for (const limited of [request(server).get('/api/stats/things').set(auth), request(server).get('/api/health')]) {
        const res = await limited.expect(429);
        expect(res.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: expect.stringMatching(/4 requests per minute/) });
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
    });
  });

  describe('dashboard files', () => {
    let gateway: INestApplication;
    let webDist: string;

    beforeAll(async () => {
      webDist = mkdtempSync(path.join(os.tmpdir(), 'gateway-web-'));
      writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>dashboard</title>');
      // Files that would shadow API routes if the static middleware looked at /api paths.
      mkdirSync(path.join(webDist, 'api'));
      writeFileSync(path.join(webDist, 'api', 'health'), 'a file, not the health route');
      gateway = await startGateway({ WEB_DIST: webDist });
    });

    afterAll(async () => {
      await gateway?.close();
      rmSync(webDist, { recursive: true, force: true });
    });

    it('serves the dashboard at / and never looks for /api paths on disk', async () => {
      const server = gateway.getHttpServer();
      const page = await request(server).get('/').expect(200);
      expect(page.text).toContain('<title>dashboard</title>');
      const health = await request(server).get('/api/health').expect(200);
      expect(health.body.status).toBe('ok');
    });

    it("answers a share link's page (/share/:id) with the dashboard, which renders it; nothing else under /share", async () => {
      const server = gateway.getHttpServer();
      const page = await request(server).get('/share/k3J9xQ2w8mV0pL5tR7yB1nC4dF6gH8jK').expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('<title>dashboard</title>');
      await request(server).get('/share/k3J9xQ2w8mV0pL5tR7yB1nC4dF6gH8jK/more').expect(404);
      await request(server).get('/share/').expect(404);
    });
  });
});
