import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { Pool } from 'pg';
import { RunResult } from '@rewind/models';
import { PG_POOL, PgListener } from '@rewind/service-kit';
import { TransformRepository } from './transform.repository';
import { TransformService } from './transform.service';
import { TRANSFORM_NOTIFY_CHANNEL, TRANSFORM_OPTIONS, TransformOptions } from './transform.tokens';

/**
 * Durable, coalesced triggers: ingest/import insert rows into raw.transform_requests (and NOTIFY
 * rewind_transform_requested). Every pending request up to the newest is served by one run and
 * marked consumed only when that run succeeded, so nothing is lost across restarts or failures.
 * A cron schedule runs an incremental backstop and a nightly full refresh.
 */
@Injectable()
export class TransformTriggersService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(TransformTriggersService.name);
  private timer: NodeJS.Timeout | null = null;
  /** Wakes serveRequests as soon as a request is committed; polling catches up without it. */
  private readonly listener: PgListener;
  private requestRun: Promise<RunResult | null> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    @Inject(PG_POOL) pool: Pool,
    @Inject(TRANSFORM_OPTIONS) private readonly options: TransformOptions,
    private readonly transforms: TransformService,
    private readonly repository: TransformRepository,
    private readonly scheduler: SchedulerRegistry,
  ) {
    this.listener = new PgListener(pool, {
      applicationName: 'transform-service-listen',
      context: TransformTriggersService.name,
      channels: { [TRANSFORM_NOTIFY_CHANNEL]: () => void this.serveRequests() },
      // Requests notified while nobody listened: served now rather than at the next poll.
      onListening: (reconnected) => {
        if (reconnected) void this.serveRequests();
      },
      whileDown: 'polling continues',
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.pollIntervalMs > 0) {
      this.timer = setInterval(() => void this.serveRequests(), this.options.pollIntervalMs);
      this.timer.unref();
      await this.listener.start();
      void this.serveRequests();
    }
    this.schedule('transform-backstop', this.options.cron, false);
    this.schedule('transform-full-refresh', this.options.fullRefreshCron, true);
  }

  private schedule(name: string, cron: string, fullRefresh: boolean): void {
    if (cron === 'off') return;
    const job = CronJob.from({
      cronTime: cron,
      onTick: () => {
        void this.transforms
          .startRun({ trigger: 'schedule', fullRefresh })
          .catch((e) => this.logger.error(`scheduled run failed to start: ${String(e)}`));
      },
      start: true,
    });
    this.scheduler.addCronJob(name, job as never);
  }

  /** True while a request's NOTIFY wakes this service (otherwise only polling does). */
  get listening(): boolean {
    return this.listener.isListening;
  }

  /** Serves every pending request with one run; a request arriving meanwhile gets one more run afterwards. */
  serveRequests(): Promise<RunResult | null> {
    if (this.stopped) return Promise.resolve(null);
    if (this.requestRun) {
      this.again = true;
      return this.requestRun;
    }
    this.requestRun = (async () => {
      let result: RunResult | null = null;
      do {
        this.again = false;
        const maxId = await this.repository.pendingRequestMax();
        if (!maxId) break;
        const { done } = await this.transforms.startRun({ trigger: 'request' });
        result = await done;
        if (result.status !== 'succeeded') break; // left pending: retried on the next poll
        await this.repository.consumeRequests(maxId);
      } while (this.again && !this.stopped);
      return result;
    })()
      .catch((e) => {
        this.logger.error(`serving transform requests failed: ${e instanceof Error ? e.message : String(e)}`);
        return null;
      })
      .finally(() => {
        this.requestRun = null;
      });
    return this.requestRun;
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    for (const name of ['transform-backstop', 'transform-full-refresh']) {
      if (this.scheduler.doesExist('cron', name)) {
        void this.scheduler.getCronJob(name).stop();
        this.scheduler.deleteCronJob(name);
      }
    }
    await this.requestRun;
    await this.listener.stop();
  }
}
