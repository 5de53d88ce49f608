import { ConflictException, Logger } from '@nestjs/common';
import type { NotifyConfig } from '../config/ingest.config';
import { DeliveryWorker } from './delivery.worker';
import { IncidentRecorder } from './incident-recorder';
import { IncidentWatcher } from './incident.watcher';
import type { NotificationPayload } from './notify.events';
import { renderBody } from './notify.formatters';
import { NotifyRepository, OutboxRow } from './notify.repository';
import { postWebhook, redactUrl } from './webhook.client';
import { RefreshTokenReminders } from './refresh-reminders';
import { WeeklySummaries } from './weekly-summary';

/**
 * The notifier's loop (every NOTIFY_INTERVAL_MS, one pass at a time): derive incidents from
 * other services' ledgers, enqueue due weekly summaries and reconnect reminders, deliver the outbox. Plus the routes'
 * logic: list the outbox, send a test message.
 */
export class NotifyService {
  private readonly logger = new Logger('Notify');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;

  constructor(
    private readonly config: NotifyConfig,
    private readonly repository: NotifyRepository,
    readonly recorder: IncidentRecorder,
    readonly watcher: IncidentWatcher,
    readonly weekly: WeeklySummaries,
    readonly reminders: RefreshTokenReminders,
    readonly delivery: DeliveryWorker | null,
  ) {}

  get enabled(): boolean {
    return Boolean(this.config.NOTIFY_WEBHOOK_URL);
  }

  start(): void {
    if (!this.enabled || this.config.NOTIFY_INTERVAL_MS === 0 || !this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = null;
        if (!this.stopped) this.schedule(this.config.NOTIFY_INTERVAL_MS);
      });
    }, ms);
    this.timer.unref();
  }

  /** One pass at `now` (the injected clock of tests): derive, schedule, deliver. Never throws. */
  async tick(now: Date = new Date()): Promise<void> {
    if (!this.enabled) return;
    await this.watcher.safeScan();
    try {
      await this.weekly.enqueueDue(now);
    } catch (error) {
      this.logger.error({ msg: 'weekly summaries could not be scheduled', error: error instanceof Error ? error.message : String(error) });
    }
    try {
      await this.reminders.enqueueDue(now);
    } catch (error) {
      this.logger.error({
        msg: 'refresh-token reminders could not be scheduled',
        error: error instanceof Error ? error.message : String(error),
      });
    }
    try {
      await this.delivery?.deliverDue();
    } catch (error) {
      this.logger.error({ msg: 'notification delivery pass failed', error: error instanceof Error ? error.message : String(error) });
    }
  }

  async list(limit: number, status?: string) {
    const rows = await this.repository.list(limit, status);
    return {
      enabled: this.enabled,
      webhook: this.config.NOTIFY_WEBHOOK_URL ? redactUrl(this.config.NOTIFY_WEBHOOK_URL) : null,
      format: this.config.NOTIFY_FORMAT,
      events: this.config.NOTIFY_EVENTS,
      weeklyCron: this.config.NOTIFY_WEEKLY_CRON,
      maxPerHour: this.config.NOTIFY_MAX_PER_HOUR,
      items: rows.map(toItem),
    };
  }

  /** Sends a test message now, bypassing the outbox queue (stored afterwards with its outcome). */
  async sendTest() {
    const url = this.config.NOTIFY_WEBHOOK_URL;
    if (!url) throw new ConflictException('NOTIFY_WEBHOOK_URL is not set: notifications are off (set it and restart ingest-service)');
    const payload: NotificationPayload = {
      source: 'rewind',
      kind: 'test',
      type: 'test',
      title: 'Test message',
      message: `Notifications reach this channel. Events sent: ${this.config.NOTIFY_EVENTS.join(', ')}.`,
      where: 'GET /api/ingest/notifications',
      occurredAt: new Date().toISOString(),
    };
    const answer = await postWebhook(url, renderBody(payload, this.config.NOTIFY_FORMAT), this.config.NOTIFY_TIMEOUT_MS);
    const id = await this.repository.recordSent(payload, answer);
    return {
      id,
      delivered: answer.ok,
      webhook: redactUrl(url),
      format: this.config.NOTIFY_FORMAT,
      status: answer.status,
      bodyExcerpt: answer.bodyExcerpt,
      latencyMs: answer.latencyMs,
      error: answer.error,
    };
  }
}

function toItem(r: OutboxRow) {
  return {
    id: r.id,
    kind: r.kind,
    type: r.eventType,
    incident: r.incidentKey,
    accountId: r.accountId,
    title: r.payload.title,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'pending' ? r.nextAttemptAt : null,
    lastError: r.lastError,
    responseStatus: r.responseStatus,
    createdAt: r.createdAt,
    sentAt: r.sentAt,
  };
}
