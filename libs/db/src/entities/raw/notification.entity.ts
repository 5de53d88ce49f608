import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** What the notifier reports (apps/ingest-service/src/notify); NOTIFY_EVENTS selects among them. */
export const NOTIFY_EVENT_TYPES = [
  'ingest_failed',
  'import_failed',
  'transform_failed',
  'data_test_failed',
  'reauth_required',
  'gap_detected',
  'weekly_summary',
  'refresh_token_expiring',
] as const;
export type NotifyEventType = (typeof NOTIFY_EVENT_TYPES)[number];

export const NOTIFICATION_KINDS = ['alert', 'recovery', 'weekly_summary', 'reminder', 'suppressed_summary', 'test'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_STATUSES = ['pending', 'sent', 'failed', 'suppressed'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/**
 * Outbox of webhook messages. Rows are written in the transaction of the event they report
 * (or of the incident change the notifier derived); the delivery worker sends them with
 * retries and back-off. Undeliverable rows stay with status 'failed' and their last error.
 */
@Entity({ schema: 'raw', name: 'notification_outbox' })
@Index('ix_notification_outbox_due', ['status', 'nextAttemptAt'])
@Index('ix_notification_outbox_created', ['createdAt'])
@Index('ux_notification_outbox_dedupe', ['dedupeKey'], { unique: true })
export class NotificationOutbox {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_notification_outbox' })
  id: string;

  @Column({ type: 'text' })
  kind: NotificationKind;

  @Column({ name: 'event_type', type: 'text' })
  eventType: string;

  @Column({ name: 'incident_key', type: 'text', nullable: true })
  incidentKey: string | null;

  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId: string | null;

  /** At most one message per key (weekly summaries: one per account and week). */
  @Column({ name: 'dedupe_key', type: 'text', nullable: true })
  dedupeKey: string | null;

  /** The event, rendered per NOTIFY_FORMAT at delivery. */
  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ type: 'text', default: 'pending' })
  status: NotificationStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  /** A worker is delivering it until then. */
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  /** When the rate limit let it through (counted against NOTIFY_MAX_PER_HOUR). */
  @Column({ name: 'admitted_at', type: 'timestamptz', nullable: true })
  admittedAt: Date | null;

  /** The suppressed-summary message that reported this suppressed row. */
  @Column({ name: 'summarized_in', type: 'bigint', nullable: true })
  summarizedIn: string | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'response_status', type: 'integer', nullable: true })
  responseStatus: number | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}

/** Open/resolved state per incident key, so one incident sends one alert and one recovery. */
@Entity({ schema: 'raw', name: 'notification_incidents' })
export class NotificationIncident {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_notification_incidents' })
  key: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType: string;

  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId: string | null;

  @Column({ type: 'text' })
  state: 'open' | 'resolved';

  @Column({ name: 'opened_at', type: 'timestamptz', default: () => 'now()' })
  openedAt: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'last_seen_at', type: 'timestamptz', default: () => 'now()' })
  lastSeenAt: Date;

  /** Failures seen while open (retries of the same incident). */
  @Column({ type: 'integer', default: 1 })
  occurrences: number;

  @Column({ type: 'jsonb', nullable: true })
  detail: Record<string, unknown> | null;
}
