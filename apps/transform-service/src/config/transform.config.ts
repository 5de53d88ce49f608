import { commonEnv, loadEnvOrExit, port, z } from '@rewind/config';

const cronOrOff = (fallback: string) =>
  z
    .string()
    .refine((v) => v === 'off' || v.trim().split(/\s+/).length >= 5, 'must be a cron expression (5 or 6 fields) or "off"')
    .default(fallback);

export const transformEnv = {
  ...commonEnv,
  PORT: port(3003),
  /** How often raw.transform_requests is polled (LISTEN/NOTIFY wakes it sooner); 0 disables. */
  TRANSFORM_POLL_INTERVAL_MS: z.coerce.number().int().min(0).default(5000),
  /** Backstop incremental run even when no request arrived. */
  TRANSFORM_CRON: cronOrOff('*/15 * * * *'),
  /** Nightly full refresh: heals what incremental runs cannot see (purged accounts, re-keyed artists). */
  TRANSFORM_FULL_REFRESH_CRON: cronOrOff('30 4 * * *'),
};

export type TransformServiceConfig = ReturnType<typeof loadTransformServiceConfig>;

export function loadTransformServiceConfig() {
  return loadEnvOrExit('transform-service', transformEnv);
}
