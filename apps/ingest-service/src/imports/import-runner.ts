import { rm } from 'node:fs/promises';
import type { ImportFileInfo } from '@rewind/db';
import type { Pool, PoolClient } from 'pg';
import type { IncidentRecorder } from '../notify/incident-recorder';
import { ImportLoader, LoadProgress, LoadResult } from './import-loader';
import { summarizeSkipped } from './parsing/export-files';
import { ImportInputError } from './parsing/import-error';
import { DEFAULT_ZIP_LIMITS, ZipLimits, resolveHistoryEntries } from './parsing/import-sources';
import { ImportJobRow, ImportsRepository } from './imports.repository';

export interface ImportRunnerOptions {
  zipLimits?: ZipLimits;
  /** How often live progress is written to raw.import_jobs. */
  progressIntervalMs?: number;
  /** How often the background loop looks for orphaned or queued jobs. */
  pollIntervalMs?: number;
  /** A job that keeps killing its process is given up after this many attempts. */
  maxAttempts?: number;
  log?: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
  /** Import failure alerts and recoveries, written with the job's outcome (apps/ingest-service/src/notify). */
  notify?: IncidentRecorder;
}

export interface RunOutcome {
  job: ImportJobRow;
  result?: LoadResult;
}

export type ProgressListener = (progress: LoadProgress & { fraction: number }) => void;

/** 0..1 over the whole job: reading files is 90 % of it, the merge the rest. */
export function progressFraction(p: LoadProgress): number {
  if (p.phase === 'merge') return 0.9;
  if (p.totalBytes <= 0) return 0;
  return Math.min(0.9, (0.9 * p.bytesRead) / p.totalBytes);
}

/**
 * Runs import jobs durably. A job is owned by the database session holding its advisory
 * lock; the load commits atomically together with the job's `succeeded` row. When a
 * process dies (even SIGKILL), PostgreSQL rolls its transaction back and frees the lock,
 * so the next runner that starts finds the job `running` but unlocked and runs it again
 * from the start: the outcome equals an uninterrupted import.
 */
export class ImportJobRunner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private wakeRequested = false;
  private readonly opts: Required<Omit<ImportRunnerOptions, 'log' | 'notify'>> & Pick<ImportRunnerOptions, 'log' | 'notify'>;

  constructor(
    private readonly pool: Pool,
    private readonly repository: ImportsRepository,
    options: ImportRunnerOptions = {},
  ) {
    this.opts = {
      zipLimits: options.zipLimits ?? DEFAULT_ZIP_LIMITS,
      progressIntervalMs: options.progressIntervalMs ?? 500,
      pollIntervalMs: options.pollIntervalMs ?? 5000,
      maxAttempts: options.maxAttempts ?? 5,
      log: options.log,
      notify: options.notify,
    };
  }

  /** Starts the background loop: picks up queued jobs and jobs orphaned by a dead process. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Asks the loop to look for work now (after a new job was queued). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeRequested = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.drain()
      .catch((error) =>
        this.opts.log?.('error', 'import runner loop failed', { error: error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => {
        this.running = null;
        if (this.stopped) return;
        if (this.wakeRequested) {
          this.wakeRequested = false;
          this.wake();
        } else {
          this.timer = setTimeout(() => this.wake(), this.opts.pollIntervalMs);
          this.timer.unref();
        }
      });
  }

  /** Resolves once the background loop has nothing in hand (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const ids = await this.repository.pendingIds();
      let ran = false;
      for (const id of ids) {
        if (this.stopped) return;
        const outcome = await this.runJob(id);
        if (outcome) ran = true;
      }
      if (!ran) return;
    }
  }

  /**
   * Runs one job if no live session owns it. `prepare` runs on the job's own session
   * after the lock is taken (the CLI creates the job row there, so no other runner can
   * take it first). Returns null when another session owns the job or it is finished.
   */
  async runJob(id: string, onProgress?: ProgressListener, prepare?: (client: PoolClient) => Promise<void>): Promise<RunOutcome | null> {
    const client = await this.pool.connect();
    let destroyClient = false;
    try {
      if (!(await this.repository.tryLock(client, id))) return null;
      try {
        if (prepare) await prepare(client);
        const job = await this.repository.markRunning(client, id);
        if (!job) return null;
        if (job.attempts > this.opts.maxAttempts) {
          await this.markFailed(client, job, `Import gave up after ${job.attempts - 1} interrupted attempts`);
          await this.cleanup(job);
          return { job: (await this.repository.find(id, client))! };
        }
        this.opts.log?.('info', 'import started', { importId: id, accountId: job.accountId, attempt: job.attempts });
        return await this.execute(client, job, onProgress);
      } catch (error) {
        destroyClient = true;
        throw error;
      } finally {
        if (!destroyClient) await this.repository.unlock(client, id).catch(() => (destroyClient = true));
      }
    } finally {
      client.release(destroyClient);
    }
  }

  private async execute(client: PoolClient, job: ImportJobRow, onProgress?: ProgressListener): Promise<RunOutcome> {
    const reporter = new ProgressReporter(this.repository, job.id, this.opts.progressIntervalMs);
    try {
      const files = job.files.map((f) => ({ name: f.name, path: f.path ?? f.name }));
      const { entries, skipped } = await resolveHistoryEntries(files, this.opts.zipLimits);
      const loader = new ImportLoader(client);
      const result = await loader.load({
        accountId: job.accountId,
        importId: job.id,
        entries,
        onProgress: (p) => {
          const fraction = progressFraction(p);
          reporter.report(fraction, p);
          onProgress?.({ ...p, fraction });
        },
        beforeCommit: async (r) => {
          await reporter.stop();
          await this.repository.markSucceeded(client, job.id, {
            counts: r.counts,
            playsInserted: r.playsInserted,
            duplicates: r.duplicates,
            files: describeFiles(job.files, r),
            skippedFiles: summarizeSkipped([...skipped, ...r.skippedFiles]),
          });
          await this.opts.notify?.importSucceeded(client, { importId: job.id, accountId: job.accountId });
        },
      });
      this.opts.log?.('info', 'import succeeded', {
        importId: job.id,
        rowsRead: result.counts.rowsRead,
        playsInserted: result.playsInserted,
        duplicates: result.duplicates,
      });
      await this.cleanup(job);
      return { job: (await this.repository.find(job.id, client))!, result };
    } catch (error) {
      await reporter.stop();
      if (!(error instanceof ImportInputError) && isConnectionError(error)) {
        // The database went away: leave the job `running`; the next runner resumes it.
        throw error;
      }
      const message =
        error instanceof ImportInputError ? error.message : `Import failed: ${error instanceof Error ? error.message : String(error)}`;
      this.opts.log?.(error instanceof ImportInputError ? 'warn' : 'error', 'import failed', { importId: job.id, error: message });
      await this.markFailed(client, job, message);
      await this.cleanup(job);
      return { job: (await this.repository.find(job.id, client))! };
    }
  }

  /** The job's failure and its alert commit together. */
  private async markFailed(client: PoolClient, job: ImportJobRow, message: string): Promise<void> {
    if (!this.opts.notify?.enabled) return this.repository.markFailed(client, job.id, message);
    await client.query('BEGIN');
    try {
      await this.repository.markFailed(client, job.id, message);
      await this.opts.notify.importFailed(client, { importId: job.id, accountId: job.accountId, error: message });
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  private async cleanup(job: ImportJobRow): Promise<void> {
    if (job.storagePath) await rm(job.storagePath, { recursive: true, force: true }).catch(() => undefined);
  }
}

function describeFiles(files: ImportFileInfo[], result: LoadResult): ImportFileInfo[] {
  const found = Object.entries(result.formats);
  return files.map((file) => {
    const mine = found.filter(([label]) => label === file.name || label.startsWith(`${file.name}: `));
    const entries = mine.map(([label, format]) => ({
      name: label.startsWith(`${file.name}: `) ? label.slice(file.name.length + 2) : label,
      format,
    }));
    const known = entries.map((e) => e.format).filter((f) => f !== 'empty');
    const formats = [...new Set(known.length ? known : entries.map((e) => e.format))];
    return {
      ...file,
      format: formats.length === 1 ? formats[0] : formats.join(','),
      ...(entries.length > 1 || mine.some(([l]) => l !== file.name) ? { entries } : {}),
    };
  });
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? '';
  const message = error instanceof Error ? error.message : '';
  return (
    ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', '57P01', '57P02', '57P03', '08006', '08003'].includes(code) ||
    /Connection terminated|connection is closed/i.test(message)
  );
}

/** Writes progress at most every `intervalMs`, one write at a time, from outside the transaction. */
class ProgressReporter {
  private last = 0;
  private inFlight: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly repository: ImportsRepository,
    private readonly id: string,
    private readonly intervalMs: number,
  ) {}

  private pending: { fraction: number; counts: LoadProgress['counts'] } | null = null;
  private phase: LoadProgress['phase'] = 'parse';

  /** Throttled, except that a change of phase (parse → merge) is always written. */
  report(fraction: number, p: LoadProgress): void {
    const now = Date.now();
    if (this.stopped) return;
    const phaseChanged = p.phase !== this.phase;
    this.phase = p.phase;
    if (!phaseChanged && now - this.last < this.intervalMs) return;
    this.last = now;
    this.pending = { fraction, counts: { ...p.counts, invalidReasons: [...p.counts.invalidReasons] } };
    if (!this.inFlight) this.flush();
  }

  private flush(): void {
    const next = this.pending;
    if (!next || this.stopped) return;
    this.pending = null;
    this.inFlight = this.repository
      .reportProgress(this.id, next.fraction, next.counts)
      .catch(() => undefined)
      .finally(() => {
        this.inFlight = null;
        this.flush();
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.pending = null;
    while (this.inFlight) await this.inFlight;
  }
}
