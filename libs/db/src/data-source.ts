import type { PoolConfig } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { AUTH_ENTITIES } from './entities/auth';
import { RAW_ENTITIES } from './entities/raw';
import { TRANSFORM_ENTITIES } from './entities/transform';
import { MIGRATIONS } from './migrations';

export const ALL_ENTITIES = [...AUTH_ENTITIES, ...RAW_ENTITIES, ...TRANSFORM_ENTITIES];

export interface RewindDataSourceOptions {
  url: string;
  /** Shown in pg_stat_activity, e.g. the service name. */
  applicationName?: string;
  /** Connections of the process's one pool (TypeORM's; raw `pg` work borrows it too). */
  poolSize?: number;
  /** Session settings of every pooled connection (e.g. statement_timeout, `-c jit=off`). */
  session?: Pick<PoolConfig, 'statement_timeout' | 'options'>;
  /** An idle pooled connection lost (a database restart); TypeORM only logs it by default. */
  onPoolError?: (error: Error) => void;
}

/** The one place a TypeORM DataSource is configured: migrations only, never synchronize. */
export function dataSourceOptions(options: RewindDataSourceOptions): DataSourceOptions {
  return {
    type: 'postgres',
    uuidExtension: 'pgcrypto',
    url: options.url,
    entities: ALL_ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    applicationName: options.applicationName ?? 'rewind',
    poolErrorHandler: options.onPoolError,
    extra: {
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5000,
      ...options.session,
    },
  };
}

export function createDataSource(options: RewindDataSourceOptions): DataSource {
  return new DataSource(dataSourceOptions(options));
}
