import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule } from '@rewind/health';
import { ObservabilityModule } from '@rewind/observability';
import { DatabaseModule } from '@rewind/service-kit';
import { IngestServiceConfig } from './config/ingest.config';
import { EnrichmentModule } from './enrichment/enrichment.module';
import { ImportsModule } from './imports/imports.module';
import { NotifyModule } from './notify/notify.module';
import { PollingModule } from './polling/polling.module';
import { POLLING_READINESS } from './runs/runs.readiness';
import { IngestAppOptions, SpotifyAccessModule } from './spotify-access/spotify-access.module';

export type { IngestAppOptions } from './spotify-access/spotify-access.module';

@Module({})
export class AppModule {
  /** `options` replaces wiring for tests (a token provider talking to the emulator, client timings, replica name). */
  static forRoot(config: IngestServiceConfig, options: IngestAppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ObservabilityModule.forRoot({ service: 'ingest-service', level: config.LOG_LEVEL }),
        // One pool for the whole process: polling (a connection per account polled, plus the lease and
        // the ledger), the import job runner (COPY and its transaction, progress), notify and enrichment.
        DatabaseModule.forRoot({ url: config.DATABASE_URL, applicationName: 'ingest-service', poolSize: config.INGEST_CONCURRENCY + 10 }),
        HealthModule.forRoot({ readinessChecks: POLLING_READINESS }),
        SpotifyAccessModule.forRoot(config, options),
        // Feature modules, one per line.
        ImportsModule.forRoot(config),
        PollingModule.forRoot(config, options),
        EnrichmentModule.forRoot(config),
        NotifyModule.forRoot(config),
      ],
    };
  }
}
