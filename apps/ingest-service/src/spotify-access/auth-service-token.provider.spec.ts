/** The production token provider against a tiny local server speaking auth-service's internal contract. */
import { ReauthRequired } from '@rewind/spotify';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AccessTokenUnavailable, AuthServiceTokenProvider } from './auth-service-token.provider';

const ACCOUNT = '0b9e3f5a-6f55-4d36-8a57-0f1a9c1c2b3d';
const INTERNAL = 'internal-token-0123456789';

let server: Server;
let url: string;
const seen: { path: string; header: string | undefined; body: unknown }[] = [];
let answer: (body: { forceRefresh?: boolean }) => { status: number; body: unknown } = () => ({ status: 500, body: {} });
let issued = 0;

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = (await readBody(req)) as { forceRefresh?: boolean };
    seen.push({ path: `${req.method} ${req.url}`, header: req.headers['x-internal-token'] as string | undefined, body });
    if (req.headers['x-internal-token'] !== INTERNAL) {
      res
        .writeHead(401, { 'content-type': 'application/json' })
        .end(JSON.stringify({ statusCode: 401, error: 'Unauthorized', message: 'bad internal token' }));
      return;
    }
    const a = answer(body ?? {});
    res.writeHead(a.status, { 'content-type': 'application/json' }).end(JSON.stringify(a.body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

beforeEach(() => {
  seen.length = 0;
  issued = 0;
});

const ok = (body: { forceRefresh?: boolean }) => ({
  status: 200,
  body: {
    accessToken: `token-${++issued}${body.forceRefresh ? '-forced' : ''}`,
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  },
});

describe('AuthServiceTokenProvider', () => {
  it('asks POST /internal/accounts/:id/access-token with the internal token, caches until near expiry, forceRefresh bypasses', async () => {
    answer = ok;
    const p = new AuthServiceTokenProvider({ authServiceUrl: `${url}/`, internalToken: INTERNAL });
    expect(await p.getAccessToken(ACCOUNT)).toBe('token-1');
    expect(await p.getAccessToken(ACCOUNT)).toBe('token-1');
    expect(seen).toEqual([{ path: `POST /internal/accounts/${ACCOUNT}/access-token`, header: INTERNAL, body: { forceRefresh: false } }]);
    expect(await p.getAccessToken(ACCOUNT, { forceRefresh: true })).toBe('token-2-forced');
    expect(seen[1].body).toEqual({ forceRefresh: true });
  });

  it('a token about to expire is fetched again', async () => {
    answer = () => ({ status: 200, body: { accessToken: `t${++issued}`, expiresAt: new Date(Date.now() + 30_000).toISOString() } });
    const p = new AuthServiceTokenProvider({ authServiceUrl: url, internalToken: INTERNAL, marginMs: 60_000 });
    await p.getAccessToken(ACCOUNT);
    expect(await p.getAccessToken(ACCOUNT)).toBe('t2');
  });

  it('409 → ReauthRequired with the reason; other errors → AccessTokenUnavailable without the token', async () => {
    answer = () => ({
      status: 409,
      body: { statusCode: 409, error: 'Conflict', message: 'Account x must be reconnected: Refresh token revoked' },
    });
    const p = new AuthServiceTokenProvider({ authServiceUrl: url, internalToken: INTERNAL });
    const e = await p.getAccessToken(ACCOUNT).catch((x) => x);
    expect(e).toBeInstanceOf(ReauthRequired);
    expect(e.reason).toMatch(/Refresh token revoked/);
    answer = () => ({ status: 503, body: { statusCode: 503, error: 'Service Unavailable', message: 'Spotify unavailable' } });
    const u = await p.getAccessToken(ACCOUNT).catch((x) => x);
    expect(u).toBeInstanceOf(AccessTokenUnavailable);
    expect(u.status).toBe(503);
    const wrong = new AuthServiceTokenProvider({ authServiceUrl: url, internalToken: 'wrong-internal-token' });
    const w = await wrong.getAccessToken(ACCOUNT).catch((x) => x);
    expect(w).toBeInstanceOf(AccessTokenUnavailable);
    expect(w.message).not.toMatch(/wrong-internal-token/);
  });

  it('auth-service down → AccessTokenUnavailable', async () => {
    const p = new AuthServiceTokenProvider({ authServiceUrl: 'http://127.0.0.1:1', internalToken: INTERNAL });
    await expect(p.getAccessToken(ACCOUNT)).rejects.toBeInstanceOf(AccessTokenUnavailable);
  });
});
