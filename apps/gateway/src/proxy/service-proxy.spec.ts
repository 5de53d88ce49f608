import { createServer, IncomingMessage, request as httpRequest, Server, ServerResponse } from 'node:http';
import { AddressInfo, connect } from 'node:net';
import request from 'supertest';
import { headerNames } from '../http/api-error-response';
import { serviceProxy } from './service-proxy';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const INTERNAL = 'gateway-internal-token-0123456789';

async function listen(handler: Handler): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('serviceProxy', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  async function through(
    service: Handler,
    timeoutMs?: number,
    gatewayHeaders: string[] = [],
  ): Promise<{ url: string; seen: IncomingMessage[]; backendUrl: string }> {
    const seen: IncomingMessage[] = [];
    const backend = await listen((req, res) => {
      seen.push(req);
      service(req, res);
    });
    const proxy = serviceProxy(
      { prefix: '/api/stats', target: backend.url, service: 'stats-api', internalToken: INTERNAL, timeoutMs },
      headerNames(gatewayHeaders),
    );
    const front = await listen((req, res) => proxy(req, res, [...gatewayHeaders], 'admin'));
    servers.push(backend.server, front.server);
    return { url: front.url, seen, backendUrl: backend.url };
  }

  it('drops hop-by-hop headers, those the Connection header names, the API token and a client internal token; names the service in Host; appends X-Forwarded-*', async () => {
    const { url, seen, backendUrl } = await through((_req, res) => res.end('ok'));
    await request(url).get('/api/stats/summary?x=1').set({
      authorization: 'Bearer secret-token-0123456789',
      connection: 'keep-alive, x-private-hop',
      'x-private-hop': 'must not pass',
      'proxy-authorization': 'Basic abc',
      'x-forwarded-for': '203.0.113.9',
      'x-request-id': 'req-1',
      'X-Internal-Token': 'client-guess',
    });
    const forwarded = seen[0];
    expect(forwarded.headers['x-internal-token']).toBe(INTERNAL);
    expect(forwarded.rawHeaders.filter((h) => h.toLowerCase() === 'x-internal-token')).toHaveLength(1);
    expect(forwarded.headers.host).toBe(new URL(backendUrl).host);
    expect(forwarded.url).toBe('/api/stats/summary?x=1');
    expect(forwarded.headers.authorization).toBeUndefined();
    expect(forwarded.headers['proxy-authorization']).toBeUndefined();
    expect(forwarded.headers['x-private-hop']).toBeUndefined();
    expect(forwarded.headers['x-request-id']).toBe('req-1');
    expect(forwarded.headers['x-forwarded-for']).toBe('203.0.113.9, 127.0.0.1');
    expect(forwarded.headers['x-forwarded-proto']).toBe('http');
    expect(forwarded.headers['x-forwarded-host']).toBe(new URL(url).host);
  });

  it('passes status, every Set-Cookie and other end-to-end headers back, never the service connection headers', async () => {
    const { url } = await through((_req, res) => {
      res.writeHead(201, 'Made', {
        'set-cookie': ['a=1', 'b=2'],
        etag: '"v1"',
        connection: 'keep-alive, x-service-hop',
        'x-service-hop': 'internal',
        'keep-alive': 'timeout=99',
      });
      res.end('made');
    });
    const answer = await request(url).get('/api/stats/x');
    expect(answer.status).toBe(201);
    expect(answer.text).toBe('made');
    expect(answer.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(answer.headers.etag).toBe('"v1"');
    expect(answer.headers['x-service-hop']).toBeUndefined();
    expect(answer.headers['keep-alive']).not.toBe('timeout=99');
  });

  it('streams a large answer through unchanged', async () => {
    const chunk = 'x'.repeat(64 * 1024);
    const { url } = await through((_req, res) => {
      for (let i = 0; i < 32; i++) res.write(chunk);
      res.end('end');
    });
    const answer = await request(url).get('/api/stats/big');
    expect(answer.text.length).toBe(32 * chunk.length + 3);
    expect(answer.text.endsWith('end')).toBe(true);
  });

  it('answers 504 with the contract error shape when the service does not answer in time', async () => {
    const { url } = await through(() => undefined, 200);
    const answer = await request(url).get('/api/stats/slow');
    expect(answer.status).toBe(504);
    expect(answer.body).toEqual({
      statusCode: 504,
      error: 'Gateway Timeout',
      message: 'stats-api did not answer within 0.2 s; try again shortly',
    });
  });

  it('answers 502 when the service is not listening, with the gateway headers', async () => {
    const closed = await listen(() => undefined);
    await new Promise((resolve) => closed.server.close(resolve));
    const proxy = serviceProxy({ prefix: '/api/stats', target: closed.url, service: 'stats-api', internalToken: INTERNAL }, [
      'x-frame-options',
    ]);
    const front = await listen((req, res) => proxy(req, res, ['X-Frame-Options', 'DENY'], 'admin'));
    servers.push(front.server);
    const answer = await request(front.url).get('/api/stats/summary');
    expect(answer.status).toBe(502);
    expect(answer.body).toMatchObject({
      statusCode: 502,
      error: 'Bad Gateway',
      message: expect.stringMatching(/^stats-api is unavailable/),
    });
    expect(answer.headers['x-frame-options']).toBe('DENY');
  });

  /** A service that resets its connection (TCP RST) when a second request arrives on it: a kept-alive connection it was closing. */
  function resetsReusedConnections(): Handler {
    const answered = new WeakSet<object>();
    return (req, res) => {
      if (answered.has(req.socket)) return void req.socket.resetAndDestroy();
      answered.add(req.socket);
      res.end(`answered ${req.method}`);
    };
  }

  it('sends a bodiless GET once more, on a new connection, when the service resets the kept-alive one it went out on', async () => {
    const { url, seen } = await through(resetsReusedConnections());
    await request(url).get('/api/stats/first').expect(200);
    const answer = await request(url).get('/api/stats/second');
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('answered GET');
    expect(seen.map((r) => r.url)).toEqual(['/api/stats/first', '/api/stats/second', '/api/stats/second']);
    expect(seen[2].socket).not.toBe(seen[1].socket);
  });

  it('answers 502, without sending it again, when the service resets a request that had a body', async () => {
    const { url, seen } = await through(resetsReusedConnections());
    await request(url).get('/api/stats/first').expect(200);
    const answer = await request(url).post('/api/stats/second').send({ a: 1 });
    expect(answer.status).toBe(502);
    expect(answer.body.message).toMatch(/^stats-api is unavailable/);
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /api/stats/first', 'POST /api/stats/second']);
  });

  it("puts the gateway's headers on the answer in place of the service's headers of the same name", async () => {
    const { url } = await through(
      (_req, res) => {
        res.setHeader('X-Frame-Options', 'SAMEORIGIN');
        res.setHeader('ETag', '"v2"');
        res.end('ok');
      },
      undefined,
      ['X-Frame-Options', 'DENY', 'X-Request-Id', 'req-9'],
    );
    const answer = await request(url).get('/api/stats/x').expect(200);
    expect(answer.headers['x-frame-options']).toBe('DENY');
    expect(answer.headers['x-request-id']).toBe('req-9');
    expect(answer.headers.etag).toBe('"v2"');
  });

  it('gives an HTTP/1.0 request that came without Host the service host', async () => {
    const { url, seen } = await through((_req, res) => res.end('ok'));
    const { hostname, port } = new URL(url);
    const reply = await new Promise<string>((resolve, reject) => {
      let text = '';
      const socket = connect(Number(port), hostname, () => socket.write('GET /api/stats/x HTTP/1.0\r\n\r\n'));
      socket
        .on('data', (data) => (text += data))
        .on('end', () => resolve(text))
        .on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 200/);
    expect(seen[0].headers.host).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('breaks off the client response when the service breaks off its answer', async () => {
    const { url } = await through((_req, res) => {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('partial');
      setTimeout(() => res.socket!.destroy(), 20);
    });
    await expect(request(url).get('/api/stats/broken')).rejects.toThrow(/aborted|socket hang up|ECONNRESET/);
  });

  it('stops the service request when the client goes away', async () => {
    let serviceSawClose!: () => void;
    const closedUpstream = new Promise<void>((resolve) => (serviceSawClose = resolve));
    const { url } = await through((req) => req.socket.on('close', serviceSawClose));
    const client = httpRequest(`${url}/api/stats/slow`);
    client.on('error', () => undefined);
    client.end();
    setTimeout(() => client.destroy(), 50);
    await closedUpstream;
  });
});
