import { ChildProcess, spawn } from 'node:child_process';
import type { WriteStream } from 'node:fs';
import { openLogFile } from './log-files';

export interface ProcessSpec {
  name: string;
  /** A Node.js script, run with this process's node. */
  script: string;
  env: NodeJS.ProcessEnv;
  /** Working directory (default: this process's). */
  cwd?: string;
  /** Own process group: Ctrl-C in a terminal reaches only the supervisor, which stops the children in order. */
  detached?: boolean;
}

export interface ExitRecord {
  name: string;
  pid: number | undefined;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Asked for (stop, kill) rather than a crash. */
  expected: boolean;
  at: Date;
  /** The last lines of output, stdout and stderr interleaved. */
  lastLines: string[];
  /** The last lines written to stderr: where a crash says why. */
  lastErrors: string[];
}

/** "exited with code 1", "was killed by SIGKILL". */
export function describeExit(record: Pick<ExitRecord, 'code' | 'signal'>): string {
  return record.signal ? `was killed by ${record.signal}` : `exited with code ${record.code}`;
}

const KEPT_LINES = 150;

function keep(lines: string[], line: string): void {
  lines.push(line);
  if (lines.length > KEPT_LINES) lines.shift();
}

/**
 * One child process (a service, the database, a whole stack) with its output appended to
 * `<logDir>/<name>.log` (0600) and its last lines kept for the report of a crash. stdin stays an
 * open pipe: services (REWIND_SUPERVISED) exit when it closes, so a supervisor killed by SIGKILL
 * leaves nothing behind.
 */
export class ManagedProcess {
  private child: ChildProcess | null = null;
  private expectingExit = false;
  private exited: Promise<void> = Promise.resolve();
  private readonly log: WriteStream;
  readonly recent: string[] = [];
  readonly recentErrors: string[] = [];
  /** Called for every line of output (e.g. to echo warnings to the console). */
  onLine: ((line: string, stream: 'stdout' | 'stderr') => void) | null = null;

  constructor(
    readonly spec: ProcessSpec,
    logDir: string,
    private readonly onExit: (record: ExitRecord, process: ManagedProcess) => void = () => undefined,
  ) {
    this.log = openLogFile(logDir, `${spec.name}.log`);
  }

  get name(): string {
    return this.spec.name;
  }

  get logFile(): string {
    return this.log.path.toString();
  }

  get running(): boolean {
    return this.child !== null;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): void {
    if (this.child) return;
    this.expectingExit = false;
    const child = spawn(process.execPath, [this.spec.script], {
      env: { ...this.spec.env, REWIND_SUPERVISED: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
      cwd: this.spec.cwd,
      detached: this.spec.detached ?? false,
    });
    this.child = child;
    const reader = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      this.log.write(chunk);
      for (const line of chunk.toString().split('\n')) {
        if (!line) continue;
        keep(this.recent, line);
        if (stream === 'stderr') keep(this.recentErrors, line);
        this.onLine?.(line, stream);
      }
    };
    child.stdout!.on('data', reader('stdout'));
    child.stderr!.on('data', reader('stderr'));
    // A child gone before reading its stdin: nothing to report, the exit event follows.
    child.stdin!.on('error', () => undefined);
    this.exited = new Promise((resolve) =>
      child.on('exit', (code, signal) => {
        this.child = null;
        const record: ExitRecord = {
          name: this.name,
          pid: child.pid,
          code,
          signal,
          expected: this.expectingExit,
          at: new Date(),
          lastLines: this.recent.slice(),
          lastErrors: this.recentErrors.slice(),
        };
        if (!this.log.writableEnded) this.log.write(`--- ${this.name} ${describeExit(record)} at ${record.at.toISOString()}\n`);
        this.onExit(record, this);
        resolve();
      }),
    );
  }

  /** Sends `signal` (an expected exit) and waits for the exit; SIGKILL after `graceMs` when it does not go. */
  async kill(signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.expectingExit = true;
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.kill(signal);
    await this.exited;
    clearTimeout(timer);
  }

  /** Stops the process (SIGTERM, then SIGKILL after `graceMs`) and closes its log. */
  async stop(graceMs: number): Promise<void> {
    await this.kill('SIGTERM', graceMs);
    this.close();
  }

  /** Resolves when a line of output matches (e.g. a database process's `ready`). */
  async waitForLine(pattern: RegExp, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.recent.some((l) => pattern.test(l))) return;
      if (!this.child) throw new Error(`${this.name} exited during start-up:\n${this.recent.slice(-15).join('\n')}`);
      await sleep(100);
    }
    throw new Error(`${this.name} did not print ${pattern} within ${timeoutMs} ms:\n${this.recent.slice(-15).join('\n')}`);
  }

  /** Polls http://127.0.0.1:<port>/health/ready until it answers 2xx. */
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
    if (!this.log.writableEnded) this.log.end();
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
