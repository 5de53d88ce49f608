import { DynamicModule, Module } from '@nestjs/common';
import { PG_POOL } from '@rewind/service-kit';
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

/** Statistics, insights and share routes; their SQL goes through the process's PG_POOL (DatabaseModule). */
@Module({})
export class StatsModule {
  static forRoot(options: StatsOptions): DynamicModule {
    return {
      module: StatsModule,
      controllers: [StatsController, InsightsController, ShareController],
      providers: [
        // The stats code's name for the process pool (the same Pool, not another one).
        { provide: STATS_POOL, useExisting: PG_POOL },
        { provide: STATS_OPTIONS, useValue: options },
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
}
