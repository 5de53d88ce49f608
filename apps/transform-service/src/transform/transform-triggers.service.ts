import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { Client, Pool } from 'pg';
import { RunResult } from '@rewind/models';
import { TransformRepository } from './transform.repository';
import { TransformService } from './transform.service';
import { TRANSFORM_NOTIFY_CHANNEL, TRANSFORM_OPTIONS, TRANSFORM_POOL, TransformOptions } from './transform.tokens';

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
  private listener: Client | null = null;
  private requestRun: Promise<RunResult | null> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    @Inject(TRANSFORM_POOL) private readonly pool: Pool,
    @Inject(TRANSFORM_OPTIONS) private readonly options: TransformOptions,
    private readonly transforms: TransformService,
    private readonly repository: TransformRepository,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.pollIntervalMs > 0) {
      this.timer = setInterval(() => void this.serveRequests(), this.options.pollIntervalMs);
      this.timer.unref();
      await this.listen();
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

  private async listen(): Promise<void> {
    const options = this.pool.options;
    const client = new Client({ connectionString: options.connectionString, application_name: 'transform-service-listen' });
    client.on('error', (e) => {
      this.logger.warn(`LISTEN connection lost (${e.message}); polling continues`);
      this.listener = null;
    });
    client.on('notification', () => void this.serveRequests());
    try {
      await client.connect();
      await client.query(`LISTEN ${TRANSFORM_NOTIFY_CHANNEL}`);
      this.listener = client;
    } catch (e) {
      this.logger.warn(`cannot LISTEN on ${TRANSFORM_NOTIFY_CHANNEL} (${e instanceof Error ? e.message : String(e)}); polling only`);
      await client.end().catch(() => undefined);
    }
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
    await this.listener?.end().catch(() => undefined);
  }
}
