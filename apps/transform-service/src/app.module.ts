import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule } from '@rewind/health';
import { ObservabilityModule } from '@rewind/observability';
import { DatabaseModule } from '@rewind/service-kit';
import { TransformServiceConfig } from './config/transform.config';
import { TransformModule } from './transform/transform.module';

@Module({})
export class AppModule {
  static forRoot(config: TransformServiceConfig & { MODELS_ROOT?: string }): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ObservabilityModule.forRoot({ service: 'transform-service', level: config.LOG_LEVEL }),
        // Runs take one connection at a time (serialized), plus the ledger and request reads of the routes.
        DatabaseModule.forRoot({ url: config.DATABASE_URL, applicationName: 'transform-service', poolSize: 6 }),
        HealthModule.forRoot(),
        TransformModule.forRoot({
          pollIntervalMs: config.TRANSFORM_POLL_INTERVAL_MS,
          cron: config.TRANSFORM_CRON,
          fullRefreshCron: config.TRANSFORM_FULL_REFRESH_CRON,
          modelsRoot: config.MODELS_ROOT,
        }),
      ],
    };
  }
}
