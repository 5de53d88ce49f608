import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, WriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Repository root (the test loads this file from tools/chaos/src). */
export const ROOT = path.resolve(__dirname, '../../..');
const DIST = path.join(ROOT, 'dist');

export const SERVICE_NAMES = ['auth-service', 'ingest-service', 'transform-service', 'stats-api', 'gateway'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
const PORT_OFFSETS: Record<ServiceName, number> = {
  gateway: 0,
  'auth-service': 1,
  'ingest-service': 2,
  'transform-service': 3,
  'stats-api': 4,
};

/** These tests run the built system; Nx builds it once before them (start:build). */
export function requireBuild(): void {
  for (const file of ['tools/chaos/src/database-process.js', ...SERVICE_NAMES.map((s) => `apps/${s}/src/main.js`)]) {
    if (!existsSync(path.join(DIST, file)))
      throw new Error(`dist/${file} is missing: run \`npm run build\` first (npm test and npm run test:chaos do it)`);
  }
}

export interface ExitRecord {
  name: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  expected: boolean;
  at: Date;
  lastLines: string[];
}

/** One child process (a service or the database) with its log file and its last lines. */
class Proc {
  private child: ChildProcess | null = null;
  private expectingExit = false;
  private exited: Promise<void> = Promise.resolve();
  readonly recent: string[] = [];
  private readonly log: WriteStream;

  constructor(
    readonly name: string,
    private readonly script: string,
    private readonly env: NodeJS.ProcessEnv,
    logDir: string,
    private readonly onExit: (record: ExitRecord, proc: Proc) => void,
  ) {
    this.log = createWriteStream(path.join(logDir, `${name}.log`), { flags: 'a' });
  }

  get logFile(): string {
    return this.log.path.toString();
  }

  get running(): boolean {
    return this.child !== null;
  }

  start(): void {
    this.expectingExit = false;
    // stdin stays an open pipe: the services (REWIND_SUPERVISED) and the database process exit when it closes.
    const child = spawn(process.execPath, [this.script], { env: { ...this.env, REWIND_SUPERVISED: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    const onData = (chunk: Buffer) => {
      this.log.write(chunk);
      for (const line of chunk.toString().split('\n')) {
        if (!line) continue;
        this.recent.push(line);
        if (this.recent.length > 150) this.recent.shift();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    this.exited = new Promise((resolve) =>
      child.on('exit', (code, signal) => {
        this.child = null;
        this.log.write(`--- ${this.name} exited (${signal ?? `code ${code}`}) at ${new Date().toISOString()}\n`);
        this.onExit(
          { name: this.name, code, signal, expected: this.expectingExit, at: new Date(), lastLines: this.recent.slice(-150) },
          this,
        );
        resolve();
      }),
    );
  }

  /** Sends a signal and waits for the exit; SIGKILL after `graceMs` when it does not go. */
  async kill(signal: NodeJS.Signals, graceMs = 10_000): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.expectingExit = true;
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.kill(signal);
    await this.exited;
    clearTimeout(timer);
  }

  /** Resolves when a line of output matches (e.g. the database process's `ready`). */
  async waitForLine(pattern: RegExp, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.recent.some((l) => pattern.test(l))) return;
      if (!this.child) throw new Error(`${this.name} exited during start-up:\n${this.recent.join('\n')}`);
      await sleep(100);
    }
    throw new Error(`${this.name} did not print ${pattern} within ${timeoutMs} ms:\n${this.recent.join('\n')}`);
  }

  async waitReady(port: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer';
    while (Date.now() < deadline) {
      if (!this.child) throw new Error(`${this.name} exited during start-up:\n${this.recent.slice(-15).join('\n')}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(1000) });
        if (res.ok) return;
        last = `${res.status} ${(await res.text()).slice(0, 500)}`;
      } catch (error) {
        last = (error as Error).message; // not listening yet, or slower than the probe's timeout
      }
      await sleep(200);
    }
    throw new Error(
      `${this.name} was not ready within ${Math.round(timeoutMs / 1000)} s (last probe of :${port}/health/ready: ${last}):\n${this.recent.slice(-15).join('\n')}`,
    );
  }

  close(): void {
    this.log.end();
  }
}

export interface ChaosStackOptions {
  /** gateway port; the services take the next four */
  portBase: number;
  pgPort: number;
  /** variables for every service (Spotify URLs, schedules, tuning) */
  env: Record<string, string>;
}

/**
 * The whole system the way `npm start` runs it, but with every process in the test's hands:
 * its own embedded PostgreSQL (a child process, so it can be stopped and started again on the
 * same data directory), the five services from dist/ with their logs in the data directory.
 * Like the supervisor, a service that exits on its own is restarted; unlike it, every such exit
 * is recorded so the test can fail on it.
 */
export class ChaosStack {
  readonly dataDir: string;
  readonly logDir: string;
  readonly apiToken = randomBytes(24).toString('hex');
  readonly gateway: string;
  readonly databaseUrl: string;
  readonly exits: ExitRecord[] = [];
  private readonly pgPassword = randomBytes(18).toString('hex');
  private database: Proc | null = null;
  private readonly services = new Map<ServiceName, Proc>();
  private stopping = false;

  private constructor(private readonly options: ChaosStackOptions) {
    this.dataDir = mkdtempSync(path.join(os.tmpdir(), 'rewind-chaos-'));
    // the embedded server runs as the postgres user when the tests run as root
    chmodSync(this.dataDir, 0o711);
    this.logDir = path.join(this.dataDir, 'logs');
    mkdirSync(this.logDir, { recursive: true });
    this.gateway = `http://127.0.0.1:${options.portBase}`;
    this.databaseUrl = `postgres://postgres:${this.pgPassword}@127.0.0.1:${options.pgPort}/rewind`;
  }

  static async start(options: ChaosStackOptions): Promise<ChaosStack> {
    requireBuild();
    const stack = new ChaosStack(options);
    try {
      await stack.startDatabase(true);
      const internalToken = randomBytes(24).toString('hex');
      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'production',
        DATABASE_URL: stack.databaseUrl,
        API_TOKEN: stack.apiToken,
        INTERNAL_TOKEN: internalToken,
        TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        AUTH_SERVICE_URL: `http://127.0.0.1:${stack.port('auth-service')}`,
        INGEST_SERVICE_URL: `http://127.0.0.1:${stack.port('ingest-service')}`,
        TRANSFORM_SERVICE_URL: `http://127.0.0.1:${stack.port('transform-service')}`,
        STATS_SERVICE_URL: `http://127.0.0.1:${stack.port('stats-api')}`,
        IMPORT_DIR: path.join(stack.dataDir, 'imports'),
        WEB_DIST: path.join(DIST, 'apps/web'),
        LOG_LEVEL: 'info',
        ...options.env,
      };
      for (const name of SERVICE_NAMES) {
        const proc = new Proc(
          name,
          path.join(DIST, 'apps', name, 'src', 'main.js'),
          { ...env, PORT: String(stack.port(name)) },
          stack.logDir,
          (r, p) => stack.onExit(r, p),
        );
        stack.services.set(name, proc);
        proc.start();
      }
      await Promise.all(SERVICE_NAMES.map((name) => stack.services.get(name)!.waitReady(stack.port(name), 90_000)));
      return stack;
    } catch (error) {
      await stack.stop({ keepData: true });
      throw new Error(`${(error as Error).message}\n(logs in ${stack.logDir})`);
    }
  }

  port(name: ServiceName): number {
    return this.options.portBase + PORT_OFFSETS[name];
  }

  private onExit(record: ExitRecord, proc: Proc): void {
    if (record.expected || this.stopping) return;
    this.exits.push(record);
    // as the supervisor (tools/start) does: restart a service that died on its own
    if (proc !== this.database) setTimeout(() => !this.stopping && !proc.running && proc.start(), 1000);
  }

  /** Services (and the database) that exited without being asked to. */
  unexpectedExits(): ExitRecord[] {
    return [...this.exits];
  }

  async startDatabase(migrate = false): Promise<void> {
    if (!this.database) {
      this.database = new Proc(
        'postgres',
        path.join(DIST, 'tools/chaos/src/database-process.js'),
        {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          CHAOS_PG_DIR: path.join(this.dataDir, 'postgres'),
          CHAOS_PG_PORT: String(this.options.pgPort),
          CHAOS_PG_PASSWORD: this.pgPassword,
          CHAOS_PG_MIGRATE: migrate ? '1' : '0',
        },
        this.logDir,
        (r, p) => this.onExit(r, p),
      );
    }
    this.database.recent.length = 0;
    this.database.start();
    await this.database.waitForLine(/^ready$/, 120_000);
  }

  /** A clean PostgreSQL shutdown (fast mode: open connections are terminated). */
  async stopDatabase(): Promise<void> {
    await this.database?.kill('SIGTERM', 30_000);
  }

  service(name: ServiceName): { running: boolean; logFile: string; recent: string[] } {
    const p = this.services.get(name)!;
    return { running: p.running, logFile: p.logFile, recent: p.recent };
  }

  async killService(name: ServiceName, signal: NodeJS.Signals): Promise<void> {
    await this.services.get(name)!.kill(signal);
  }

  async startService(name: ServiceName): Promise<void> {
    const p = this.services.get(name)!;
    if (!p.running) p.start();
    await p.waitReady(this.port(name), 60_000);
  }

  /** Stops every service (SIGTERM, then SIGKILL after 5 s) and the database; removes the data unless asked to keep it. */
  async stop(options: { keepData?: boolean } = {}): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.services.values()].map((p) => p.kill('SIGTERM', 5000)));
    await this.database?.kill('SIGTERM', 30_000);
    for (const p of [...this.services.values(), this.database]) p?.close();
    if (!options.keepData) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
