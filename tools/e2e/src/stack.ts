import { ChildProcess, spawn } from 'node:child_process';
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
  /** The embedded database of this stack. */
  databaseUrl: string;
  output(): string;
  /** Stops the stack (SIGTERM) and removes its data; resolves to the supervisor's exit code. */
  stop(): Promise<number | null>;
  child: ChildProcess;
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
 * The whole system as `npm start` runs it (demo mode, embedded PostgreSQL), from the built
 * dist, on ports away from the defaults, with its own data directory.
 */
export async function startStack(options: { portBase: number; pgPort: number; env?: Record<string, string> }): Promise<Stack> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rewind-e2e-'));
  chmodSync(dataDir, 0o711);
  let output = '';
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/tools/start/src/main.js')], {
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
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Press Ctrl-C to stop.')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => reject(new Error(`the stack exited before it was ready:\n${output}`)));
  });
  const password = readFileSync(path.join(dataDir, 'postgres-password'), 'utf8').trim();
  return {
    gateway: `http://127.0.0.1:${options.portBase}`,
    token: readFileSync(path.join(dataDir, 'api-token'), 'utf8').trim(),
    databaseUrl: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.pgPort}/rewind`,
    output: () => output,
    child,
    dataDir,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const code = await exited;
      rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
