import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule } from '@rewind/health';
import { ObservabilityModule } from '@rewind/observability';
import { DatabaseModule } from '@rewind/service-kit';
import { StatsApiConfig } from './config/stats.config';

@Module({})
export class AppModule {
  static forRoot(config: StatsApiConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ObservabilityModule.forRoot({ service: 'stats-api', level: config.LOG_LEVEL }),
        DatabaseModule.forRoot({ url: config.DATABASE_URL, applicationName: 'stats-api' }),
        HealthModule.forRoot(),
      ],
    };
  }
}
