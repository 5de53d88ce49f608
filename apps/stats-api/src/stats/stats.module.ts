import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { ShareController } from '../share/share.controller';
import { ShareRepository } from '../share/share.repository';
import { ShareService } from '../share/share.service';
import { LookupCache } from './lookup-cache';
import { StatsEngineStore } from './engine/engine-store';
import { InsightsController } from './insights.controller';
import { StatsController } from './stats.controller';
import { StatsRepository } from './stats.repository';
import { StatsHttpCacheInterceptor } from './http/stats-http-cache.interceptor';
import { StatsService } from './stats.service';
import { STATS_OPTIONS, STATS_POOL, StatsOptions } from './stats.tokens';

@Module({})
export class StatsModule implements OnApplicationShutdown {
  constructor(@Inject(STATS_POOL) private readonly pool: Pool) {}

  static forRoot(options: StatsOptions & { databaseUrl: string; poolSize: number }): DynamicModule {
    const { databaseUrl, poolSize, ...rest } = options;
    return {
      module: StatsModule,
      controllers: [StatsController, InsightsController, ShareController],
      providers: [
        {
          provide: STATS_POOL,
          useFactory: () => {
            const pool = new Pool({
              connectionString: databaseUrl,
              max: poolSize,
              application_name: 'stats-api',
              statement_timeout: 30_000,
              // Short, concurrent queries: JIT compilation costs more than it saves, parallel workers steal the
              // cores other requests need, and rollup aggregations should hash in memory rather than spill.
              options: '-c jit=off -c max_parallel_workers_per_gather=0 -c work_mem=32MB',
            });
            pool.on('error', () => undefined);
            return pool;
          },
        },
        { provide: STATS_OPTIONS, useValue: rest },
        StatsRepository,
        LookupCache,
        StatsEngineStore,
        StatsService,
        StatsHttpCacheInterceptor,
        ShareRepository,
        ShareService,
      ],
      exports: [StatsEngineStore],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}
