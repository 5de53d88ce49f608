import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { apiTokenCheck } from './api-token';
import { crossSiteRefusal, Resolution, SessionCache, whoIsAsking } from './who-is-asking';

const TOKEN = 'gateway-test-token-0123456789';
const SESSION = 'S'.repeat(43);
const ACCOUNT = '11111111-1111-4111-8111-111111111111';

function req(method: string, url: string, headers: Record<string, string> = {}): IncomingMessage {
  const message = new IncomingMessage(new Socket());
  message.method = method;
  message.url = url;
  message.headers = { host: 'rewind.test:3000', ...headers };
  return message;
}

describe('whoIsAsking', () => {
  let now: number;
  let lookups: string[];
  let live: Map<string, string>;
  const resolve = () =>
    whoIsAsking({
      checkToken: apiTokenCheck(TOKEN),
      sessions: async (id) => {
        lookups.push(id);
        return live.get(id) ?? null;
      },
      cache: new SessionCache(5_000),
      now: () => now,
    });
  const cookie = { cookie: `theme=dark; rewind_session=${SESSION}` };
  const status = (r: Resolution) => r.refusal?.body.statusCode ?? 200;

  beforeEach(() => {
    now = 1_000_000;
    lookups = [];
    live = new Map([[SESSION, ACCOUNT]]);
  });

  it('the bearer token is the admin, and wins over a cookie; a wrong one is refused', async () => {
    const who = resolve();
    expect(await who(req('GET', '/api/stats/summary', { authorization: `Bearer ${TOKEN}`, ...cookie }))).toEqual({
      principal: { role: 'admin' },
    });
    expect(status(await who(req('GET', '/api/stats/summary', { authorization: 'Bearer wrong', ...cookie })))).toBe(401);
    expect(lookups).toEqual([]);
  });

  it('a session cookie is a listener, looked up once and remembered for the cache time', async () => {
    const who = resolve();
    expect(await who(req('GET', '/api/stats/summary', cookie))).toEqual({ principal: { role: 'listener', accountId: ACCOUNT } });
    now += 4_999;
    expect(who(req('GET', '/api/stats/top-artists', cookie))).toEqual({ principal: { role: 'listener', accountId: ACCOUNT } });
    expect(lookups).toHaveLength(1);
    now += 1;
    live.clear();
    expect(status(await who(req('GET', '/api/stats/summary', cookie)))).toBe(401);
    expect(lookups).toHaveLength(2);
  });

  it('a logout ends the session at once for this gateway', async () => {
    const who = resolve();
    await who(req('GET', '/api/auth/me', cookie));
    const out = await who(req('POST', '/api/auth/logout', { ...cookie, origin: 'http://rewind.test:3000' }));
    expect(out).toEqual({ principal: { role: 'listener', accountId: ACCOUNT } });
    expect(status(await who(req('GET', '/api/auth/me', cookie)))).toBe(401);
  });

  it('no credentials: 401, except on the public routes, which are nobody’s', async () => {
    const who = resolve();
    expect(status(await who(req('GET', '/api/stats/summary')))).toBe(401);
    expect(await who(req('GET', '/api/share/abc'))).toEqual({ principal: { role: 'anonymous' } });
    expect(await who(req('GET', '/api/auth/callback?code=x&state=y', cookie))).toEqual({ principal: { role: 'anonymous' } });
    expect(status(await who(req('GET', '/api/auth/..%2f..%2finternal/x', cookie)))).toBe(400);
  });

  it('auth-service not answering is a 503, not a guess', async () => {
    const who = whoIsAsking({
      checkToken: apiTokenCheck(TOKEN),
      sessions: () => Promise.reject(new Error('ECONNREFUSED')),
      cache: new SessionCache(5_000),
    });
    expect(status(await who(req('GET', '/api/stats/summary', cookie)))).toBe(503);
  });
});

describe('crossSiteRefusal', () => {
  it('lets safe methods through and needs this site in Origin, else Referer, for unsafe ones', () => {
    expect(crossSiteRefusal(req('GET', '/api/x', { origin: 'https://evil.example' }))).toBeNull();
    expect(crossSiteRefusal(req('POST', '/api/x', { origin: 'http://rewind.test:3000' }))).toBeNull();
    expect(crossSiteRefusal(req('DELETE', '/api/x', { referer: 'http://rewind.test:3000/share/x' }))).toBeNull();
    expect(crossSiteRefusal(req('PATCH', '/api/x', { origin: 'https://proxy.example', 'x-forwarded-host': 'proxy.example' }))).toBeNull();
    for (const headers of <Array<Record<string, string>>>[
      { origin: 'https://evil.example' },
      { origin: 'http://rewind.test:3001' },
      { origin: 'null', referer: 'https://evil.example/' },
      { origin: 'https://evil.example', referer: 'http://rewind.test:3000/' },
      {},
      { origin: 'not a url' },
    ])
      expect(crossSiteRefusal(req('POST', '/api/x', headers))?.refusal.body.statusCode).toBe(403);
  });
});
