import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule } from '@rewind/health';
import { ObservabilityModule } from '@rewind/observability';
import { DatabaseModule } from '@rewind/service-kit';
import { AuthServiceConfig } from './config/auth.config';

@Module({})
export class AppModule {
  static forRoot(config: AuthServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ObservabilityModule.forRoot({ service: 'auth-service', level: config.LOG_LEVEL }),
        DatabaseModule.forRoot({ url: config.DATABASE_URL, applicationName: 'auth-service' }),
        HealthModule.forRoot(),
      ],
    };
  }
}
