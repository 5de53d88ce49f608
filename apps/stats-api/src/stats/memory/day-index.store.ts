import { Inject, Injectable, Logger } from '@nestjs/common';
import { Pool } from 'pg';
import { AccountContext, StatsRepository } from '../stats.repository';
import { STATS_OPTIONS, STATS_POOL, StatsOptions } from '../stats.tokens';
import { loadDayIndex } from './day-index.loader';
import { IndexedStats } from './indexed-stats';

/**
 * Day indexes of the accounts being asked about, each labelled with the marts version it was read at
 * and used only while that version is current. A missing or outdated index is (re)built in the
 * background, one build at a time, while the SQL path answers ('blocking' mode waits for it instead).
 * Indexes past the row budget are dropped least recently used first.
 */
@Injectable()
export class DayIndexStore {
  private readonly logger = new Logger(DayIndexStore.name);
  /** Most recently used last. */
  private readonly indexes = new Map<string, IndexedStats>();
  private readonly builds = new Map<string, Promise<void>>();
  /** Versions not to build again for an account: too large for the budget, or the build failed. */
  private readonly skip = new Map<string, string | null>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(STATS_POOL) private readonly pool: Pool,
    @Inject(STATS_OPTIONS) private readonly options: StatsOptions,
    private readonly repo: StatsRepository,
  ) {}

  /**
   * The account's queries answered from memory, or null when its index is not usable (yet): the index
   * must match the marts version and zone the request is answered in.
   */
  async source(account: AccountContext, version: string | null): Promise<IndexedStats | null> {
    if (this.options.memoryIndex === 'off') return null;
    const usable = () => {
      const stats = this.indexes.get(account.id);
      return stats && stats.ix.version === version && stats.ix.zone === account.martsTimeZone ? stats : null;
    };
    const stats = usable();
    if (stats) {
      this.indexes.delete(account.id);
      this.indexes.set(account.id, stats);
      return stats;
    }
    if (this.skip.has(account.id) && this.skip.get(account.id) === version) return null;
    const build = this.build(account.id);
    if (this.options.memoryIndex !== 'blocking') return null;
    await build;
    return usable();
  }

  private build(accountId: string): Promise<void> {
    const running = this.builds.get(accountId);
    if (running) return running;
    const build = (this.queue = this.queue.then(() => this.load(accountId))).finally(() => this.builds.delete(accountId)) as Promise<void>;
    this.builds.set(accountId, build);
    return build;
  }

  private async load(accountId: string): Promise<void> {
    const started = Date.now();
    let version: string | null = null;
    try {
      const client = await this.pool.connect();
      try {
        const outcome = await loadDayIndex(client, accountId, this.options.memoryIndexMaxRows);
        version = outcome.version;
        if (!outcome.index || outcome.rows > this.options.memoryIndexMaxRows) {
          this.skip.set(accountId, version);
          this.indexes.delete(accountId);
          this.logger.warn(
            `account ${accountId}: ${outcome.rows} rows (plays and daily rollup rows) exceed STATS_MEMORY_INDEX_MAX_ROWS (${this.options.memoryIndexMaxRows}); answering from SQL`,
          );
          return;
        }
        this.indexes.delete(accountId);
        this.indexes.set(accountId, new IndexedStats(outcome.index, this.pool, this.repo));
        this.skip.delete(accountId);
        this.evict();
        this.logger.log(
          `account ${accountId}: memory index of ${outcome.rows} rows built in ${Date.now() - started} ms (marts ${version ?? 'unversioned'})`,
        );
      } finally {
        client.release();
      }
    } catch (error) {
      // The SQL path keeps answering; try again only once the marts change.
      this.skip.set(accountId, version);
      this.logger.warn(`account ${accountId}: memory index not built (${(error as Error).message}); answering from SQL`);
    }
  }

  private evict(): void {
    let total = 0;
    for (const { ix } of this.indexes.values()) total += ix.rows;
    for (const [id, { ix }] of this.indexes) {
      if (total <= this.options.memoryIndexMaxRows || this.indexes.size === 1) break;
      this.indexes.delete(id);
      total -= ix.rows;
    }
  }
}
