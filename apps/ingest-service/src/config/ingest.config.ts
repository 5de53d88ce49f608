import { commonEnv, DATA_DIR, loadEnvOrExit, port, serviceUrlEnv, spotifyEnv, z } from '@rewind/config';
import { NOTIFY_EVENT_TYPES } from '@rewind/db';
import { validateCronExpression } from 'cron';
import path from 'node:path';

const bytes = (fallback: number) => z.coerce.number().int().min(1).default(fallback);
const MiB = 1024 * 1024;

/** Privacy-export imports (apps/ingest-service/src/imports). */
export const importEnv = {
  /** Where uploads wait until their job has finished: under REWIND_DATA_DIR by default. */
  IMPORT_DIR: z.string().min(1).default(path.join(DATA_DIR, 'imports')),
  /** Largest upload, all files together. Over it: 413. */
  IMPORT_MAX_BYTES: bytes(1024 * MiB),
  IMPORT_ZIP_MAX_ENTRIES: z.coerce.number().int().min(1).default(10_000),
  IMPORT_ZIP_MAX_ENTRY_BYTES: bytes(512 * MiB),
  IMPORT_ZIP_MAX_TOTAL_BYTES: bytes(16384 * MiB),
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
  /**
   * Spotify calls enrichment may make per UTC day (one per track or artist: development-mode apps
   * may not use the batch endpoints). Spotify counts a development-mode app's calls per developer
   * across all its listeners; polling (about 48 calls a day per listener) is not taken from this
   * budget, so keep it below your app's daily quota minus polling's share. 0 stops enrichment.
   */
  ENRICHMENT_DAILY_CALLS: z.coerce.number().int().min(0).max(10_000_000).default(1000),
  SPOTIFY_API_URL: spotifyEnv.SPOTIFY_API_URL,
  AUTH_SERVICE_URL: serviceUrlEnv.AUTH_SERVICE_URL,
};

const NOTIFY_EVENT_NAMES = NOTIFY_EVENT_TYPES;

/** Webhook notifications (apps/ingest-service/src/notify, README there). Off while NOTIFY_WEBHOOK_URL is unset. */
export const notifyEnv = {
  /** Slack-compatible incoming webhook (or any URL taking a JSON POST); unset: notifications off. */
  NOTIFY_WEBHOOK_URL: z
    .url()
    .refine((v) => /^https?:\/\//i.test(v), 'must be an http:// or https:// URL')
    .optional(),
  /** slack: `{ text, blocks }`; json: the plain event object. */
  NOTIFY_FORMAT: z.enum(['slack', 'json']).default('slack'),
  /** Comma list of events to send (default: all): ingest_failed, import_failed, transform_failed, data_test_failed, reauth_required, gap_detected, weekly_summary, refresh_token_expiring. */
  NOTIFY_EVENTS: z
    .string()
    .default('all')
    .transform((v, ctx) => {
      const names = v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      if (names.length === 0 || names.includes('all')) return [...NOTIFY_EVENT_NAMES] as string[];
      const unknown = names.filter((n) => !(NOTIFY_EVENT_NAMES as readonly string[]).includes(n));
      if (unknown.length)
        ctx.addIssue({
          code: 'custom',
          message: `unknown event ${unknown.map((u) => `"${u}"`).join(', ')}; known: all, ${NOTIFY_EVENT_NAMES.join(', ')}`,
        });
      return names;
    }),
  /** When the weekly summary is sent, read in each account's time zone (UTC when it has none); "off" disables it. */
  NOTIFY_WEEKLY_CRON: cronOrOff('0 9 * * 1'),
  /** Rate limit of the channel: alerts and recoveries per rolling hour; beyond it they are kept as suppressed and summarized later. */
  NOTIFY_MAX_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(20),
  /** One webhook request's timeout. */
  NOTIFY_TIMEOUT_MS: z.coerce.number().int().min(50).max(120_000).default(5000),
  /** Attempts before a message is kept as undeliverable (status failed). */
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  /** First retry delay; doubles per attempt, capped at one hour. */
  NOTIFY_RETRY_BASE_MS: z.coerce.number().int().min(1).default(30_000),
  /** How often the notifier derives incidents, checks the weekly schedule and delivers; 0 disables the loop. */
  NOTIFY_INTERVAL_MS: z.coerce.number().int().min(0).default(5000),
  STATS_SERVICE_URL: serviceUrlEnv.STATS_SERVICE_URL,
  /** The reconnect link of refresh-token reminders is this URI's origin + /api/auth/login (the gateway's). */
  SPOTIFY_REDIRECT_URI: spotifyEnv.SPOTIFY_REDIRECT_URI,
};

export const ingestEnv = {
  ...commonEnv,
  PORT: port(3002),
  ...importEnv,
  ...pollingEnv,
  ...notifyEnv,
};

export type IngestServiceConfig = ReturnType<typeof loadIngestServiceConfig>;
export type PollingConfig = { [K in keyof typeof pollingEnv]: z.infer<(typeof pollingEnv)[K]> } & {
  DATABASE_URL: string;
  INTERNAL_TOKEN: string;
};
export type NotifyConfig = Pick<IngestServiceConfig, keyof typeof notifyEnv | 'DATABASE_URL'> & { INTERNAL_TOKEN?: string };
export type ImportConfig = { [K in keyof typeof importEnv]: z.infer<(typeof importEnv)[K]> } & { DATABASE_URL: string };

export function loadIngestServiceConfig() {
  return loadEnvOrExit('ingest-service', ingestEnv);
}
