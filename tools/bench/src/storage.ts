import type { Pool } from 'pg';

/** Bytes PostgreSQL holds for Rewind's data: tables with their indexes and TOAST, per schema. */
export interface StorageBytes {
  raw: number;
  marts: number;
  /** The whole database: every schema, the catalogs and free space in the files. */
  database: number;
}

export async function storageOf(pool: Pool): Promise<StorageBytes> {
  const { rows } = await pool.query<{ schema: string; bytes: string }>(
    `select n.nspname as schema, sum(pg_total_relation_size(c.oid))::bigint as bytes
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'm', 'p') and n.nspname in ('raw', 'marts')
      group by n.nspname`,
  );
  const bySchema = new Map(rows.map((r) => [r.schema, Number(r.bytes)]));
  const [{ bytes }] = (await pool.query<{ bytes: string }>('select pg_database_size(current_database())::bigint as bytes')).rows;
  return { raw: bySchema.get('raw') ?? 0, marts: bySchema.get('marts') ?? 0, database: Number(bytes) };
}
