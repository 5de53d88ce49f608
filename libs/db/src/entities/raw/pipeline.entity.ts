import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const INGEST_RUN_STATUSES = ['running', 'succeeded', 'failed', 'skipped'] as const;
export type IngestRunStatus = (typeof INGEST_RUN_STATUSES)[number];

/** Ledger of recently-played polls: one row per account per poll. */
@Entity({ schema: 'raw', name: 'ingest_runs' })
@Index('ix_ingest_runs_account_started', ['accountId', 'startedAt'])
export class IngestRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId: string | null;

  @Column({ type: 'text', default: 'schedule' })
  trigger: 'schedule' | 'manual' | 'demo';

  @Column({ type: 'text', default: 'running' })
  status: IngestRunStatus;

  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  fetched: number;

  @Column({ type: 'integer', default: 0 })
  inserted: number;

  @Column({ type: 'integer', default: 0 })
  duplicates: number;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** A full page entirely newer than what was stored: listens in between may be lost. */
  @Column({ name: 'gap_detected', type: 'boolean', default: false })
  gapDetected: boolean;

  @Column({ name: 'gap_from', type: 'timestamptz', precision: 3, nullable: true })
  gapFrom: Date | null;

  @Column({ name: 'gap_to', type: 'timestamptz', precision: 3, nullable: true })
  gapTo: Date | null;
}

/** Polling lease per account, so several ingest replicas never poll one account twice. */
@Entity({ schema: 'raw', name: 'poll_state' })
export class PollState {
  @PrimaryColumn({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @Column({ name: 'lease_owner', type: 'text', nullable: true })
  leaseOwner: string | null;

  @Column({ name: 'leased_until', type: 'timestamptz', nullable: true })
  leasedUntil: Date | null;

  @Column({ name: 'last_polled_at', type: 'timestamptz', nullable: true })
  lastPolledAt: Date | null;

  /** Rate-limit wait imposed by Spotify for this account (Retry-After). */
  @Column({ name: 'blocked_until', type: 'timestamptz', nullable: true })
  blockedUntil: Date | null;
}

export const IMPORT_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export interface ImportFileInfo {
  name: string;
  bytes: number;
  /** Where the file is read from (an upload under storage_path, or a file named to the CLI). */
  path?: string;
  /** What was found in it, once read (per history file; a zip holds several). */
  format?: string;
  entries?: { name: string; format: string }[];
}

/** A privacy-export import. Durable: a killed process resumes it on the next start. */
@Entity({ schema: 'raw', name: 'import_jobs' })
@Index('ix_import_jobs_account_created', ['accountId', 'createdAt'])
@Index('ix_import_jobs_status', ['status'])
export class ImportJob {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @Column({ type: 'text', default: 'queued' })
  status: ImportStatus;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  files: ImportFileInfo[];

  /** Where the uploaded files wait until the job has finished. */
  @Column({ name: 'storage_path', type: 'text', nullable: true })
  storagePath: string | null;

  @Column({ name: 'rows_read', type: 'integer', default: 0 })
  rowsRead: number;

  @Column({ name: 'plays_inserted', type: 'integer', default: 0 })
  playsInserted: number;

  @Column({ type: 'integer', default: 0 })
  duplicates: number;

  @Column({ name: 'skipped_short', type: 'integer', default: 0 })
  skippedShort: number;

  @Column({ name: 'skipped_incognito', type: 'integer', default: 0 })
  skippedIncognito: number;

  @Column({ name: 'skipped_podcast', type: 'integer', default: 0 })
  skippedPodcast: number;

  @Column({ name: 'skipped_invalid', type: 'integer', default: 0 })
  skippedInvalid: number;

  /** The first few reasons rows were rejected, for the user. */
  @Column({ name: 'invalid_reasons', type: 'jsonb', default: () => "'[]'" })
  invalidReasons: string[];

  /** Files of the export that hold no listening history, with the reason they were skipped. */
  @Column({ name: 'skipped_files', type: 'jsonb', default: () => "'[]'" })
  skippedFiles: { name: string; reason: string }[];

  @Column({ type: 'real', default: 0 })
  progress: number;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'attempts', type: 'integer', default: 0 })
  attempts: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ name: 'heartbeat_at', type: 'timestamptz', nullable: true })
  heartbeatAt: Date | null;
}

/** Artists and tracks whose metadata still has to be fetched from Spotify. */
@Entity({ schema: 'raw', name: 'enrichment_queue' })
@Index('ix_enrichment_queue_due', ['nextAttemptAt'])
export class EnrichmentItem {
  @PrimaryColumn({ type: 'text' })
  kind: 'artist' | 'track';

  @PrimaryColumn({ name: 'spotify_id', type: 'text' })
  spotifyId: string;

  /** An account whose token may be used to fetch it. */
  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId: string | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ name: 'enqueued_at', type: 'timestamptz' })
  enqueuedAt: Date;

  /** Its play count when the worker prioritised it (null until then): the most-played go first. */
  @Column({ type: 'integer', nullable: true })
  plays: number | null;
}

/** Spotify calls enrichment spent per UTC day, shared by every replica (ENRICHMENT_DAILY_CALLS is the budget). */
@Entity({ schema: 'raw', name: 'enrichment_budget' })
export class EnrichmentBudgetDay {
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_enrichment_budget' })
  day: string;

  @Column({ type: 'integer', default: 0 })
  calls: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** NOTIFY channel that wakes transform-service when a TransformRequest row commits. */
export const TRANSFORM_REQUEST_CHANNEL = 'rewind_transform_requested';

/** A durable "new data arrived" signal for transform-service; coalesced by the consumer. */
@Entity({ schema: 'raw', name: 'transform_requests' })
@Index('ix_transform_requests_pending', ['consumedAt', 'id'])
export class TransformRequest {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  source: 'ingest' | 'import' | 'enrichment' | 'manual' | 'time_zone';

  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId: string | null;

  @CreateDateColumn({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @Column({ name: 'consumed_at', type: 'timestamptz', nullable: true })
  consumedAt: Date | null;
}
