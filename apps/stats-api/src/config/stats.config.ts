import { commonEnv, loadEnvOrExit, port, z } from '@rewind/config';

export const statsEnv = {
  ...commonEnv,
  PORT: port(3004),
  /** Connections of stats-api's pool. */
  STATS_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Answers kept in memory, keyed by their ETag (which includes the marts version); 0 disables. */
  STATS_CACHE_ENTRIES: z.coerce.number().int().min(0).max(1_000_000).default(2000),
  /** Per-account in-memory copies of the daily rollups: `background` (built after a marts change while SQL answers), `blocking` (requests wait for the build) or `off`. */
  STATS_MEMORY_INDEX: z.enum(['background', 'blocking', 'off']).default('background'),
  /** Rollup rows kept in memory over all accounts (~20 bytes each; a 1,000,000-play history needs up to ~3,000,000). */
  STATS_MEMORY_INDEX_MAX_ROWS: z.coerce.number().int().min(0).default(10_000_000),
};

type Optional = 'STATS_DB_POOL_SIZE' | 'STATS_CACHE_ENTRIES' | 'STATS_MEMORY_INDEX' | 'STATS_MEMORY_INDEX_MAX_ROWS';
export type StatsApiConfig = Omit<ReturnType<typeof loadStatsApiConfig>, Optional> &
  Partial<Pick<ReturnType<typeof loadStatsApiConfig>, Optional>>;

export function loadStatsApiConfig() {
  return loadEnvOrExit('stats-api', statsEnv);
}
