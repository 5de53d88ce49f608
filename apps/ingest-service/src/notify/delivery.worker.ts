import { Logger } from '@nestjs/common';
import type { NotificationPayload } from './notify.events';
import { renderBody } from './notify.formatters';
import { NotifyRepository, OutboxRow } from './notify.repository';
import { postWebhook } from './webhook.client';

export interface DeliverySettings {
  webhookUrl: string;
  format: 'slack' | 'json';
  timeoutMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  maxPerHour: number;
}

const MAX_BACKOFF_MS = 3_600_000;

/** Delay before attempt `attempts + 1`: base · 2^(attempts − 1), capped at one hour. */
export function backoffMs(attempts: number, baseMs: number): number {
  return Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * Sends due outbox rows to the webhook, oldest first, one at a time (the channel keeps the
 * order). A 2xx answer marks a row sent; anything else (status, timeout, refused) is retried
 * with exponential back-off until NOTIFY_MAX_ATTEMPTS, then the row stays 'failed' with its
 * last error. Runs on its own pool and timer: ingest and transform never wait on it.
 */
export class DeliveryWorker {
  private readonly logger = new Logger('NotifyDelivery');

  constructor(
    private readonly repository: NotifyRepository,
    private readonly settings: DeliverySettings,
  ) {}

  /** Delivers every message due now; returns how many attempts were made. */
  async deliverDue(): Promise<number> {
    let attempts = 0;
    for (;;) {
      const batch = await this.repository.claimDue({
        batch: 20,
        maxPerHour: this.settings.maxPerHour,
        lockMs: this.settings.timeoutMs + 10_000,
        summary: (rows) => suppressedSummary(rows, this.settings.maxPerHour),
      });
      if (!batch.length) return attempts;
      for (const row of batch) {
        await this.deliver(row);
        attempts++;
      }
    }
  }

  private async deliver(row: OutboxRow): Promise<void> {
    const answer = await postWebhook(this.settings.webhookUrl, renderBody(row.payload, this.settings.format), this.settings.timeoutMs);
    if (answer.ok) {
      await this.repository.markSent(row.id, answer.status!);
      return;
    }
    const giveUp = row.attempts >= this.settings.maxAttempts;
    const retryIn = giveUp ? null : backoffMs(row.attempts, this.settings.retryBaseMs);
    await this.repository.markAttemptFailed(row.id, `attempt ${row.attempts}: ${answer.error}`, answer.status, retryIn);
    this.logger.warn({
      msg: giveUp ? 'notification undeliverable, kept with status failed' : 'notification delivery failed, will retry',
      notificationId: row.id,
      attempts: row.attempts,
      error: answer.error,
      ...(retryIn !== null ? { retryInMs: retryIn } : {}),
    });
  }
}

export function suppressedSummary(rows: OutboxRow[], maxPerHour: number): NotificationPayload {
  return {
    source: 'rewind',
    kind: 'suppressed_summary',
    type: 'suppressed_summary',
    title: `${rows.length} notification${rows.length === 1 ? '' : 's'} held back by the rate limit`,
    message: `More than ${maxPerHour} alerts within an hour (NOTIFY_MAX_PER_HOUR): these were not sent one by one.`,
    where: 'GET /api/ingest/notifications?status=suppressed',
    occurredAt: new Date().toISOString(),
    details: {
      count: rows.length,
      suppressed: rows.slice(0, 30).map((r) => ({
        id: r.id,
        kind: r.kind,
        type: r.eventType,
        title: r.payload.title,
        createdAt: new Date(r.createdAt).toISOString(),
      })),
    },
  };
}
