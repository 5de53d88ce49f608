import { Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { PollingService } from './polling.service';

export const POLL_JOB = 'ingest-poll';

/**
 * INGEST_CRON: every replica fires at the same scheduled instant; the tick's identity is that
 * instant (to the minute), so whichever replicas fire, each account is polled once per tick.
 */
export class PollingScheduler {
  private readonly logger = new Logger('IngestSchedule');

  constructor(
    private readonly polling: PollingService,
    private readonly scheduler: SchedulerRegistry,
    private readonly cron: string,
  ) {}

  start(): void {
    if (this.cron === 'off') return;
    const job = CronJob.from({ cronTime: this.cron, onTick: () => void this.fire(), start: true });
    this.scheduler.addCronJob(POLL_JOB, job as never);
  }

  /** One scheduled tick (also callable directly). */
  async fire(at: Date = new Date()): Promise<void> {
    const tickAt = new Date(Math.floor(at.getTime() / 60_000) * 60_000);
    try {
      const tick = await this.polling.tick('schedule', tickAt);
      await tick.done;
    } catch (error) {
      this.logger.error({ msg: 'scheduled poll could not start', error: error instanceof Error ? error.message : String(error) });
    }
  }

  stop(): void {
    if (this.scheduler.doesExist('cron', POLL_JOB)) {
      void this.scheduler.getCronJob(POLL_JOB).stop();
      this.scheduler.deleteCronJob(POLL_JOB);
    }
  }
}
