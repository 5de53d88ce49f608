import { DynamicModule, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PG_POOL } from '@rewind/service-kit';
import { Pool } from 'pg';
import type { NotifyConfig } from '../config/ingest.config';
import { DeliveryWorker } from './delivery.worker';
import { IncidentRecorder } from './incident-recorder';
import { IncidentWatcher } from './incident.watcher';
import { NotifyController } from './notify.controller';
import { NotifyRepository } from './notify.repository';
import { NotifyService } from './notify.service';
import { loginUrlFrom, RefreshTokenReminders } from './refresh-reminders';
import { WeeklySummaries } from './weekly-summary';

/**
 * The recorder the pipeline's hooks use (polling, imports). It writes in the caller's
 * transaction, so it only needs the settings; SQL is NotifyRepository's (the pool is
 * never used by the hooks).
 */
export function incidentRecorderFor(config: Partial<NotifyConfig>, pool: Pool): IncidentRecorder {
  return new IncidentRecorder(new NotifyRepository(pool), {
    enabled: Boolean(config.NOTIFY_WEBHOOK_URL),
    events: config.NOTIFY_EVENTS ?? [],
  });
}

/** Webhook notifications: failure alerts, recoveries, weekly summaries, reconnect reminders; outbox delivery and its routes. */
@Module({})
export class NotifyModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(private readonly notify: NotifyService) {}

  static forRoot(config: NotifyConfig): DynamicModule {
    return {
      module: NotifyModule,
      controllers: [NotifyController],
      providers: [
        { provide: NotifyRepository, useFactory: (pool: Pool) => new NotifyRepository(pool), inject: [PG_POOL] },
        {
          provide: NotifyService,
          useFactory: (pool: Pool, repository: NotifyRepository) => {
            const recorder = incidentRecorderFor(config, pool);
            const enabled = Boolean(config.NOTIFY_WEBHOOK_URL);
            const delivery = config.NOTIFY_WEBHOOK_URL
              ? new DeliveryWorker(repository, {
                  webhookUrl: config.NOTIFY_WEBHOOK_URL,
                  format: config.NOTIFY_FORMAT,
                  timeoutMs: config.NOTIFY_TIMEOUT_MS,
                  maxAttempts: config.NOTIFY_MAX_ATTEMPTS,
                  retryBaseMs: config.NOTIFY_RETRY_BASE_MS,
                  maxPerHour: config.NOTIFY_MAX_PER_HOUR,
                })
              : null;
            const weekly = new WeeklySummaries(repository, {
              cron: config.NOTIFY_WEEKLY_CRON,
              statsUrl: config.STATS_SERVICE_URL,
              internalToken: config.INTERNAL_TOKEN,
              timeoutMs: config.NOTIFY_TIMEOUT_MS,
              enabled: enabled && config.NOTIFY_EVENTS.includes('weekly_summary'),
            });
            const reminders = new RefreshTokenReminders(repository, {
              enabled: enabled && config.NOTIFY_EVENTS.includes('refresh_token_expiring'),
              loginUrl: loginUrlFrom(config.SPOTIFY_REDIRECT_URI),
            });
            const watcher = new IncidentWatcher(repository, recorder);
            return new NotifyService(config, repository, recorder, watcher, weekly, reminders, delivery);
          },
          inject: [PG_POOL, NotifyRepository],
        },
      ],
      exports: [NotifyService],
    };
  }

  onApplicationBootstrap(): void {
    this.notify.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.notify.stop();
  }
}
