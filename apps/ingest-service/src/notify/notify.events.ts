import type { NotificationKind, NotifyEventType } from '@rewind/db';

export type { NotificationKind, NotifyEventType } from '@rewind/db';
export { NOTIFY_EVENT_TYPES } from '@rewind/db';

/** An incident opening (an alert) or one of its kind, as stored in the outbox payload. */
export interface AlertEvent {
  type: NotifyEventType;
  /** One message per key while the incident is open. */
  key: string;
  accountId?: string | null;
  /** Short headline, e.g. "Polling failed for account alice". */
  title: string;
  /** The error in plain words. */
  message: string;
  /** Where to look: API route or log to read. */
  where: string;
  details?: Record<string, unknown>;
}

/** What an outbox row carries; rendered per NOTIFY_FORMAT at delivery. */
export interface NotificationPayload {
  source: 'rewind';
  kind: NotificationKind;
  type: NotifyEventType | 'test' | 'suppressed_summary';
  state?: 'open' | 'resolved';
  incident?: string;
  accountId?: string | null;
  title: string;
  message: string;
  where?: string;
  occurredAt: string;
  details?: Record<string, unknown>;
}

export const incidentKeys = {
  ingest: (accountId: string) => `ingest:${accountId}`,
  gap: (accountId: string) => `gap:${accountId}`,
  import: (accountId: string) => `import:${accountId}`,
  reauth: (accountId: string) => `reauth:${accountId}`,
  transform: () => 'transform:runs',
  dataTest: (name: string) => `test:${name}`,
};

/** Recovery wording per event type: what "healthy again" means for it. */
export const RECOVERY_TEXT: Record<NotifyEventType, string> = {
  ingest_failed: 'Polling works again: the latest run succeeded.',
  import_failed: 'A later import of this account succeeded.',
  transform_failed: 'The latest transform run succeeded.',
  data_test_failed: 'The data test passes again.',
  reauth_required: 'The account is connected again (status active).',
  gap_detected: 'The latest poll found no gap: polling keeps up again.',
  weekly_summary: '',
  refresh_token_expiring: '',
};
