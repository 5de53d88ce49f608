import { DynamicModule, Inject, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PG_POOL } from '@rewind/service-kit';
import { SpotifyClient } from '@rewind/spotify';
import { Pool } from 'pg';
import type { PollingConfig } from '../config/ingest.config';
import { EnrichmentBudget } from './enrichment-budget';
import { EnrichmentController } from './enrichment.controller';
import { EnrichmentRepository } from './enrichment.repository';
import { EnrichmentService } from './enrichment.service';

/** The enrichment worker (artists' genres and images, imported tracks' album and artists) and its progress route. */
@Module({})
export class EnrichmentModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly enrichment: EnrichmentService,
    @Inject('ENRICHMENT_INTERVAL_MS') private readonly intervalMs: number,
  ) {}

  static forRoot(config: PollingConfig): DynamicModule {
    return {
      module: EnrichmentModule,
      controllers: [EnrichmentController],
      providers: [
        { provide: 'ENRICHMENT_INTERVAL_MS', useValue: config.ENRICHMENT_INTERVAL_MS },
        { provide: EnrichmentRepository, useFactory: (pool: Pool) => new EnrichmentRepository(pool), inject: [PG_POOL] },
        {
          provide: EnrichmentBudget,
          useFactory: (pool: Pool) => new EnrichmentBudget(pool, config.ENRICHMENT_DAILY_CALLS),
          inject: [PG_POOL],
        },
        {
          provide: EnrichmentService,
          useFactory: (repo: EnrichmentRepository, spotify: SpotifyClient, budget: EnrichmentBudget) =>
            new EnrichmentService(repo, spotify, budget, {
              batchSize: config.ENRICHMENT_BATCH_SIZE,
              intervalMs: config.ENRICHMENT_INTERVAL_MS,
            }),
          inject: [EnrichmentRepository, SpotifyClient, EnrichmentBudget],
        },
      ],
      exports: [EnrichmentService, EnrichmentRepository, EnrichmentBudget],
    };
  }

  onApplicationBootstrap(): void {
    this.enrichment.start(this.intervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.enrichment.stop();
  }
}
