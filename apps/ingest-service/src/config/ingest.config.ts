import { commonEnv, loadEnvOrExit, port, serviceUrlEnv, spotifyEnv, z } from '@rewind/config';
import { validateCronExpression } from 'cron';

const bytes = (fallback: number) => z.coerce.number().int().min(1).default(fallback);
const MiB = 1024 * 1024;

/** Privacy-export imports (apps/ingest-service/src/imports). */
export const importEnv = {
  /** Where uploads wait until their job has finished. */
  IMPORT_DIR: z.string().min(1).default('.data/imports'),
  /** Largest upload, all files together. Over it: 413. */
  IMPORT_MAX_BYTES: bytes(1024 * MiB),
  IMPORT_ZIP_MAX_ENTRIES: z.coerce.number().int().min(1).default(10_000),
  IMPORT_ZIP_MAX_ENTRY_BYTES: bytes(512 * MiB),
  IMPORT_ZIP_MAX_TOTAL_BYTES: bytes(4096 * MiB),
  /** How often the job runner looks for queued or orphaned jobs. */
  IMPORT_POLL_MS: z.coerce.number().int().min(50).default(5000),
  /** How often a running job writes its progress. */
  IMPORT_PROGRESS_MS: z.coerce.number().int().min(10).default(500),
};

const cronOrOff = (fallback: string) =>
  z
    .string()
    .refine((v) => v === 'off' || validateCronExpression(v).valid, 'must be a cron expression (e.g. "*/30 * * * *") or "off"')
    .default(fallback);

/** Polling of recently-played and metadata enrichment (apps/ingest-service/src/{polling,enrichment,runs}). */
export const pollingEnv = {
  /** When every active account is polled; "off" disables the schedule (POST /api/ingest/runs still works). */
  INGEST_CRON: cronOrOff('*/30 * * * *'),
  /** How long an account stays leased to the replica polling it; a crashed replica's accounts are free again after it. */
  INGEST_LEASE_SECONDS: z.coerce.number().int().min(10).max(86_400).default(600),
  /** Accounts polled at the same time by one replica. */
  INGEST_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** How often the enrichment worker looks for due artists/tracks; 0 disables it. */
  ENRICHMENT_INTERVAL_MS: z.coerce.number().int().min(0).default(10_000),
  /** Queue items claimed per enrichment pass. */
  ENRICHMENT_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(200),
  SPOTIFY_API_URL: spotifyEnv.SPOTIFY_API_URL,
  AUTH_SERVICE_URL: serviceUrlEnv.AUTH_SERVICE_URL,
};

export const ingestEnv = {
  ...commonEnv,
  PORT: port(3002),
  ...importEnv,
  ...pollingEnv,
};

export type IngestServiceConfig = ReturnType<typeof loadIngestServiceConfig>;
export type PollingConfig = { [K in keyof typeof pollingEnv]: z.infer<(typeof pollingEnv)[K]> } & { DATABASE_URL: string; INTERNAL_TOKEN: string };
export type ImportConfig = { [K in keyof typeof importEnv]: z.infer<(typeof importEnv)[K]> } & { DATABASE_URL: string };

export function loadIngestServiceConfig() {
  return loadEnvOrExit('ingest-service', ingestEnv);
}
