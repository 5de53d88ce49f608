import type { ImportFileInfo, ImportStatus } from '@rewind/db';
import type { Pool, PoolClient } from 'pg';
import type { SkippedFile } from './parsing/export-files';
import type { ImportCounts } from './parsing/export-rows';

export interface ImportJobRow {
  id: string;
  accountId: string;
  status: ImportStatus;
  files: ImportFileInfo[];
  storagePath: string | null;
  rowsRead: number;
  playsInserted: number;
  duplicates: number;
  skippedShort: number;
  skippedIncognito: number;
  skippedPodcast: number;
  skippedInvalid: number;
  invalidReasons: string[];
  skippedFiles: SkippedFile[];
  progress: number;
  error: string | null;
  attempts: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  heartbeatAt: Date | null;
}

const COLUMNS = `id, account_id AS "accountId", status, files, storage_path AS "storagePath", rows_read AS "rowsRead",
  plays_inserted AS "playsInserted", duplicates, skipped_short AS "skippedShort", skipped_incognito AS "skippedIncognito",
  skipped_podcast AS "skippedPodcast", skipped_invalid AS "skippedInvalid", invalid_reasons AS "invalidReasons",
  skipped_files AS "skippedFiles", progress,
  error, attempts, created_at AS "createdAt", started_at AS "startedAt", finished_at AS "finishedAt", heartbeat_at AS "heartbeatAt"`;

/** Session advisory-lock namespace of import jobs: held by the connection running a job, freed by PostgreSQL when it dies. */
const LOCK_NAMESPACE = 0x52574e44; // "RWND"

type Queryable = Pool | PoolClient;

/** All SQL about raw.import_jobs (the load itself is in ImportLoader). */
export class ImportsRepository {
  constructor(private readonly pool: Pool) {}

  async accountExists(accountId: string): Promise<boolean> {
    const result = await this.pool.query('SELECT 1 FROM auth.accounts WHERE id = $1', [accountId]);
    return (result.rowCount ?? 0) > 0;
  }

  async create(db: Queryable, job: { id: string; accountId: string; files: ImportFileInfo[]; storagePath: string | null }): Promise<void> {
    await db.query(`INSERT INTO raw.import_jobs (id, account_id, status, files, storage_path) VALUES ($1, $2, 'queued', $3::jsonb, $4)`, [
      job.id,
      job.accountId,
      JSON.stringify(job.files),
      job.storagePath,
    ]);
  }

  async find(id: string, db: Queryable = this.pool): Promise<ImportJobRow | null> {
    const result = await db.query<ImportJobRow>(`SELECT ${COLUMNS} FROM raw.import_jobs WHERE id = $1`, [id]);
    return result.rows[0] ?? null;
  }

  /** Jobs that are waiting, or marked running (possibly by a process that died). Oldest first. */
  async pendingIds(limit = 20): Promise<string[]> {
    const result = await this.pool.query<{ id: string }>(
      `SELECT id FROM raw.import_jobs WHERE status IN ('queued', 'running') ORDER BY created_at, id LIMIT $1`,
      [limit],
    );
    return result.rows.map((r) => r.id);
  }

  /** An unfinished job of the account over exactly these files (to resume an interrupted CLI run). */
  async findUnfinishedFor(accountId: string, files: ImportFileInfo[]): Promise<string | null> {
    const result = await this.pool.query<{ id: string }>(
      `SELECT id FROM raw.import_jobs WHERE account_id = $1 AND status IN ('queued', 'running') AND files = $2::jsonb ORDER BY created_at LIMIT 1`,
      [accountId, JSON.stringify(files)],
    );
    return result.rows[0]?.id ?? null;
  }

  async tryLock(client: PoolClient, id: string): Promise<boolean> {
    const result = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked', [LOCK_NAMESPACE, id]);
    return result.rows[0].locked;
  }

  async unlock(client: PoolClient, id: string): Promise<void> {
    await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_NAMESPACE, id]);
  }

  /** Marks a locked job running (again). Returns null when it is finished meanwhile. */
  async markRunning(client: PoolClient, id: string): Promise<ImportJobRow | null> {
    const result = await client.query<ImportJobRow>(
      `UPDATE raw.import_jobs SET status = 'running', attempts = attempts + 1, started_at = coalesce(started_at, now()),
              heartbeat_at = now(), error = NULL, progress = 0, rows_read = 0, skipped_short = 0, skipped_incognito = 0,
              skipped_podcast = 0, skipped_invalid = 0, invalid_reasons = '[]', skipped_files = '[]'
       WHERE id = $1 AND status IN ('queued', 'running') RETURNING ${COLUMNS}`,
      [id],
    );
    return result.rows[0] ?? null;
  }

  /** Live progress, written from outside the import's transaction. */
  async reportProgress(id: string, progress: number, counts: ImportCounts): Promise<void> {
    await this.pool.query(
      `UPDATE raw.import_jobs SET progress = $2, rows_read = $3, skipped_short = $4, skipped_incognito = $5, skipped_podcast = $6,
              skipped_invalid = $7, invalid_reasons = $8::jsonb, heartbeat_at = now()
       WHERE id = $1 AND status = 'running'`,
      [
        id,
        progress,
        counts.rowsRead,
        counts.short,
        counts.incognito,
        counts.podcast,
        counts.invalid,
        JSON.stringify(counts.invalidReasons),
      ],
    );
  }

  /** Records success; called inside the import's transaction so the outcome commits with the data. */
  async markSucceeded(
    client: PoolClient,
    id: string,
    outcome: { counts: ImportCounts; playsInserted: number; duplicates: number; files: ImportFileInfo[]; skippedFiles: SkippedFile[] },
  ): Promise<void> {
    const { counts } = outcome;
    await client.query(
      `UPDATE raw.import_jobs SET status = 'succeeded', progress = 1, rows_read = $2, plays_inserted = $3, duplicates = $4,
              skipped_short = $5, skipped_incognito = $6, skipped_podcast = $7, skipped_invalid = $8, invalid_reasons = $9::jsonb,
              files = $10::jsonb, skipped_files = $11::jsonb, error = NULL, finished_at = now(), heartbeat_at = now()
       WHERE id = $1`,
      [
        id,
        counts.rowsRead,
        outcome.playsInserted,
        outcome.duplicates,
        counts.short,
        counts.incognito,
        counts.podcast,
        counts.invalid,
        JSON.stringify(counts.invalidReasons),
        JSON.stringify(outcome.files),
        JSON.stringify(outcome.skippedFiles),
      ],
    );
  }

  async markFailed(db: Queryable, id: string, message: string): Promise<void> {
    await db.query(
      `UPDATE raw.import_jobs SET status = 'failed', error = $2, plays_inserted = 0, duplicates = 0, finished_at = now(), heartbeat_at = now()
       WHERE id = $1 AND status IN ('queued', 'running')`,
      [id, message],
    );
  }
}
