import { commonEnv, loadEnvOrExit, port, z } from '@rewind/config';

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

export const ingestEnv = {
  ...commonEnv,
  PORT: port(3002),
  ...importEnv,
};

export type IngestServiceConfig = ReturnType<typeof loadIngestServiceConfig>;
export type ImportConfig = { [K in keyof typeof importEnv]: z.infer<(typeof importEnv)[K]> } & { DATABASE_URL: string };

export function loadIngestServiceConfig() {
  return loadEnvOrExit('ingest-service', ingestEnv);
}
