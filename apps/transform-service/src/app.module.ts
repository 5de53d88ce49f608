import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule } from '@rewind/health';
import { ObservabilityModule } from '@rewind/observability';
import { DatabaseModule } from '@rewind/service-kit';
import { TransformServiceConfig } from './config/transform.config';

@Module({})
export class AppModule {
  static forRoot(config: TransformServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ObservabilityModule.forRoot({ service: 'transform-service', level: config.LOG_LEVEL }),
        DatabaseModule.forRoot({ url: config.DATABASE_URL, applicationName: 'transform-service' }),
        HealthModule.forRoot(),
      ],
    };
  }
}
