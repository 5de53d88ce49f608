import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

// `npm start` end to end: embedded PostgreSQL, migrations, five services, health, clean stop,
// data kept across restarts. Ports are moved away from the defaults so a running instance is
// left alone.
const root = path.resolve(__dirname, '../../..');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rewind-start-'));
const PORT_BASE = 3200 + (process.pid % 30) * 10;
const PG_PORT = 54400 + (process.pid % 500);

function runStart(): { child: ChildProcess; output: () => string; ready: Promise<void>; exited: Promise<number | null> } {
  let output = '';
  const child = spawn(process.execPath, [path.join(root, 'dist/tools/start/src/main.js')], {
    cwd: root,
    env: {
      ...process.env,
      REWIND_DATA_DIR: dataDir,
      REWIND_PORT_BASE: String(PORT_BASE),
      REWIND_EMBEDDED_PG_PORT: String(PG_PORT),
      DATABASE_URL: '',
      API_TOKEN: '',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Press Ctrl-C to stop.')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => reject(new Error(`npm start exited before it was ready:\n${output}`)));
  });
  return { child, output: () => output, ready, exited };
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => socket.destroy() || resolve(true));
    socket.once('error', () => resolve(false));
  });
}

async function health(token: string) {
  const res = await fetch(`http://127.0.0.1:${PORT_BASE}/api/health`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() };
}

function databaseUrl(): string {
  const password = readFileSync(path.join(dataDir, 'postgres-password'), 'utf8').trim();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${PG_PORT}/rewind`;
}

describe('npm start', () => {
  beforeAll(() => {
    // Nx builds before this target (dependsOn start:build); run alone, `npm run build` first.
    if (!existsSync(path.join(root, 'dist/tools/start/src/main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  });

  const running: ChildProcess[] = [];
  afterAll(() => {
    // A failed assertion must not leave a stack running: the supervisor's death stops its services.
    for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts everything, answers health, stops cleanly and keeps the data for the next start', async () => {
    const first = runStart();
    running.push(first.child);
    await first.ready;
    expect(first.output()).toMatch(/API token\s+in .*api-token/);
    const token = readFileSync(path.join(dataDir, 'api-token'), 'utf8').trim();
    expect(await health(token)).toEqual({
      status: 200,
      body: {
        status: 'ok',
        services: { auth: { status: 'ok' }, ingest: { status: 'ok' }, transform: { status: 'ok' }, stats: { status: 'ok' } },
        database: { status: 'ok' },
      },
    });
    const unauthorized = await fetch(`http://127.0.0.1:${PORT_BASE}/api/stats/summary`);
    expect(unauthorized.status).toBe(401);

    // Demo mode (no SPOTIFY_CLIENT_ID): the emulator's synthetic listener is connected and imported.
    expect(first.output()).toMatch(/Demo mode/);
    const accounts = await fetch(`http://127.0.0.1:${PORT_BASE}/api/auth/accounts`, { headers: { Authorization: `Bearer ${token}` } });
    expect(await accounts.json()).toEqual([
      expect.objectContaining({
        isDemo: true,
        status: 'active',
        displayName: expect.stringMatching(/synthetic/),
        timeZone: expect.any(String),
      }),
    ]);

    const db = new Client({ connectionString: databaseUrl() });
    await db.connect();
    // each service connects as its own least-privileged role (libs/db service-roles.ts)
    const sessions = await db.query<{ app: string; role: string }>(
      `SELECT DISTINCT application_name AS app, usename AS role FROM pg_stat_activity
        WHERE application_name IN ('auth-service', 'ingest-service', 'transform-service', 'stats-api', 'gateway') ORDER BY 1`,
    );
    expect(sessions.rows).toEqual([
      { app: 'auth-service', role: 'rewind_auth' },
      { app: 'gateway', role: 'rewind_stats' },
      { app: 'ingest-service', role: 'rewind_ingest' },
      { app: 'stats-api', role: 'rewind_stats' },
      { app: 'transform-service', role: 'rewind_transform' },
    ]);
    const imported = await db.query(`SELECT count(*)::int AS n FROM raw.plays`);
    expect(imported.rows[0].n).toBeGreaterThan(1000);
    await db.query(`INSERT INTO raw.ingest_runs (status, trigger, error) VALUES ('succeeded', 'manual', 'kept across restarts')`);
    await db.end();

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    for (let p = PORT_BASE; p <= PORT_BASE + 4; p++) expect(await portOpen(p)).toBe(false);
    expect(await portOpen(PG_PORT)).toBe(false);
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);

    const second = runStart();
    running.push(second.child);
    try {
      await second.ready;
      expect(second.output()).toMatch(/Migrations: up to date/);
      const again = new Client({ connectionString: databaseUrl() });
      await again.connect();
      const { rows } = await again.query(`SELECT count(*)::int AS n FROM raw.ingest_runs WHERE error = 'kept across restarts'`);
      await again.end();
      expect(rows[0].n).toBe(1);
    } finally {
      second.child.kill('SIGINT');
      expect(await second.exited).toBe(0);
    }
  }, 240_000);
});
