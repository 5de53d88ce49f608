import { TRANSFORM_REQUEST_CHANNEL, type TransformRequest } from './entities/raw';

/** Anything that runs a query: a pg client or pool, or a TypeORM EntityManager inside a transaction. */
export interface SqlRunner {
  query(text: string, params?: unknown[]): Promise<unknown>;
}

/**
 * Asks transform-service to rebuild, inside the caller's transaction: the row and the NOTIFY
 * both take effect on COMMIT, so a transform-service that is down catches up when it starts.
 */
export async function requestTransform(db: SqlRunner, source: TransformRequest['source'], accountId: string | null): Promise<void> {
  await db.query(`INSERT INTO raw.transform_requests (source, account_id) VALUES ($1, $2)`, [source, accountId]);
  await db.query(`SELECT pg_notify('${TRANSFORM_REQUEST_CHANNEL}', $1)`, [accountId ?? '']);
}
