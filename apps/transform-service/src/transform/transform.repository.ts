import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@rewind/service-kit';
import { Pool } from 'pg';
import type { TransformRunModelDto, TransformTestResultDto } from './dto/transform-responses.dto';

export interface RunRow {
  id: string;
  status: string;
  trigger: string;
  select: string | null;
  fullRefresh: boolean;
  requestedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  error: string | null;
}

export interface LastModelRun {
  name: string;
  runId: string;
  status: string;
  rows: number | null;
  durationMs: number | null;
  finishedAt: Date | null;
}

/** SQL over the run ledger (transform.runs, run_models, test_results) and the trigger table. */
@Injectable()
export class TransformRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async findRun(id: string) {
    const { rows } = await this.pool.query<RunRow>(
      `SELECT id, status, trigger, "select", full_refresh AS "fullRefresh", requested_at AS "requestedAt", started_at AS "startedAt", finished_at AS "finishedAt", error
       FROM transform.runs WHERE id = $1`,
      [id],
    );
    if (!rows.length) return null;
    // Rows shaped as the route answers them.
    const models = await this.pool.query<TransformRunModelDto>(
      `SELECT rm.name, rm.version, rm.materialization, rm.status, rm.rows::float8 AS rows, rm.duration_ms AS "durationMs", rm.error
       FROM transform.run_models rm WHERE rm.run_id = $1`,
      [id],
    );
    const tests = await this.pool.query<TransformTestResultDto>(
      `SELECT name, model, status, failures, error FROM transform.test_results WHERE run_id = $1 ORDER BY name`,
      [id],
    );
    return { run: rows[0], models: models.rows, tests: tests.rows };
  }

  async lastRunPerModel(): Promise<Map<string, LastModelRun>> {
    const { rows } = await this.pool.query<LastModelRun>(
      `SELECT DISTINCT ON (rm.name) rm.name, rm.run_id AS "runId", rm.status, rm.rows::float8 AS rows, rm.duration_ms AS "durationMs", r.finished_at AS "finishedAt"
       FROM transform.run_models rm JOIN transform.runs r ON r.id = rm.run_id
       WHERE rm.status IN ('succeeded', 'failed', 'skipped')
       ORDER BY rm.name, r.started_at DESC NULLS LAST`,
    );
    return new Map(rows.map((r) => [r.name, r]));
  }

  /** Newest unconsumed trigger id, or null. */
  async pendingRequestMax(): Promise<string | null> {
    const { rows } = await this.pool.query<{ max: string | null }>(
      `SELECT max(id)::text AS max FROM raw.transform_requests WHERE consumed_at IS NULL`,
    );
    return rows[0].max;
  }

  /** Marks every request up to `maxId` as served by one run (coalescing). */
  async consumeRequests(maxId: string): Promise<number> {
    const res = await this.pool.query(
      `UPDATE raw.transform_requests SET consumed_at = clock_timestamp() WHERE consumed_at IS NULL AND id <= $1::bigint`,
      [maxId],
    );
    return res.rowCount ?? 0;
  }
}
