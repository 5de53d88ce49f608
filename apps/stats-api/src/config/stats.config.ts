import { commonEnv, loadEnvOrExit, port, z } from '@rewind/config';

export const statsEnv = {
  ...commonEnv,
  PORT: port(3004),
  /** Connections of stats-api's pool. */
  STATS_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Answers kept in memory, keyed by their ETag (which includes the marts version); 0 disables. */
  STATS_CACHE_ENTRIES: z.coerce.number().int().min(0).max(1_000_000).default(2000),
  /** When a run needs an account's plays read in full: `background` (its previous state answers meanwhile) or `blocking` (requests wait). */
  STATS_MEMORY_INDEX: z.enum(['background', 'blocking']).default('background'),
  /** Plays held in memory over all accounts (~210 bytes each with their sums; least recently used accounts are dropped past it; an account with more plays than this on its own is read per answer). */
  STATS_MEMORY_INDEX_MAX_ROWS: z.coerce.number().int().min(0).default(10_000_000),
};

type Optional = 'STATS_DB_POOL_SIZE' | 'STATS_CACHE_ENTRIES' | 'STATS_MEMORY_INDEX' | 'STATS_MEMORY_INDEX_MAX_ROWS';
export type StatsApiConfig = Omit<ReturnType<typeof loadStatsApiConfig>, Optional> &
  Partial<Pick<ReturnType<typeof loadStatsApiConfig>, Optional>>;

export function loadStatsApiConfig() {
  return loadEnvOrExit('stats-api', statsEnv);
}
