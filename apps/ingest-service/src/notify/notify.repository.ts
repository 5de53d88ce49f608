import type { Pool, PoolClient } from 'pg';
import type { NotificationKind, NotificationPayload } from './notify.events';
import { withTransaction } from '@rewind/service-kit';
import {
  AccountConsentRow,
  accountName,
  AccountRow,
  activeAccountConsents,
  allAccounts,
  FinishedTransformRunRow,
  finishedTransformRuns,
  Queryable,
  TestResultRow,
  testResultsOf,
} from '../shared/read-models';

export interface OutboxRow {
  id: string;
  kind: NotificationKind;
  eventType: string;
  incidentKey: string | null;
  accountId: string | null;
  payload: NotificationPayload;
  status: 'pending' | 'sent' | 'failed' | 'suppressed';
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  responseStatus: number | null;
  createdAt: Date;
  sentAt: Date | null;
}

const OUTBOX_COLUMNS = `id::text AS id, kind, event_type AS "eventType", incident_key AS "incidentKey", account_id AS "accountId", payload, status, attempts,
  next_attempt_at AS "nextAttemptAt", last_error AS "lastError", response_status AS "responseStatus", created_at AS "createdAt", sent_at AS "sentAt"`;

/** Kinds counted by the channel's rate limit. */
export const RATE_LIMITED_KINDS: NotificationKind[] = ['alert', 'recovery', 'suppressed_summary'];

/** SQL of notifications: incident state, the outbox, and what the notifier derives events from. */
export class NotifyRepository {
  constructor(private readonly pool: Pool) {}

  // ---- incidents (called inside the event's own transaction) ----

  /** Opens (or re-sees) an incident; true when this call opened it (it was absent or resolved). */
  async openIncident(
    db: Queryable,
    key: string,
    eventType: string,
    accountId: string | null,
    detail: Record<string, unknown>,
  ): Promise<boolean> {
    const r = await db.query<{ occurrences: number }>(
      `INSERT INTO raw.notification_incidents AS i (key, event_type, account_id, state, detail) VALUES ($1, $2, $3, 'open', $4::jsonb)
       ON CONFLICT (key) DO UPDATE SET
         occurrences = CASE WHEN i.state = 'open' THEN i.occurrences + 1 ELSE 1 END,
         opened_at = CASE WHEN i.state = 'open' THEN i.opened_at ELSE now() END,
         resolved_at = NULL, state = 'open', last_seen_at = now(), detail = EXCLUDED.detail
       RETURNING occurrences`,
      [key, eventType, accountId, JSON.stringify(detail)],
    );
    return r.rows[0].occurrences === 1;
  }

  /** Resolves an open incident; returns it when this call resolved it. */
  async resolveIncident(
    db: Queryable,
    key: string,
  ): Promise<{
    eventType: string;
    accountId: string | null;
    openedAt: Date;
    occurrences: number;
    detail: Record<string, unknown> | null;
  } | null> {
    const r = await db.query(
      `UPDATE raw.notification_incidents SET state = 'resolved', resolved_at = now(), last_seen_at = now()
       WHERE key = $1 AND state = 'open'
       RETURNING event_type AS "eventType", account_id AS "accountId", opened_at AS "openedAt", occurrences, detail`,
      [key],
    );
    return r.rows[0] ?? null;
  }

  async openIncidentKeys(eventType: string): Promise<string[]> {
    const r = await this.pool.query<{ key: string }>(
      `SELECT key FROM raw.notification_incidents WHERE event_type = $1 AND state = 'open'`,
      [eventType],
    );
    return r.rows.map((x) => x.key);
  }

  // ---- outbox ----

  /** Adds a message; with a dedupe key already present nothing is added (returns null). */
  async enqueue(
    db: Queryable | null,
    row: {
      kind: NotificationKind;
      eventType: string;
      incidentKey?: string | null;
      accountId?: string | null;
      dedupeKey?: string | null;
      payload: NotificationPayload;
    },
  ): Promise<string | null> {
    const r = await (db ?? this.pool).query<{ id: string }>(
      `INSERT INTO raw.notification_outbox (kind, event_type, incident_key, account_id, dedupe_key, payload) VALUES ($1, $2, $3, $4, $5, $6::jsonb)
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id::text AS id`,
      [row.kind, row.eventType, row.incidentKey ?? null, row.accountId ?? null, row.dedupeKey ?? null, JSON.stringify(row.payload)],
    );
    return r.rows[0]?.id ?? null;
  }

  async dedupeKeyExists(key: string): Promise<boolean> {
    const r = await this.pool.query(`SELECT 1 FROM raw.notification_outbox WHERE dedupe_key = $1`, [key]);
    return (r.rowCount ?? 0) > 0;
  }

  async list(limit: number, status?: string): Promise<OutboxRow[]> {
    const r = await this.pool.query<OutboxRow>(
      `SELECT ${OUTBOX_COLUMNS} FROM raw.notification_outbox o WHERE ($2::text IS NULL OR status = $2) ORDER BY o.id DESC LIMIT $1`,
      [limit, status ?? null],
    );
    return r.rows;
  }

  async find(id: string): Promise<OutboxRow | null> {
    const r = await this.pool.query<OutboxRow>(`SELECT ${OUTBOX_COLUMNS} FROM raw.notification_outbox WHERE id = $1`, [id]);
    return r.rows[0] ?? null;
  }

  /**
   * Claims due messages for delivery, applying the channel's rate limit, in one transaction
   * serialized across replicas (advisory lock): rate-limited kinds beyond `maxPerHour` admitted
   * in the last hour become 'suppressed'; once the window has room again, one summary message
   * reporting the suppressed ones is added. Claimed rows are locked for `lockMs`.
   */
  async claimDue(options: {
    batch: number;
    maxPerHour: number;
    lockMs: number;
    summary: (suppressed: OutboxRow[]) => NotificationPayload;
  }): Promise<OutboxRow[]> {
    return this.transaction(async (db) => {
      await db.query(`SELECT pg_advisory_xact_lock(hashtext('rewind.notification_outbox'))`);
      const used = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM raw.notification_outbox WHERE kind = ANY($1) AND admitted_at > now() - interval '1 hour'`,
        [RATE_LIMITED_KINDS],
      );
      let budget = options.maxPerHour - used.rows[0].n;
      const suppressed = await db.query<OutboxRow>(
        `SELECT ${OUTBOX_COLUMNS} FROM raw.notification_outbox o WHERE status = 'suppressed' AND summarized_in IS NULL ORDER BY o.id`,
      );
      if (suppressed.rowCount && budget > 0) {
        const payload = options.summary(suppressed.rows);
        const id = await this.enqueue(db, { kind: 'suppressed_summary', eventType: 'suppressed_summary', payload });
        await db.query(`UPDATE raw.notification_outbox SET summarized_in = $1 WHERE id = ANY($2::bigint[])`, [
          id,
          suppressed.rows.map((s) => s.id),
        ]);
      }
      const due = await db.query<{ id: string; kind: NotificationKind; admitted: boolean }>(
        `SELECT o.id::text AS id, kind, admitted_at IS NOT NULL AS admitted FROM raw.notification_outbox o
         WHERE status = 'pending' AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
         ORDER BY o.id LIMIT $1`,
        [options.batch],
      );
      const claim: string[] = [];
      const suppress: string[] = [];
      for (const row of due.rows) {
        if (!RATE_LIMITED_KINDS.includes(row.kind) || row.admitted) claim.push(row.id);
        else if (budget > 0) {
          budget--;
          claim.push(row.id);
        } else suppress.push(row.id);
      }
      if (suppress.length) {
        await db.query(
          `UPDATE raw.notification_outbox SET status = 'suppressed', last_error = 'rate limit: over NOTIFY_MAX_PER_HOUR, reported in a summary later' WHERE id = ANY($1::bigint[])`,
          [suppress],
        );
      }
      if (!claim.length) return [];
      const claimed = await db.query<OutboxRow>(
        `UPDATE raw.notification_outbox SET locked_until = now() + make_interval(secs => $2::float8 / 1000), attempts = attempts + 1,
           admitted_at = coalesce(admitted_at, CASE WHEN kind = ANY($3) THEN now() END)
         WHERE id = ANY($1::bigint[]) RETURNING ${OUTBOX_COLUMNS}`,
        [claim, options.lockMs, RATE_LIMITED_KINDS],
      );
      return claimed.rows.sort((a, b) => Number(a.id) - Number(b.id));
    });
  }

  /** A message sent synchronously (the test route), stored with its outcome. */
  async recordSent(payload: NotificationPayload, outcome: { ok: boolean; status: number | null; error: string | null }): Promise<string> {
    const r = await this.pool.query<{ id: string }>(
      `INSERT INTO raw.notification_outbox (kind, event_type, payload, status, attempts, last_error, response_status, sent_at)
       VALUES ('test', 'test', $1::jsonb, $2, 1, $3, $4, CASE WHEN $2 = 'sent' THEN now() END) RETURNING id::text AS id`,
      [JSON.stringify(payload), outcome.ok ? 'sent' : 'failed', outcome.error, outcome.status],
    );
    return r.rows[0].id;
  }

  async markSent(id: string, status: number): Promise<void> {
    await this.pool.query(
      `UPDATE raw.notification_outbox SET status = 'sent', sent_at = now(), response_status = $2, last_error = NULL, locked_until = NULL WHERE id = $1`,
      [id, status],
    );
  }

  /** A failed attempt: retried at `retryInMs`, or kept as 'failed' when `retryInMs` is null. */
  async markAttemptFailed(id: string, error: string, status: number | null, retryInMs: number | null): Promise<void> {
    await this.pool.query(
      `UPDATE raw.notification_outbox SET last_error = $2, response_status = $3, locked_until = NULL,
         status = CASE WHEN $4::float8 IS NULL THEN 'failed' ELSE 'pending' END,
         next_attempt_at = CASE WHEN $4::float8 IS NULL THEN next_attempt_at ELSE now() + make_interval(secs => $4::float8 / 1000) END
       WHERE id = $1`,
      [id, error, status, retryInMs],
    );
  }

  // ---- what events are derived from ----

  /** Finished transform runs after `after` (or the latest one), oldest first, with their test results. */
  async finishedTransformRuns(after: Date | null): Promise<(FinishedTransformRunRow & { tests: Omit<TestResultRow, 'runId'>[] })[]> {
    const runs = await finishedTransformRuns(this.pool, after);
    if (!runs.length) return [];
    const tests = await testResultsOf(
      this.pool,
      runs.map((r) => r.id),
    );
    return runs.map((r) => ({ ...r, tests: tests.filter((t) => t.runId === r.id).map(({ runId: _runId, ...t }) => t) }));
  }

  accounts(): Promise<AccountRow[]> {
    return allAccounts(this.pool);
  }

  /** Active accounts and when their Spotify consent was given (refresh tokens die six months later). */
  consents(): Promise<AccountConsentRow[]> {
    return activeAccountConsents(this.pool);
  }

  accountName(db: Queryable, accountId: string): Promise<string | null> {
    return accountName(db, accountId);
  }

  transaction<T>(fn: (db: PoolClient) => Promise<T>): Promise<T> {
    return withTransaction(this.pool, fn);
  }
}
