import { Logger } from '@nestjs/common';
import { Pool, PoolConfig } from 'pg';

/**
 * A raw `pg` pool for work TypeORM does not fit (COPY, long transactions, advisory locks).
 * An idle client losing its connection (a database restart) is logged, never a crash.
 */
export function createPgPool(config: PoolConfig & { connectionString: string; application_name: string }): Pool {
  const pool = new Pool(config);
  const logger = new Logger(config.application_name);
  pool.on('error', (error) => logger.warn(`database connection lost (${error.message}); it will be re-established on the next query`));
  return pool;
}
