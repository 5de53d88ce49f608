import express from 'express';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { gatewayOnly } from './gateway-only';
import { JSON_MAX_DEPTH, jsonBodyParser } from './request-hygiene';

const TOKEN = 'internal-token-0123456789abcdef';

describe('a service behind the gateway (gatewayOnly + jsonBodyParser)', () => {
  let server: Server;
  let base: string;
  let port: number;

  beforeAll(async () => {
    const app = express();
    app.use(gatewayOnly({ internalToken: TOKEN, allowedHosts: ['stats-api'] }));
    app.use(jsonBodyParser());
    app.get('/health/ready', (_req, res) => res.json({ status: 'ok' }));
    app.all('/api/echo', (req, res) => res.json({ body: req.body ?? null }));
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const asGateway = () => ({ 'x-internal-token': TOKEN });

  it('refuses every route but /health/* without the internal token, or with a wrong one', async () => {
    await request(base).get('/health/ready').expect(200);
    const anonymous = await request(base).get('/api/echo').expect(401);
    expect(anonymous.body).toMatchObject({ statusCode: 401, message: expect.stringMatching(/through the gateway/) });
    await request(base).get('/api/echo').set('x-internal-token', 'wrong-token-wrong-token').expect(401);
    await request(base).get('/metrics').expect(401);
    await request(base).get('/health/../api/echo').expect(401);
    await request(base).get('/api/echo').set(asGateway()).expect(200);
  });

  it('answers only to its own loopback host and port or an allowed name (421 otherwise): no DNS rebinding', async () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `stats-api:${port}`, `[::1]:${port}`])
      await request(base).get('/api/echo').set(asGateway()).set('Host', host).expect(200);
    for (const host of [`attacker.example:${port}`, '127.0.0.1', `127.0.0.1:${port + 1}`, `localhost.attacker.example:${port}`])
      await request(base).get('/api/echo').set(asGateway()).set('Host', host).expect(421);
    await request(base).get('/health/ready').set('Host', `rebound.example:${port}`).expect(421);
  });

  it('refuses unsafe methods with a body that is not JSON or multipart (415)', async () => {
    for (const method of ['post', 'put', 'patch', 'delete'] as const) {
      await request(base)[method]('/api/echo').set(asGateway()).set('Content-Type', 'text/plain').send('{"a":1}').expect(415);
      await request(base)[method]('/api/echo').set(asGateway()).type('form').send('a=1').expect(415);
    }
    await request(base)
      .post('/api/echo')
      .set(asGateway())
      .send({ a: 1 })
      .expect(200, { body: { a: 1 } });
    // no body, no content type: nothing to misread
    await request(base).delete('/api/echo').set(asGateway()).expect(200);
  });

  it('refuses deep or oversized JSON and prototype keys before any handler sees them', async () => {
    const deep = '['.repeat(1500) + ']'.repeat(1500);
    const refused = await request(base).post('/api/echo').set(asGateway()).set('Content-Type', 'application/json').send(deep).expect(400);
    expect(refused.body.message).toBe(`The JSON body nests deeper than ${JSON_MAX_DEPTH} levels`);
    const deepObject = '{"a":'.repeat(1500) + '1' + '}'.repeat(1500);
    await request(base).post('/api/echo').set(asGateway()).set('Content-Type', 'application/json').send(deepObject).expect(400);
    await request(base)
      .post('/api/echo')
      .set(asGateway())
      .send({ note: 'x'.repeat(200 * 1024) })
      .expect(413);
    await request(base)
      .post('/api/echo')
      .set(asGateway())
      .set('Content-Type', 'application/json')
      .send('{"__proto__":{"admin":true}}')
      .expect(400);
    await request(base).post('/api/echo').set(asGateway()).set('Content-Type', 'application/json').send('{"a":').expect(400);
    await request(base).get('/api/echo?__proto__[admin]=1').set(asGateway()).expect(400);
    await request(base).get('/api/echo?constructor=1').set(asGateway()).expect(400);
  });
});
