export const STATS_POOL = Symbol('STATS_POOL');
export const STATS_OPTIONS = Symbol('STATS_OPTIONS');

export interface StatsOptions {
  /** Responses kept in memory per marts version (0 disables the response cache). */
  cacheEntries: number;
  /** After a run that needs a full reload of an account: answer from its previous state meanwhile (`background`) or wait (`blocking`). */
  memoryIndex: 'background' | 'blocking';
  /** Plays held in memory over all accounts (see StatsEngineStore for what happens past it). */
  memoryIndexMaxRows: number;
}
