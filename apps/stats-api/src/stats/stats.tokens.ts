export const STATS_POOL = Symbol('STATS_POOL');
export const STATS_OPTIONS = Symbol('STATS_OPTIONS');

export interface StatsOptions {
  /** Responses kept in memory per marts version (0 disables the response cache). */
  cacheEntries: number;
}
