import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { connect, Socket } from 'node:net';
import path from 'node:path';
import { HOSTILE, loadOperations, NO_ACCOUNT, Operation, url } from '../src/openapi-operations';
import { QUIET_STACK_ENV, requireBuild, ROOT, Stack, startStack } from '@rewind/testing';

// Hostile input against the built stack (`npm start`), generated from the OpenAPI document: the
// services called directly, prototype keys, bad content types, deep JSON, credentials in query
// strings, cut-off uploads and idle sockets. Afterwards: no 5xx, no process exited, every service
// healthy, no secret in any log file, nothing written outside the data directory.
const PORT_BASE = 5000 + (process.pid % 40) * 10;
const PG_PORT = 55400 + (process.pid % 90);
const SERVICE_PORT_OFFSET: Record<string, number> = { auth: 1, ingest: 2, transform: 3, stats: 4 };
const UNSAFE = ['POST', 'PUT', 'PATCH', 'DELETE'];
/** HTTP_HEADERS_TIMEOUT_MS of this stack: an idle connection is closed within it plus node's 30 s check interval. */
const HEADERS_TIMEOUT_MS = 2000;

/** Every file under `dir` with its size and modification time. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (entry.isFile()) out[file] = `${statSync(file).size}:${statSync(file).mtimeMs}`;
  }
  return out;
}

/** A connection that never sends a byte; `closed` holds it once the server has closed it. */
function idleSocket(port: number, closed: Set<Socket>): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
    socket.on('close', () => closed.add(socket));
    socket.resume();
  });
}

/** A request straight to a service port (node:http, which lets a test set any Host). */
function direct(port: number, method: string, target: string, headers: Record<string, string>, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: target, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('hostile input against the running stack', () => {
  let stack: Stack;
  let operations: Operation[];
  let accountId: string;
  const failures: string[] = [];
  const idle: Socket[] = [];
  const closedIdle = new Set<Socket>();
  const checkoutData = path.join(ROOT, '.data');
  let checkoutBefore: Record<string, string>;

  beforeAll(async () => {
    requireBuild();
    checkoutBefore = snapshot(checkoutData);
    stack = await startStack({
      portBase: PORT_BASE,
      pgPort: PG_PORT,
      env: {
        ...QUIET_STACK_ENV,
        HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
      },
    });
    operations = await loadOperations(stack.gateway);
    const accounts = (await (await call('GET', '/api/auth/accounts')).json()) as { id: string }[];
    accountId = accounts[0].id;
    // Slow clients: connections that never send a byte, to the gateway and to every service.
    for (let port = PORT_BASE; port <= PORT_BASE + 4; port++) for (let i = 0; i < 10; i++) idle.push(await idleSocket(port, closedIdle));
  }, 300_000);

  afterAll(async () => {
    for (const socket of idle) socket.destroy();
    await stack?.stop();
  });

  const call = (
    method: string,
    target: string,
    init: { token?: string | null; headers?: Record<string, string>; body?: string | Buffer } = {},
  ) =>
    fetch(`${stack.gateway}${target}`, {
      method,
      redirect: 'manual',
      headers: { ...(init.token === null ? {} : { Authorization: `Bearer ${init.token ?? stack.token}` }), ...init.headers },
      body: init.body,
    });

  /** Records a 5xx (or an unexpected status) instead of failing at once, so one run lists every problem. */
  async function expectStatus(label: string, res: Response, expected: number[]): Promise<void> {
    if (!expected.includes(res.status)) failures.push(`${label} → ${res.status} ${(await res.text()).slice(0, 160)}`);
    else await res.arrayBuffer();
  }

  it('lets no one but the gateway in: every documented route of every service, called directly, is a 401 (421 under another host name)', async () => {
    for (const op of operations) {
      const service = op.path.split('/')[2];
      const offset = SERVICE_PORT_OFFSET[service];
      if (!offset) continue;
      const port = PORT_BASE + offset;
      const body = op.hasBody ? '{}' : undefined;
      const headers: Record<string, string> = op.hasBody ? { 'content-type': 'application/json' } : {};
      const cases: [string, Record<string, string>, number][] = [
        ['no token', headers, 401],
        ['a guessed internal token', { ...headers, 'x-internal-token': 'guessed-internal-token-0123' }, 401],
        ['the API token', { ...headers, authorization: `Bearer ${stack.token}` }, 401],
        ['another host name (DNS rebinding)', { ...headers, host: `rebound.example:${port}` }, 421],
      ];
      for (const [label, sent, expected] of cases) {
        const status = await direct(port, op.method, url(op, {}), sent, body);
        if (status !== expected) failures.push(`direct ${op.method} ${op.path} with ${label} → ${status}, expected ${expected}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses credentials in the query string in any case, and __proto__-style names, on every route', async () => {
    for (const op of operations) {
      const target = url(op, {});
      const sep = target.includes('?') ? '&' : '?';
      for (const name of ['TOKEN', 'Api_Token', 'access_token', 'refresh_token', 'key', 'password']) {
        const res = await call(op.method, `${target}${sep}${name}=${stack.token}`, { token: null });
        // login, callback and health ignore the query; the others (a share link's public data too) refuse it
        await expectStatus(
          `${op.method} ${op.path}?${name}=`,
          res,
          op.open && !op.path.startsWith('/api/share/') ? [200, 302, 400, 503] : [401],
        );
      }
      for (const name of ['__proto__', '__proto__[admin]', 'constructor', 'a[__proto__]'])
        await expectStatus(
          `${op.method} ${op.path}?${name}=`,
          await call(op.method, `${target}${sep}${encodeURIComponent(name)}=1`),
          [400],
        );
    }
    expect(failures).toEqual([]);
  });

  it('answers wrong types, huge strings and path tricks in every parameter with a 4xx', async () => {
    const values = [...HOSTILE.slice(0, 6), 'y'.repeat(64 * 1024), '..%2f..%2finternal', '%2e%2e', '[object Object]'];
    for (const op of operations)
      for (const p of op.parameters)
        for (const value of values) {
          const res = await call(
            op.method,
            url(op, { [p.name]: value.includes('%') ? value : encodeURIComponent(value) }),
            op.hasBody ? { headers: { 'content-type': 'application/json' }, body: '{}' } : {},
          );
          if (res.status >= 500) failures.push(`${op.method} ${op.path} ${p.name}=${value.slice(0, 30)} → ${res.status}`);
          await res.arrayBuffer();
        }
    expect(failures).toEqual([]);
  }, 120_000);

  it('refuses unsafe methods with a body that is not JSON or multipart (415), on every route', async () => {
    for (const op of operations.filter((o) => UNSAFE.includes(o.method) && !o.open))
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml'])
        await expectStatus(
          `${op.method} ${op.path} as ${type}`,
          await call(op.method, url(op, { accountId: NO_ACCOUNT }), { headers: { 'content-type': type }, body: '{"a":1}' }),
          [415],
        );
    expect(failures).toEqual([]);
  });

  it('refuses deeply nested and oversized JSON before validation (400/413), never a 500', async () => {
    const deepObject = '{"a":'.repeat(1500) + '1' + '}'.repeat(1500);
    const deepArray = '['.repeat(1500) + ']'.repeat(1500);
    for (const target of ['/api/auth/accounts', '/api/transform/runs', '/api/ingest/runs']) {
      for (const body of [deepObject, deepArray, `{"refreshToken":${deepArray}}`])
        await expectStatus(
          `POST ${target} deep`,
          await call('POST', target, { headers: { 'content-type': 'application/json' }, body }),
          [400],
        );
      const huge = JSON.stringify({ label: 'x'.repeat(300 * 1024) });
      await expectStatus(
        `POST ${target} huge`,
        await call('POST', target, { headers: { 'content-type': 'application/json' }, body: huge }),
        [413],
      );
    }
    expect(failures).toEqual([]);
  });

  it('answers cut-off uploads with a 400 and keeps nothing of them; ingest-service stays up', async () => {
    const imports = path.join(stack.dataDir, 'imports');
    const before = existsSync(imports) ? readdirSync(imports) : [];
    const part = `--XX\r\nContent-Disposition: form-data; name="files"; filename="a.json"\r\n\r\n[{"ts":"2026-01-01T00:00:00Z"`;
    for (let i = 0; i < 5; i++) {
      const res = await call('POST', `/api/ingest/imports?accountId=${accountId}`, {
        headers: { 'content-type': 'multipart/form-data; boundary=XX' },
        body: part,
      });
      expect({ status: res.status, body: await res.json() }).toEqual({
        status: 400,
        body: expect.objectContaining({ message: expect.stringMatching(/truncated multipart body/) }),
      });
    }
    expect(existsSync(imports) ? readdirSync(imports) : []).toEqual(before);
    const health = await call('GET', '/api/health');
    expect(health.status).toBe(200);
  });

  it('keeps /metrics behind the API token', async () => {
    expect((await call('GET', '/metrics', { token: null })).status).toBe(401);
    expect((await call('GET', '/metrics')).status).toBe(200);
  });

  it('closes connections that never send a request', async () => {
    const deadline = Date.now() + HEADERS_TIMEOUT_MS + 40_000;
    while (closedIdle.size < idle.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    expect({ open: idle.length - closedIdle.size, of: idle.length }).toEqual({ open: 0, of: 50 });
  }, 60_000);

  it('ends healthy: no process exited, no secret in any log file, logs private, nothing written outside the data directory', async () => {
    const health = await (await call('GET', '/api/health')).json();
    expect(health).toMatchObject({ status: 'ok', database: { status: 'ok' } });
    expect(stack.output()).not.toMatch(/exited with code|was killed by|left down/);
    const logDir = path.join(stack.dataDir, 'logs');
    expect(statSync(logDir).mode & 0o777).toBe(0o700);
    for (const file of readdirSync(logDir)) {
      const full = path.join(logDir, file);
      expect({ file, mode: (statSync(full).mode & 0o777).toString(8) }).toEqual({ file, mode: '600' });
      expect({ file, leaksApiToken: readFileSync(full, 'utf8').includes(stack.token) }).toEqual({ file, leaksApiToken: false });
    }
    expect(snapshot(checkoutData)).toEqual(checkoutBefore);
  });
});
