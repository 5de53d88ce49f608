import { Logger } from '@nestjs/common';
import { AlertEvent, incidentKeys, NotificationPayload, NotifyEventType, RECOVERY_TEXT } from './notify.events';
import type { Queryable } from '../shared/read-models';
import { NotifyRepository } from './notify.repository';

export interface RecorderSettings {
  /** NOTIFY_WEBHOOK_URL is set. */
  enabled: boolean;
  /** NOTIFY_EVENTS */
  events: readonly string[];
}

/**
 * Turns pipeline events into incidents and outbox rows, inside the caller's transaction: the
 * outbox row commits (or rolls back) together with the event. An incident sends one alert when
 * it opens and one recovery when it resolves; retries while it is open only count occurrences.
 * A failure here never fails the caller: it runs in a savepoint and is only logged.
 */
export class IncidentRecorder {
  private readonly logger = new Logger('Notify');

  constructor(
    private readonly repository: NotifyRepository,
    private readonly settings: RecorderSettings,
  ) {}

  get enabled(): boolean {
    return this.settings.enabled;
  }

  wants(type: string): boolean {
    return this.settings.events.includes(type);
  }

  /** Opens the incident; enqueues the alert when it was not open already. Returns true when it opened. */
  async open(db: Queryable, event: AlertEvent): Promise<boolean> {
    if (!this.settings.enabled) return false;
    return this.guarded(
      db,
      async () => {
        const opened = await this.repository.openIncident(db, event.key, event.type, event.accountId ?? null, {
          title: event.title,
          message: event.message,
          where: event.where,
          ...event.details,
        });
        if (opened && this.wants(event.type)) {
          const account = event.accountId ? await this.repository.accountName(db, event.accountId) : null;
          const payload: NotificationPayload = {
            source: 'rewind',
            kind: 'alert',
            type: event.type,
            state: 'open',
            incident: event.key,
            accountId: event.accountId ?? null,
            title: event.title,
            message: event.message,
            where: event.where,
            occurredAt: new Date().toISOString(),
            details: { ...(account ? { account } : {}), ...event.details },
          };
          await this.repository.enqueue(db, {
            kind: 'alert',
            eventType: event.type,
            incidentKey: event.key,
            accountId: event.accountId,
            payload,
          });
        }
        return opened;
      },
      false,
    );
  }

  /** Resolves the incident; enqueues the recovery message when it was open. */
  async resolve(db: Queryable, key: string, details: Record<string, unknown> = {}): Promise<boolean> {
    if (!this.settings.enabled) return false;
    return this.guarded(
      db,
      async () => {
        const resolved = await this.repository.resolveIncident(db, key);
        if (!resolved) return false;
        const type = resolved.eventType as NotifyEventType;
        if (this.wants(type)) {
          const title = String(resolved.detail?.title ?? type);
          const account = resolved.accountId ? await this.repository.accountName(db, resolved.accountId) : null;
          const payload: NotificationPayload = {
            source: 'rewind',
            kind: 'recovery',
            type,
            state: 'resolved',
            incident: key,
            accountId: resolved.accountId,
            title: `Resolved: ${title}`,
            message: RECOVERY_TEXT[type] ?? 'Healthy again.',
            where: typeof resolved.detail?.where === 'string' ? resolved.detail.where : undefined,
            occurredAt: new Date().toISOString(),
            details: {
              ...(account ? { account } : {}),
              openedAt: new Date(resolved.openedAt).toISOString(),
              occurrences: resolved.occurrences,
              durationMinutes: Math.round((Date.now() - new Date(resolved.openedAt).getTime()) / 6000) / 10,
              ...details,
            },
          };
          await this.repository.enqueue(db, {
            kind: 'recovery',
            eventType: type,
            incidentKey: key,
            accountId: resolved.accountId,
            payload,
          });
        }
        return true;
      },
      false,
    );
  }

  // ---- hooks of the pipeline (each called in the event's own transaction) ----

  /** A poll loaded (raw.ingest_runs succeeded): polling recovered; a gap opens or clears its incident. */
  async pollLoaded(db: Queryable, run: { runId: string; accountId: string; gap: { from: Date; to: Date } | null }): Promise<void> {
    if (!this.settings.enabled) return;
    await this.resolve(db, incidentKeys.ingest(run.accountId), { runId: run.runId });
    if (run.gap) {
      await this.open(db, {
        type: 'gap_detected',
        key: incidentKeys.gap(run.accountId),
        accountId: run.accountId,
        title: 'Gap in recently-played',
        message:
          `Spotify only lists the last 50 plays and all of them were newer than the newest stored play: listens between ` +
          `${run.gap.from.toISOString()} and ${run.gap.to.toISOString()} may be missing. Poll more often (INGEST_CRON) or import your Spotify privacy export to fill it.`,
        where: `GET /api/ingest/runs?accountId=${run.accountId} (field gap) · GET /health/ready of ingest-service`,
        details: { runId: run.runId, gapFrom: run.gap.from.toISOString(), gapTo: run.gap.to.toISOString() },
      });
    } else {
      await this.resolve(db, incidentKeys.gap(run.accountId), { runId: run.runId });
    }
  }

  /** A poll failed (raw.ingest_runs failed). */
  async pollFailed(db: Queryable, run: { runId: string; accountId: string; error: string }): Promise<void> {
    await this.open(db, {
      type: 'ingest_failed',
      key: incidentKeys.ingest(run.accountId),
      accountId: run.accountId,
      title: 'Polling recently-played failed',
      message: run.error,
      where: `GET /api/ingest/runs?accountId=${run.accountId} · ingest-service log (msg "poll failed", runId ${run.runId})`,
      details: { runId: run.runId },
    });
  }

  async importFailed(db: Queryable, job: { importId: string; accountId: string; error: string }): Promise<void> {
    await this.open(db, {
      type: 'import_failed',
      key: incidentKeys.import(job.accountId),
      accountId: job.accountId,
      title: 'Privacy-export import failed',
      message: job.error,
      where: `GET /api/ingest/imports/${job.importId} · ingest-service log (msg "import failed")`,
      details: { importId: job.importId },
    });
  }

  async importSucceeded(db: Queryable, job: { importId: string; accountId: string }): Promise<void> {
    await this.resolve(db, incidentKeys.import(job.accountId), { importId: job.importId });
  }

  private async guarded<T>(db: Queryable, fn: () => Promise<T>, fallback: T): Promise<T> {
    await db.query('SAVEPOINT rewind_notify');
    try {
      const result = await fn();
      await db.query('RELEASE SAVEPOINT rewind_notify');
      return result;
    } catch (error) {
      await db.query('ROLLBACK TO SAVEPOINT rewind_notify').catch(() => undefined);
      this.logger.error({
        msg: 'could not record a notification (the event itself is kept)',
        error: error instanceof Error ? error.message : String(error),
      });
      return fallback;
    }
  }
}
