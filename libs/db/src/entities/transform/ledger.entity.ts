import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export const MATERIALIZATIONS = ['view', 'table', 'incremental'] as const;
export type Materialization = (typeof MATERIALIZATIONS)[number];

/** Every version/checksum change of a model, as it was applied. */
@Entity({ schema: 'transform', name: 'model_versions' })
@Index('ix_model_versions_name_applied', ['name', 'appliedAt'])
export class ModelVersion {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  version: string;

  @Column({ type: 'text' })
  checksum: string;

  @Column({ name: 'applied_at', type: 'timestamptz', default: () => 'now()' })
  appliedAt: Date;
}

/** What is currently built for each model, and how far an incremental model has read. */
@Entity({ schema: 'transform', name: 'model_state' })
export class ModelState {
  @PrimaryColumn({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  version: string;

  @Column({ type: 'text' })
  checksum: string;

  @Column({ type: 'text' })
  materialization: Materialization;

  @Column({ type: 'text', nullable: true })
  watermark: string | null;

  @Column({ name: 'last_run_id', type: 'uuid', nullable: true })
  lastRunId: string | null;

  @Column({ name: 'built_at', type: 'timestamptz', nullable: true })
  builtAt: Date | null;
}

export const TRANSFORM_RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type TransformRunStatus = (typeof TRANSFORM_RUN_STATUSES)[number];

/**
 * NOTIFY channel of changes to what stats-api reads per request besides the marts: a transform run
 * finishing (the marts version) and accounts added, removed or moved to another time zone. Sent by
 * triggers on transform.runs and auth.accounts (migration StatsContextNotify1764900000000).
 */
export const STATS_CONTEXT_CHANNEL = 'rewind_stats_context';

@Entity({ schema: 'transform', name: 'runs' })
@Index('ix_transform_runs_requested', ['requestedAt'])
export class TransformRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', default: 'queued' })
  status: TransformRunStatus;

  @Column({ type: 'text', default: 'manual' })
  trigger: 'manual' | 'request' | 'schedule' | 'cli';

  @Column({ name: 'select', type: 'text', nullable: true })
  select: string | null;

  @Column({ name: 'full_refresh', type: 'boolean', default: false })
  fullRefresh: boolean;

  @Column({ name: 'requested_at', type: 'timestamptz', default: () => 'now()' })
  requestedAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;
}

@Entity({ schema: 'transform', name: 'run_models' })
export class TransformRunModel {
  @PrimaryColumn({ name: 'run_id', type: 'uuid' })
  runId: string;

  @PrimaryColumn({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  version: string;

  @Column({ type: 'text' })
  materialization: Materialization;

  @Column({ type: 'text' })
  status: 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped';

  @Column({ type: 'bigint', nullable: true })
  rows: string | null;

  @Column({ name: 'duration_ms', type: 'integer', nullable: true })
  durationMs: number | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;
}

@Entity({ schema: 'transform', name: 'test_results' })
export class TransformTestResult {
  @PrimaryColumn({ name: 'run_id', type: 'uuid' })
  runId: string;

  @PrimaryColumn({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  model: string | null;

  @Column({ type: 'text' })
  status: 'pass' | 'fail' | 'error';

  @Column({ type: 'integer', default: 0 })
  failures: number;

  @Column({ type: 'text', nullable: true })
  error: string | null;
}
