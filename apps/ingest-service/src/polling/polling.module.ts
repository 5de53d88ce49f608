import { DynamicModule, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ScheduleModule, SchedulerRegistry } from '@nestjs/schedule';
import { PG_POOL } from '@rewind/service-kit';
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

/** Scheduled and on-demand polling of recently-played, the run ledger and its routes. */
@Module({})
export class PollingModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
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
          provide: PollingRepository,
          useFactory: (pool: Pool) => new PollingRepository(pool, incidentRecorderFor(config, pool)),
          inject: [PG_POOL],
        },
        { provide: RunsRepository, useFactory: (pool: Pool) => new RunsRepository(pool), inject: [PG_POOL] },
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
  }
}
