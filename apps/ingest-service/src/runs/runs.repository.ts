import type { IngestRunStatus } from '@rewind/db';
import type { Pool } from 'pg';
import { END_TOLERANCE_SECONDS } from '../imports/play-matching';

export interface RunGap {
  /** newest play stored before the poll (exclusive start of the missing range) */
  from: string;
  /** oldest play the poll returned (exclusive end of the missing range) */
  to: string;
  /** an import has filled the range since */
  covered: boolean;
  message: string;
}

export interface RunView {
  id: string;
  accountId: string | null;
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  status: IngestRunStatus;
  fetched: number;
  inserted: number;
  duplicates: number;
  error: string | null;
  gap: RunGap | null;
}

export const GAP_ADVICE = 'import your Spotify privacy export to fill it';

/** Tolerance used to decide that an import reaches the end of a gap (same window as the import's dedupe). */
const COVER_TOLERANCE = `interval '${END_TOLERANCE_SECONDS} seconds'`;

/**
 * "An import covers the gap": the account has an imported play ending at or after the gap's end
 * (an export holds everything up to the day it was requested, so it spans the gap).
 */
const COVERED = (run: string) => `EXISTS (
  SELECT 1 FROM raw.plays ip
  WHERE ip.account_id = ${run}.account_id AND ip.source <> 'poll' AND ip.ended_at >= ${run}.gap_to - ${COVER_TOLERANCE})`;

function gapMessage(from: Date, to: Date, covered: boolean): string {
  const range = `between ${from.toISOString()} and ${to.toISOString()}`;
  return covered
    ? `More than 50 plays happened between two polls (${range}); an import has filled the range since`
    : `More than 50 plays happened between two polls, so plays ${range} may be missing: ${GAP_ADVICE}`;
}

/** The ingest run ledger (raw.ingest_runs): one row per account per poll. */
export class RunsRepository {
  constructor(private readonly pool: Pool) {}

  async list(options: { accountId?: string; limit: number }): Promise<RunView[]> {
    const rows = await this.pool.query<{
      id: string;
      account_id: string | null;
      trigger: string;
      started_at: Date;
      finished_at: Date | null;
      status: IngestRunStatus;
      fetched: number;
      inserted: number;
      duplicates: number;
      error: string | null;
      gap_detected: boolean;
      gap_from: Date | null;
      gap_to: Date | null;
      covered: boolean;
    }>(
      `SELECT r.*, (r.gap_detected AND ${COVERED('r')}) AS covered
       FROM raw.ingest_runs r
       WHERE ($1::uuid IS NULL OR r.account_id = $1)
       ORDER BY r.started_at DESC, r.id
       LIMIT $2`,
      [options.accountId ?? null, options.limit],
    );
    return rows.rows.map((r) => ({
      id: r.id,
      accountId: r.account_id,
      trigger: r.trigger,
      startedAt: r.started_at.toISOString(),
      finishedAt: r.finished_at ? r.finished_at.toISOString() : null,
      status: r.status,
      fetched: r.fetched,
      inserted: r.inserted,
      duplicates: r.duplicates,
      error: r.error,
      gap:
        r.gap_detected && r.gap_from && r.gap_to
          ? {
              from: r.gap_from.toISOString(),
              to: r.gap_to.toISOString(),
              covered: r.covered,
              message: gapMessage(r.gap_from, r.gap_to, r.covered),
            }
          : null,
    }));
  }

  async exists(runId: string): Promise<boolean> {
    const r = await this.pool.query('SELECT 1 FROM raw.ingest_runs WHERE id = $1', [runId]);
    return Boolean(r.rowCount);
  }

  /** A run that did not poll (account not active, already being polled, rate limited...). */
  async recordSkipped(accountId: string, trigger: string, reason: string): Promise<string> {
    const r = await this.pool.query<{ id: string }>(
      `INSERT INTO raw.ingest_runs (account_id, trigger, status, finished_at, error) VALUES ($1, $2, 'skipped', now(), $3) RETURNING id`,
      [accountId, trigger, reason],
    );
    return r.rows[0].id;
  }
}
