import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule } from '@rewind/health';
import { ObservabilityModule } from '@rewind/observability';
import { DatabaseModule } from '@rewind/service-kit';
import { IngestServiceConfig } from './config/ingest.config';
import { ImportsModule } from './imports/imports.module';

@Module({})
export class AppModule {
  static forRoot(config: IngestServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ObservabilityModule.forRoot({ service: 'ingest-service', level: config.LOG_LEVEL }),
        DatabaseModule.forRoot({ url: config.DATABASE_URL, applicationName: 'ingest-service' }),
        HealthModule.forRoot(),
        // Feature modules, one per line.
        ImportsModule.forRoot(config),
      ],
    };
  }
}
