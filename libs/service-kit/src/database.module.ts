import { DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions, RewindDataSourceOptions } from '@rewind/db';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';

/**
 * The process's one `pg` pool: the one TypeORM's DataSource opened. Raw SQL (COPY, long
 * transactions, advisory locks, LISTEN) borrows its connections; nothing else opens a pool, and
 * TypeORM closes it at shutdown, after every feature module's own shutdown hook has run
 * (DatabaseModule is global, so its hooks come last).
 */
export const PG_POOL = Symbol('PG_POOL');

/** The pg Pool under a connected postgres DataSource (TypeORM 1.1: `PostgresDriver.master`). */
export function poolOf(dataSource: DataSource): Pool {
  const pool: unknown = (dataSource.driver as { master?: unknown }).master;
  if (!(pool instanceof Pool)) throw new Error('the DataSource has no pg pool: it is not a connected postgres data source');
  return pool;
}

@Global()
@Module({})
export class DatabaseModule {
  /**
   * The shared TypeORM data source (entities of every schema, never synchronize) and PG_POOL, its
   * pool. `applicationName` names every connection in pg_stat_activity; size `poolSize` for the
   * TypeORM and raw SQL work of the whole process together.
   */
  static forRoot(options: RewindDataSourceOptions & { applicationName: string }): DynamicModule {
    const logger = new Logger(options.applicationName);
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions({
            ...options,
            // An idle client losing its connection (a database restart) is logged, never a crash.
            onPoolError: (error) => logger.warn(`database connection lost (${error.message}); it will be re-established on the next query`),
          }),
          // Fail fast at boot with a clear message instead of retrying for minutes.
          retryAttempts: 3,
          retryDelay: 1000,
        }),
      ],
      providers: [{ provide: PG_POOL, useFactory: poolOf, inject: [DataSource] }],
      exports: [PG_POOL],
    };
  }
}
