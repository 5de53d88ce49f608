export const STATS_POOL = Symbol('STATS_POOL');
export const STATS_OPTIONS = Symbol('STATS_OPTIONS');

export interface StatsOptions {
  /** Responses kept in memory per marts version (0 disables the response cache). */
  cacheEntries: number;
  /** In-memory day indexes: built in the background (SQL answers meanwhile), awaited by requests, or off. */
  memoryIndex: 'background' | 'blocking' | 'off';
  /** Rollup rows held in memory over all accounts (~20 bytes each). */
  memoryIndexMaxRows: number;
}
