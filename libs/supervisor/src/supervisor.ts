import { describeExit, ExitRecord, ManagedProcess, ProcessSpec } from './managed-process';
import { RestartWindow } from './restart-window';

export interface SupervisorOptions {
  logDir: string;
  /** Restarts allowed per window before a process is left down (default 5 in 60 s). */
  maxRestarts?: number;
  windowMs?: number;
  /** Delay before a restart, times the restarts of the current window (default 1 s). */
  restartDelayMs?: number;
  /** Where the supervisor says what happened (a crash and why, a restart, a process left down). */
  report?: (line: string) => void;
  /** Called once a process has been left down. */
  onGiveUp?: (process: ManagedProcess, record: ExitRecord) => void;
}

/** The last stderr lines of a crash, or its last lines of output when it wrote nothing to stderr. */
function lastLinesOf(record: ExitRecord, count = 10): string {
  const lines = record.lastErrors.length ? record.lastErrors : record.lastLines;
  return lines
    .slice(-count)
    .map((line) => `    ${line}`)
    .join('\n');
}

/**
 * Runs processes and restarts the ones that exit on their own. A process that keeps exiting (more
 * than `maxRestarts` times within `windowMs`) is reported and left down; the others keep running:
 * one failing service never takes the rest (or the database) with it. Used by `npm start`
 * (tools/start) and the chaos and end-to-end suites.
 */
export class Supervisor {
  readonly processes: ManagedProcess[] = [];
  /** Every unexpected exit, in order. */
  readonly crashes: ExitRecord[] = [];
  /** Processes left down after too many exits. */
  readonly failed = new Set<string>();
  private readonly windows = new Map<string, RestartWindow>();
  private stopping = false;
  private readonly pending = new Set<NodeJS.Timeout>();

  constructor(private readonly options: SupervisorOptions) {}

  add(spec: ProcessSpec): ManagedProcess {
    const proc = new ManagedProcess(spec, this.options.logDir, (record, p) => this.onExit(record, p));
    this.windows.set(spec.name, new RestartWindow(this.options.maxRestarts ?? 5, this.options.windowMs ?? 60_000));
    this.processes.push(proc);
    return proc;
  }

  get(name: string): ManagedProcess {
    const proc = this.processes.find((p) => p.name === name);
    if (!proc) throw new Error(`No process named ${name}`);
    return proc;
  }

  private report(line: string): void {
    (this.options.report ?? ((l: string) => process.stderr.write(`${l}\n`)))(line);
  }

  private onExit(record: ExitRecord, proc: ManagedProcess): void {
    if (record.expected || this.stopping) return;
    this.crashes.push(record);
    const window = this.windows.get(proc.name)!;
    const minutes = `${Math.round(window.windowMs / 1000)} s`;
    this.report(`${proc.name} ${describeExit(record)}. Last lines:\n${lastLinesOf(record)}`);
    if (!window.recordExit()) {
      this.failed.add(proc.name);
      this.report(
        `${proc.name} failed ${window.recent} times within ${minutes}: it is left down (log: ${proc.logFile}); the other services keep running.`,
      );
      this.options.onGiveUp?.(proc, record);
      return;
    }
    const delay = (this.options.restartDelayMs ?? 1000) * window.recent;
    this.report(`Restarting ${proc.name} in ${delay / 1000} s (exit ${window.recent} of at most ${window.max} within ${minutes})...`);
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      if (!this.stopping) proc.start();
    }, delay);
    this.pending.add(timer);
  }

  /** Starts a process that was left down (or stopped) again, with a fresh restart budget. */
  revive(name: string): ManagedProcess {
    const proc = this.get(name);
    this.failed.delete(name);
    this.windows.set(name, new RestartWindow(this.options.maxRestarts ?? 5, this.options.windowMs ?? 60_000));
    proc.start();
    return proc;
  }

  /** Stops every process together (SIGTERM, SIGKILL after `graceMs`); no restart happens afterwards. */
  async stopAll(graceMs: number, processes = this.processes): Promise<void> {
    this.stopping = true;
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
    await Promise.all(processes.map((p) => p.stop(graceMs)));
  }
}
