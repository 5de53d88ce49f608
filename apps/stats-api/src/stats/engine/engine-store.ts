import { Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import { Pool, PoolClient } from 'pg';
import { LookupCache } from '../lookup-cache';
import { STATS_OPTIONS, STATS_POOL, StatsOptions } from '../stats.tokens';
import { AccountState, stateBytes } from './account-state';
import { AccountStats } from './account-stats';
import { loadState, refreshState } from './state-loader';

interface Refreshing {
  /** Resolves once the state is current or a full load has begun. */
  checked: Promise<void>;
  /** Resolves once the state is current (or the refresh failed). */
  done: Promise<void>;
}

/** How a change of an account's state was made, for tests and logs. */
export interface StateChange {
  accountId: string;
  kind: 'full' | 'recent' | 'unchanged' | 'over-budget';
  version: string | null;
  ms: number;
}

/** An account whose plays alone exceed the budget: answered from a state read per request. */
export interface OverBudget {
  accountId: string;
  plays: number;
}

/**
 * The in-memory state of each account asked about, labelled with the marts version it was read at.
 * When a run finishes, the state is brought up to date while the previous one keeps answering:
 * plays changed only from the state's cutoff on are re-read and applied in milliseconds; anything
 * else loads the account in full in the background ('blocking' mode makes requests wait instead).
 *
 * Memory: the states held hold at most `memoryIndexMaxRows` plays in all (least recently used
 * accounts are dropped first and read again when asked about). An account with more plays than
 * that on its own is never held: each answer reads its plays into a state that is dropped after
 * the answer (one at a time, so memory peaks at the budget plus one such account), and
 * /health/ready reports it (degraded, which account, why).
 */
@Injectable()
export class StatsEngineStore {
  private readonly logger = new Logger(StatsEngineStore.name);
  /** Most recently used last. */
  private readonly entries = new Map<string, AccountStats>();
  private readonly refreshes = new Map<string, Refreshing>();
  private readonly overBudget = new Map<string, OverBudget>();
  /** Full loads run one at a time (each holds an account's rows while it builds). */
  private fullLoads: Promise<unknown> = Promise.resolve();
  readonly changes: StateChange[] = [];

  constructor(
    @Inject(STATS_POOL) private readonly pool: Pool,
    @Inject(STATS_OPTIONS) private readonly options: StatsOptions,
    lookups: LookupCache,
  ) {
    // A finished run (or a changed account) is heard here: held states catch up without waiting for a request.
    lookups.onChange(() => this.refreshAll());
  }

  /**
   * The account's stats at `version` (the last finished run). A state one run behind is brought up
   * to date first when only recent plays changed (milliseconds); when it must be loaded in full, the
   * previous state answers meanwhile ('blocking' mode waits).
   */
  async statsFor(accountId: string, version: string | null): Promise<{ stats: AccountStats; source: 'memory' | 'transient' }> {
    if (this.overBudget.has(accountId)) return this.transient(accountId);
    const entry = this.entries.get(accountId);
    if (entry && entry.state.version === version) {
      this.entries.delete(accountId);
      this.entries.set(accountId, entry);
      return { stats: entry, source: 'memory' };
    }
    const refresh = this.refresh(accountId);
    await (entry && this.options.memoryIndex === 'background' ? refresh.checked : refresh.done);
    if (this.overBudget.has(accountId)) return this.transient(accountId);
    const current = this.entries.get(accountId) ?? entry;
    if (!current) throw new ServiceUnavailableException(`The stats of account ${accountId} could not be loaded; try again shortly.`);
    return { stats: current, source: 'memory' };
  }

  /** A state read for one answer of an account over the budget (one at a time), never kept. */
  private async transient(accountId: string): Promise<{ stats: AccountStats; source: 'transient' }> {
    const load = this.fullLoads.then(() => this.withClient((client) => loadState(client, accountId, Infinity)));
    this.fullLoads = load.catch(() => undefined);
    const { state } = await load;
    if (state === null) throw new ServiceUnavailableException(`The stats of account ${accountId} could not be read; try again shortly.`);
    if (state.log.count <= this.options.memoryIndexMaxRows) {
      // Back under the budget (plays were removed, or the budget grew): hold it again.
      this.overBudget.delete(accountId);
      this.keep(state);
    } else this.overBudget.set(accountId, { accountId, plays: state.log.count });
    return { stats: new AccountStats(state, this.pool), source: 'transient' };
  }

  /** Brings every account held up to date (called when a transform run has finished). */
  refreshAll(): void {
    for (const accountId of this.entries.keys()) void this.refresh(accountId).done;
  }

  /** Resolves once every refresh begun so far has finished. */
  async settled(): Promise<void> {
    while (this.refreshes.size) await Promise.all([...this.refreshes.values()].map((r) => r.done));
  }

  /** Readiness detail `statsMemory`: up, and degraded while some account is over the memory budget. */
  readiness(): HealthIndicatorResult {
    const held = [...this.entries.values()].reduce((sum, stats) => sum + stats.state.log.count, 0);
    const detail = { status: 'up' as const, heldPlays: held, budgetPlays: this.options.memoryIndexMaxRows };
    if (this.overBudget.size === 0) return { statsMemory: detail };
    const accounts = [...this.overBudget.values()];
    const first = accounts[0];
    return {
      statsMemory: {
        ...detail,
        degraded: true,
        reason: `${accounts.length === 1 ? `Account ${first.accountId} has` : `${accounts.length} accounts have, e.g. ${first.accountId} with`} ${first.plays} plays, more than STATS_MEMORY_INDEX_MAX_ROWS (${this.options.memoryIndexMaxRows}): its stats are read from the database for every answer (correct, slower). Raise the budget if memory allows.`,
        accounts,
      },
    };
  }

  /** Brings the account's state up to what the marts hold now, one refresh at a time per account. */
  refresh(accountId: string): Refreshing {
    const running = this.refreshes.get(accountId);
    if (running) return running;
    let checked!: () => void;
    const refreshing: Refreshing = { checked: new Promise<void>((resolve) => (checked = resolve)), done: Promise.resolve() };
    refreshing.done = this.update(accountId, checked).finally(() => {
      checked();
      this.refreshes.delete(accountId);
    });
    this.refreshes.set(accountId, refreshing);
    return refreshing;
  }

  private async update(accountId: string, checked: () => void): Promise<void> {
    const started = Date.now();
    const previous = this.entries.get(accountId)?.state;
    try {
      if (previous) {
        const outcome = await this.withClient((client) => refreshState(client, previous));
        if (outcome.kind === 'unchanged') {
          this.keep({ ...previous, version: outcome.version, builtAt: outcome.builtAt });
          return this.record(accountId, 'unchanged', outcome.version, started);
        }
        if (outcome.kind === 'recent' && outcome.state.log.count <= this.options.memoryIndexMaxRows) {
          this.keep(outcome.state);
          return this.record(accountId, 'recent', outcome.state.version, started);
        }
      }
      checked();
      const load = this.fullLoads.then(() => this.withClient((client) => loadState(client, accountId, this.options.memoryIndexMaxRows)));
      this.fullLoads = load.catch(() => undefined);
      const { state, plays } = await load;
      if (state === null) {
        this.entries.delete(accountId);
        this.overBudget.set(accountId, { accountId, plays });
        this.logger.warn(
          `account ${accountId}: ${plays} plays, more than STATS_MEMORY_INDEX_MAX_ROWS (${this.options.memoryIndexMaxRows}); read per answer`,
        );
        return this.record(accountId, 'over-budget', null, started);
      }
      this.keep(state);
      this.record(accountId, 'full', state.version, started);
      this.logger.log(
        `account ${accountId}: ${state.log.count} plays loaded in ${Date.now() - started} ms (~${Math.round(stateBytes(state) / 1e6)} MB, marts ${state.version ?? 'unversioned'})`,
      );
    } catch (error) {
      // The previous state keeps answering; the next request or run tries again.
      this.logger.warn(`account ${accountId}: stats state not refreshed (${(error as Error).message})`);
    }
  }

  /** Holds the state (most recently used), dropping the least recently used others past the budget. */
  private keep(state: AccountState): void {
    this.entries.delete(state.accountId);
    this.entries.set(state.accountId, new AccountStats(state, this.pool));
    let held = 0;
    for (const stats of this.entries.values()) held += stats.state.log.count;
    for (const [accountId, stats] of this.entries) {
      if (held <= this.options.memoryIndexMaxRows || accountId === state.accountId) break;
      this.entries.delete(accountId);
      held -= stats.state.log.count;
    }
  }

  private record(accountId: string, kind: StateChange['kind'], version: string | null, started: number): void {
    this.changes.push({ accountId, kind, version, ms: Date.now() - started });
    if (this.changes.length > 100) this.changes.shift();
  }

  private async withClient<T>(read: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      return await read(client);
    } finally {
      client.release();
    }
  }
}
