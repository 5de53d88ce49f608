import { DynamicModule, Logger, Module } from '@nestjs/common';
import { PG_POOL } from '@rewind/service-kit';
import { Pool } from 'pg';
import type { ImportConfig, NotifyConfig } from '../config/ingest.config';
import { incidentRecorderFor } from '../notify/notify.module';
import { ImportJobRunner } from './import-runner';
import { ImportsController } from './imports.controller';
import { ImportsRepository } from './imports.repository';
import { ImportsService } from './imports.service';
import { zipLimitsOf } from './parsing/import-sources';

/** Privacy-export imports: upload route, status route and the durable background job runner. */
@Module({})
export class ImportsModule {
  static forRoot(config: ImportConfig & Partial<NotifyConfig>): DynamicModule {
    return {
      module: ImportsModule,
      controllers: [ImportsController],
      providers: [
        { provide: ImportsRepository, useFactory: (pool: Pool) => new ImportsRepository(pool), inject: [PG_POOL] },
        {
          provide: ImportJobRunner,
          useFactory: (pool: Pool, repository: ImportsRepository) => {
            const logger = new Logger('ImportJobRunner');
            return new ImportJobRunner(pool, repository, {
              zipLimits: zipLimitsOf(config),
              pollIntervalMs: config.IMPORT_POLL_MS,
              progressIntervalMs: config.IMPORT_PROGRESS_MS,
              log: (level, message, fields) => logger[level === 'info' ? 'log' : level]({ msg: message, ...fields }),
              notify: incidentRecorderFor(config, pool),
            });
          },
          inject: [PG_POOL, ImportsRepository],
        },
        {
          provide: ImportsService,
          useFactory: (pool: Pool, repository: ImportsRepository, runner: ImportJobRunner) =>
            new ImportsService(config, pool, repository, runner),
          inject: [PG_POOL, ImportsRepository, ImportJobRunner],
        },
      ],
      exports: [ImportsService],
    };
  }
}
