import { ExitRecord, ManagedProcess, sleep, Supervisor } from '@rewind/supervisor';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export { sleep };
export type { ExitRecord };

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

export interface ChaosStackOptions {
  /** gateway port; the services take the next four */
  portBase: number;
  pgPort: number;
  /** variables for every service (Spotify URLs, schedules, tuning) */
  env: Record<string, string>;
}

/**
 * The whole system the way `npm start` runs it, with the same supervisor (@rewind/supervisor),
 * but with every process in the test's hands: its own embedded PostgreSQL (a child process, so it
 * can be stopped and started again on the same data directory), the five services from dist/
 * with their logs and uploads in the data directory (REWIND_DATA_DIR). A service that exits on
 * its own is restarted by the supervisor; every such exit is recorded so the test can fail on it.
 */
export class ChaosStack {
  readonly dataDir: string;
  readonly logDir: string;
  readonly apiToken = randomBytes(24).toString('hex');
  readonly gateway: string;
  readonly databaseUrl: string;
  private readonly pgPassword = randomBytes(18).toString('hex');
  private database: ManagedProcess | null = null;
  private readonly databaseExits: ExitRecord[] = [];
  private readonly supervisor: Supervisor;
  /** Processes the test killed on purpose behind the supervisor's back (see crash()). */
  private readonly crashedOnPurpose = new Set<number>();

  private constructor(private readonly options: ChaosStackOptions) {
    this.dataDir = mkdtempSync(path.join(os.tmpdir(), 'rewind-chaos-'));
    // the embedded server runs as the postgres user when the tests run as root
    chmodSync(this.dataDir, 0o711);
    this.logDir = path.join(this.dataDir, 'logs');
    this.gateway = `http://127.0.0.1:${options.portBase}`;
    this.databaseUrl = `postgres://postgres:${this.pgPassword}@127.0.0.1:${options.pgPort}/rewind`;
    this.supervisor = new Supervisor({ logDir: this.logDir, restartDelayMs: 200, report: () => undefined });
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
        REWIND_DATA_DIR: stack.dataDir,
        DATABASE_URL: stack.databaseUrl,
        API_TOKEN: stack.apiToken,
        INTERNAL_TOKEN: internalToken,
        TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        AUTH_SERVICE_URL: `http://127.0.0.1:${stack.port('auth-service')}`,
        INGEST_SERVICE_URL: `http://127.0.0.1:${stack.port('ingest-service')}`,
        TRANSFORM_SERVICE_URL: `http://127.0.0.1:${stack.port('transform-service')}`,
        STATS_SERVICE_URL: `http://127.0.0.1:${stack.port('stats-api')}`,
        WEB_DIST: path.join(DIST, 'apps/web'),
        LOG_LEVEL: 'info',
        ...options.env,
      };
      for (const name of SERVICE_NAMES) {
        stack.supervisor.add({
          name,
          script: path.join(DIST, 'apps', name, 'src', 'main.js'),
          env: { ...env, PORT: String(stack.port(name)) },
        });
      }
      for (const proc of stack.supervisor.processes) proc.start();
      await Promise.all(SERVICE_NAMES.map((name) => stack.supervisor.get(name).waitReady(stack.port(name), 90_000)));
      return stack;
    } catch (error) {
      await stack.stop({ keepData: true });
      throw new Error(`${(error as Error).message}\n(logs in ${stack.logDir})`);
    }
  }

  port(name: ServiceName): number {
    return this.options.portBase + PORT_OFFSETS[name];
  }

  /** Services (and the database) that exited without being asked to, except the test's crash() calls. */
  unexpectedExits(): ExitRecord[] {
    return [...this.supervisor.crashes.filter((e) => e.pid === undefined || !this.crashedOnPurpose.has(e.pid)), ...this.databaseExits];
  }

  /** Services the supervisor has left down after too many exits. */
  get failedServices(): string[] {
    return [...this.supervisor.failed];
  }

  async startDatabase(migrate = false): Promise<void> {
    if (!this.database) {
      this.database = new ManagedProcess(
        {
          name: 'postgres',
          script: path.join(DIST, 'tools/chaos/src/database-process.js'),
          env: {
            PATH: process.env.PATH,
            HOME: process.env.HOME,
            CHAOS_PG_DIR: path.join(this.dataDir, 'postgres'),
            CHAOS_PG_PORT: String(this.options.pgPort),
            CHAOS_PG_PASSWORD: this.pgPassword,
            CHAOS_PG_MIGRATE: migrate ? '1' : '0',
          },
        },
        this.logDir,
        // the database is never restarted behind the test's back
        (record) => !record.expected && this.databaseExits.push(record),
      );
    }
    this.database.recent.length = 0;
    this.database.start();
    await this.database.waitForLine(/^ready$/, 120_000);
  }

  get databaseRunning(): boolean {
    return this.database?.running ?? false;
  }

  /** A clean PostgreSQL shutdown (fast mode: open connections are terminated). */
  async stopDatabase(): Promise<void> {
    await this.database?.kill('SIGTERM', 30_000);
  }

  service(name: ServiceName): { running: boolean; pid: number | undefined; logFile: string; recent: string[] } {
    const p = this.supervisor.get(name);
    return { running: p.running, pid: p.pid, logFile: p.logFile, recent: p.recent };
  }

  /** Stops a service the way an operator would (the supervisor does not restart it). */
  async killService(name: ServiceName, signal: NodeJS.Signals): Promise<void> {
    await this.supervisor.get(name).kill(signal);
  }

  /** SIGKILLs a service behind the supervisor's back, like a crash: the supervisor restarts it (within its window). Returns the pid killed. */
  crash(name: ServiceName): number {
    const pid = this.supervisor.get(name).pid;
    if (pid === undefined) throw new Error(`${name} is not running`);
    this.crashedOnPurpose.add(pid);
    process.kill(pid, 'SIGKILL');
    return pid;
  }

  /** Waits until the supervisor has replaced process `pid` of the service and the new one answers ready. */
  async waitRestarted(name: ServiceName, pid: number, timeoutMs = 60_000): Promise<void> {
    const p = this.supervisor.get(name);
    const deadline = Date.now() + timeoutMs;
    while (!p.running || p.pid === pid) {
      if (Date.now() > deadline) throw new Error(`${name} was not restarted within ${timeoutMs} ms`);
      await sleep(100);
    }
    await p.waitReady(this.port(name), Math.max(1000, deadline - Date.now()));
  }

  async startService(name: ServiceName): Promise<void> {
    const p = this.supervisor.get(name);
    if (!p.running) p.start();
    await p.waitReady(this.port(name), 60_000);
  }

  /** Stops every service (SIGTERM, then SIGKILL after 5 s) and the database; removes the data unless asked to keep it. */
  async stop(options: { keepData?: boolean } = {}): Promise<void> {
    await this.supervisor.stopAll(5000);
    await this.database?.stop(30_000);
    if (!options.keepData) rmSync(this.dataDir, { recursive: true, force: true });
  }
}
