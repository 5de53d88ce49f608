import { Logger } from '@nestjs/common';
import { Pool, PoolClient, PoolConfig } from 'pg';

/**
 * A `pg` pool for a process without DatabaseModule (the import and transform CLIs); a service
 * uses PG_POOL instead. An idle client losing its connection (a database restart) is logged,
 * never a crash.
 */
export function createPgPool(config: PoolConfig & { connectionString: string; application_name: string }): Pool {
  const pool = new Pool(config);
  const logger = new Logger(config.application_name);
  pool.on('error', (error) => logger.warn(`database connection lost (${error.message}); it will be re-established on the next query`));
  return pool;
}

/**
 * Runs `fn` in a transaction on one pooled connection: COMMIT on success, ROLLBACK on error.
 * A connection whose ROLLBACK failed (the server went away) is destroyed, not reused.
 */
export async function withTransaction<T>(pool: Pool, fn: (db: PoolClient) => Promise<T>): Promise<T> {
  const db = await pool.connect();
  let broken = false;
  try {
    await db.query('BEGIN');
    const result = await fn(db);
    await db.query('COMMIT');
    return result;
  } catch (error) {
    await db.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    db.release(broken ? true : undefined);
  }
}
