import { commonEnv, loadEnvOrExit, port, z } from '@rewind/config';

export const statsEnv = {
  ...commonEnv,
  PORT: port(3004),
  /** Connections of stats-api's pool. */
  STATS_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Answers kept in memory, keyed by their ETag (which includes the marts version); 0 disables. */
  STATS_CACHE_ENTRIES: z.coerce.number().int().min(0).max(1_000_000).default(2000),
};

export type StatsApiConfig = Omit<ReturnType<typeof loadStatsApiConfig>, 'STATS_DB_POOL_SIZE' | 'STATS_CACHE_ENTRIES'> & {
  STATS_DB_POOL_SIZE?: number;
  STATS_CACHE_ENTRIES?: number;
};

export function loadStatsApiConfig() {
  return loadEnvOrExit('stats-api', statsEnv);
}
