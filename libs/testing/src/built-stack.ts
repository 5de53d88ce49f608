import { ManagedProcess } from '@rewind/supervisor';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The checkout's root, from the sources (tests) or from dist/ (benchmarks). */
function findRoot(dir: string): string {
  return existsSync(path.join(dir, 'nx.json')) ? dir : findRoot(path.dirname(dir));
}
export const ROOT = findRoot(__dirname);

export interface Stack {
  gateway: string;
  token: string;
  /** The embedded database of this stack, as its superuser. */
  databaseUrl: string;
  output(): string;
  /** Stops the stack (SIGTERM) and removes its data; resolves to the supervisor's exit code. */
  stop(): Promise<number | null>;
  /** `npm start` itself, run by the shared supervisor's process class. */
  process: ManagedProcess;
  dataDir: string;
}

/**
 * These tests run the built system. Nx builds it once before them (the `start:build` target);
 * run alone, they need `npm run build` first.
 */
export function requireBuild(): void {
  if (!existsSync(path.join(ROOT, 'dist/tools/start/src/main.js'))) {
    throw new Error('dist/ is missing: run `npm run build` first (npm test does it through Nx)');
  }
}

/**
 * Schedulers off and a rate limit no test reaches: what runs is what a test asks for (background
 * transform runs requested by the demo import and enrichment still happen).
 */
export const QUIET_STACK_ENV: Readonly<Record<string, string>> = {
  INGEST_CRON: 'off',
  TRANSFORM_CRON: 'off',
  TRANSFORM_FULL_REFRESH_CRON: 'off',
  ENRICHMENT_INTERVAL_MS: '0',
  RATE_LIMIT_PER_MINUTE: '100000',
};

/**
 * The whole system as `npm start` runs it (demo mode, embedded PostgreSQL), from the built
 * dist, on ports away from the defaults, with its own data directory (its output in
 * <dataDir>/logs/npm-start.log next to the services' logs).
 */
export async function startStack(options: { portBase: number; pgPort: number; env?: Record<string, string> }): Promise<Stack> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rewind-e2e-'));
  chmodSync(dataDir, 0o711);
  let output = '';
  let exitCode: number | null = null;
  let onExit: () => void = () => undefined;
  const exited = new Promise<void>((resolve) => (onExit = resolve));
  const start = new ManagedProcess(
    {
      name: 'npm-start',
      script: path.join(ROOT, 'dist/tools/start/src/main.js'),
      cwd: ROOT,
      env: {
        ...process.env,
        REWIND_DATA_DIR: dataDir,
        REWIND_PORT_BASE: String(options.portBase),
        REWIND_EMBEDDED_PG_PORT: String(options.pgPort),
        DATABASE_URL: '',
        API_TOKEN: '',
        SPOTIFY_CLIENT_ID: '',
        LOG_LEVEL: 'warn',
        ...options.env,
      },
    },
    path.join(dataDir, 'logs'),
    (record) => {
      exitCode = record.code;
      onExit();
    },
  );
  await new Promise<void>((resolve, reject) => {
    start.onLine = (line) => {
      output += `${line}\n`;
      if (line.includes('Press Ctrl-C to stop.')) resolve();
    };
    void exited.then(() => reject(new Error(`the stack exited before it was ready:\n${output}`)));
    start.start();
  });
  const password = readFileSync(path.join(dataDir, 'postgres-password'), 'utf8').trim();
  return {
    gateway: `http://127.0.0.1:${options.portBase}`,
    token: readFileSync(path.join(dataDir, 'api-token'), 'utf8').trim(),
    databaseUrl: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.pgPort}/rewind`,
    output: () => output,
    process: start,
    dataDir,
    stop: async () => {
      await start.stop(60_000);
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
      return exitCode;
    },
  };
}
