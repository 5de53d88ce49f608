import { z } from 'zod';
import type { DatabaseDetails } from './client';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** Environment of `npm run metabase:provision` (README.md, "Metabase"). */
export const metabaseEnv = z.object({
  METABASE_URL: z.preprocess(blankToUndefined, z.url().default('http://127.0.0.1:3100')),
  METABASE_ADMIN_EMAIL: z.preprocess(blankToUndefined, z.email().optional()),
  METABASE_ADMIN_PASSWORD: z.preprocess(blankToUndefined, z.string().optional()),
  METABASE_API_KEY: z.preprocess(blankToUndefined, z.string().optional()),
  METABASE_ADMIN_FIRST_NAME: z.preprocess(blankToUndefined, z.string().default('Rewind')),
  METABASE_ADMIN_LAST_NAME: z.preprocess(blankToUndefined, z.string().default('Admin')),
  /** PostgreSQL as Metabase sees it (the compose service name by default). */
  METABASE_DB_HOST: z.preprocess(blankToUndefined, z.string().default('postgres')),
  METABASE_DB_PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(65535).default(5432)),
  METABASE_DB_NAME: z.preprocess(blankToUndefined, z.string().default('rewind')),
  METABASE_DB_USER: z.preprocess(blankToUndefined, z.string().default('rewind_metabase')),
  METABASE_DB_PASSWORD: z.preprocess(blankToUndefined, z.string().optional()),
  METABASE_DB_SSL: z.preprocess(blankToUndefined, bool.default(false)),
  /** Name of the database connection inside Metabase. */
  METABASE_DATABASE_NAME: z.preprocess(blankToUndefined, z.string().default('Rewind')),
  METABASE_SYNC_TIMEOUT_SECONDS: z.preprocess(blankToUndefined, z.coerce.number().positive().default(300)),
  /** Optional admin connection: when set, the read-only role's LOGIN PASSWORD is set first. */
  DATABASE_URL: z.preprocess(blankToUndefined, z.string().optional()),
});

export interface ProvisionConfig {
  metabaseUrl: string;
  auth: { apiKey: string } | { email: string; password: string };
  admin: { email?: string; password?: string; firstName: string; lastName: string };
  database: { name: string } & Omit<DatabaseDetails, 'schema-filters-type' | 'schema-filters-patterns'>;
  collectionName: string;
  dashboardName: string;
  syncTimeoutMs: number;
  pollIntervalMs: number;
  adminDatabaseUrl?: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadProvisionConfig(env: NodeJS.ProcessEnv = process.env): ProvisionConfig {
  const parsed = metabaseEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${String(issue.path[0])}: ${issue.message}`);
  }
  const e = parsed.data;
  let auth: ProvisionConfig['auth'];
  if (e.METABASE_API_KEY) auth = { apiKey: e.METABASE_API_KEY };
  else if (e.METABASE_ADMIN_EMAIL && e.METABASE_ADMIN_PASSWORD)
    auth = { email: e.METABASE_ADMIN_EMAIL, password: e.METABASE_ADMIN_PASSWORD };
  else throw new ConfigError('set METABASE_ADMIN_EMAIL and METABASE_ADMIN_PASSWORD (or METABASE_API_KEY)');
  return {
    metabaseUrl: e.METABASE_URL,
    auth,
    admin: {
      email: e.METABASE_ADMIN_EMAIL,
      password: e.METABASE_ADMIN_PASSWORD,
      firstName: e.METABASE_ADMIN_FIRST_NAME,
      lastName: e.METABASE_ADMIN_LAST_NAME,
    },
    database: {
      name: e.METABASE_DATABASE_NAME,
      host: e.METABASE_DB_HOST,
      port: e.METABASE_DB_PORT,
      dbname: e.METABASE_DB_NAME,
      user: e.METABASE_DB_USER,
      password: e.METABASE_DB_PASSWORD,
      ssl: e.METABASE_DB_SSL,
    },
    collectionName: 'Rewind',
    dashboardName: 'Spotify Wrapped',
    syncTimeoutMs: e.METABASE_SYNC_TIMEOUT_SECONDS * 1000,
    pollIntervalMs: 2000,
    adminDatabaseUrl: e.DATABASE_URL,
  };
}
