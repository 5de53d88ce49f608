import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule } from '@rewind/health';
import { ObservabilityModule } from '@rewind/observability';
import { DatabaseModule } from '@rewind/service-kit';
import { StatsApiConfig } from './config/stats.config';
import { StatsModule } from './stats/stats.module';

@Module({})
export class AppModule {
  static forRoot(config: StatsApiConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ObservabilityModule.forRoot({ service: 'stats-api', level: config.LOG_LEVEL }),
        DatabaseModule.forRoot({ url: config.DATABASE_URL, applicationName: 'stats-api' }),
        HealthModule.forRoot(),
        StatsModule.forRoot({
          databaseUrl: config.DATABASE_URL,
          poolSize: config.STATS_DB_POOL_SIZE ?? 10,
          cacheEntries: config.STATS_CACHE_ENTRIES ?? 2000,
          memoryIndex: config.STATS_MEMORY_INDEX ?? 'background',
          memoryIndexMaxRows: config.STATS_MEMORY_INDEX_MAX_ROWS ?? 10_000_000,
        }),
      ],
    };
  }
}
