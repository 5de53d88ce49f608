import { DynamicModule, Inject, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ScheduleModule, SchedulerRegistry } from '@nestjs/schedule';
import { createPgPool } from '@rewind/service-kit';
import { SpotifyClient } from '@rewind/spotify';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import type { NotifyConfig, PollingConfig } from '../config/ingest.config';
import { incidentRecorderFor } from '../notify/notify.module';
import { RunsController } from '../runs/runs.controller';
import { RunsRepository } from '../runs/runs.repository';
import { RunsService } from '../runs/runs.service';
import type { IngestAppOptions } from '../spotify-access/spotify-access.module';
import { PollingRepository } from './polling.repository';
import { PollingScheduler } from './polling.scheduler';
import { PollingService } from './polling.service';

export const POLLING_POOL = Symbol('POLLING_POOL');

/** Scheduled and on-demand polling of recently-played, the run ledger and its routes. */
@Module({})
export class PollingModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(POLLING_POOL) private readonly pool: Pool,
    private readonly scheduler: PollingScheduler,
    private readonly polling: PollingService,
  ) {}

  static forRoot(config: PollingConfig & Partial<NotifyConfig>, options: IngestAppOptions = {}): DynamicModule {
    const owner = options.instanceId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    return {
      module: PollingModule,
      imports: [ScheduleModule.forRoot()],
      controllers: [RunsController],
      providers: [
        {
          provide: POLLING_POOL,
          useFactory: () =>
            createPgPool({
              connectionString: config.DATABASE_URL,
              application_name: 'ingest-service/polling',
              max: config.INGEST_CONCURRENCY + 2,
            }),
        },
        {
          provide: PollingRepository,
          useFactory: (pool: Pool) => new PollingRepository(pool, incidentRecorderFor(config, pool)),
          inject: [POLLING_POOL],
        },
        { provide: RunsRepository, useFactory: (pool: Pool) => new RunsRepository(pool), inject: [POLLING_POOL] },
        {
          provide: PollingService,
          useFactory: (repo: PollingRepository, runs: RunsRepository, spotify: SpotifyClient) =>
            new PollingService(repo, runs, spotify, {
              owner,
              leaseSeconds: config.INGEST_LEASE_SECONDS,
              concurrency: config.INGEST_CONCURRENCY,
            }),
          inject: [PollingRepository, RunsRepository, SpotifyClient],
        },
        {
          provide: PollingScheduler,
          useFactory: (polling: PollingService, registry: SchedulerRegistry) => new PollingScheduler(polling, registry, config.INGEST_CRON),
          inject: [PollingService, SchedulerRegistry],
        },
        {
          provide: RunsService,
          useFactory: (runs: RunsRepository, polling: PollingService, repo: PollingRepository) => new RunsService(runs, polling, repo),
          inject: [RunsRepository, PollingService, PollingRepository],
        },
      ],
      exports: [PollingService, PollingScheduler, RunsRepository],
    };
  }

  onApplicationBootstrap(): void {
    this.scheduler.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.scheduler.stop();
    await this.polling.idle();
    await this.pool.end().catch(() => undefined);
  }
}
