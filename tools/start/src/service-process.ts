import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, WriteStream } from 'node:fs';
import path from 'node:path';

export interface ServiceSpec {
  name: string;
  script: string;
  port: number;
  env: NodeJS.ProcessEnv;
}

const LEVEL_NAMES: Record<number, string> = { 40: 'warn', 50: 'error', 60: 'fatal' };

/** Turns a JSON log line into a short console line when it is a warning or worse. */
export function consoleLine(service: string, line: string): string | null {
  try {
    const entry = JSON.parse(line) as { level?: number; message?: string; msg?: string; err?: { message?: string } };
    if ((entry.level ?? 0) < 40) return null;
    return `[${service}] ${LEVEL_NAMES[entry.level!] ?? 'log'}: ${entry.message ?? entry.msg ?? entry.err?.message ?? line}`;
  } catch {
    return line.trim() ? `[${service}] ${line}` : null;
  }
}

/** One service as a child process: logs to .data/logs/<name>.log, warnings and errors to the console. */
export class ServiceProcess {
  private child: ChildProcess | null = null;
  private log: WriteStream;
  private stopping = false;
  readonly recent: string[] = [];

  constructor(
    readonly spec: ServiceSpec,
    logDir: string,
    private readonly onUnexpectedExit: (service: ServiceProcess, code: number | null, signal: NodeJS.Signals | null) => void,
  ) {
    this.log = createWriteStream(path.join(logDir, `${spec.name}.log`), { flags: 'a' });
  }

  get logFile(): string {
    return this.log.path.toString();
  }

  start(): void {
    this.stopping = false;
    // Own process group (detached): Ctrl-C in a terminal reaches only the supervisor, which stops
    // the services in order. stdin stays an open pipe: the service exits when the supervisor dies.
    const child = spawn(process.execPath, [this.spec.script], {
      env: { ...this.spec.env, REWIND_SUPERVISED: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    this.child = child;
    const onData = (chunk: Buffer) => {
      this.log.write(chunk);
      for (const line of chunk.toString().split('\n')) {
        if (!line) continue;
        this.recent.push(line);
        if (this.recent.length > 30) this.recent.shift();
        const shown = consoleLine(this.spec.name, line);
        if (shown) process.stdout.write(`${shown}\n`);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code, signal) => {
      this.child = null;
      if (!this.stopping) this.onUnexpectedExit(this, code, signal);
    });
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
    this.log.end();
  }

  async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const url = `http://127.0.0.1:${this.spec.port}/health/ready`;
    while (Date.now() < deadline) {
      if (!this.child) throw new Error(`${this.spec.name} exited during start-up`);
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`${this.spec.name} was not ready within ${Math.round(timeoutMs / 1000)} s`);
  }
}
