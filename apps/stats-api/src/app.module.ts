import { DynamicModule, Module } from '@nestjs/common';
import type { HealthIndicatorFunction } from '@nestjs/terminus';
import { HealthModule, READINESS_CHECKS } from '@rewind/health';
import { ObservabilityModule } from '@rewind/observability';
import { DatabaseModule } from '@rewind/service-kit';
import { StatsApiConfig } from './config/stats.config';
import { StatsEngineStore } from './stats/engine/engine-store';
import { StatsModule } from './stats/stats.module';

@Module({})
export class AppModule {
  static forRoot(config: StatsApiConfig): DynamicModule {
    const stats = StatsModule.forRoot({
      cacheEntries: config.STATS_CACHE_ENTRIES ?? 2000,
      memoryIndex: config.STATS_MEMORY_INDEX ?? 'background',
      memoryIndexMaxRows: config.STATS_MEMORY_INDEX_MAX_ROWS ?? 10_000_000,
    });
    return {
      module: AppModule,
      imports: [
        ObservabilityModule.forRoot({ service: 'stats-api', level: config.LOG_LEVEL }),
        DatabaseModule.forRoot({
          url: config.DATABASE_URL,
          applicationName: 'stats-api',
          poolSize: config.STATS_DB_POOL_SIZE ?? 10,
          session: {
            statement_timeout: 30_000,
            // Short, concurrent queries: JIT compilation costs more than it saves, parallel workers steal the
            // cores other requests need, and rollup aggregations should hash in memory rather than spill.
            options: '-c jit=off -c max_parallel_workers_per_gather=0 -c work_mem=32MB',
          },
        }),
        HealthModule.forRoot({
          imports: [stats],
          // Readiness detail `statsMemory`: degraded while an account is over the memory budget.
          readinessChecks: {
            provide: READINESS_CHECKS,
            useFactory: (store: StatsEngineStore): HealthIndicatorFunction[] => [async () => store.readiness()],
            inject: [StatsEngineStore],
          },
        }),
        stats,
      ],
    };
  }
}
