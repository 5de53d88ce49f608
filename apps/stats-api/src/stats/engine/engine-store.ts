import { Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { Pool } from 'pg';
import { LookupCache } from '../lookup-cache';
import { STATS_OPTIONS, STATS_POOL, StatsOptions } from '../stats.tokens';
import { AccountState, stateBytes } from './account-state';
import { AccountStats } from './account-stats';
import { loadState, refreshState } from './state-loader';

interface Refreshing {
  checked: Promise<void>;
  done: Promise<void>;
}

interface Entry {
  stats: AccountStats;
  bytes: number;
}

/** How the last change of an account's state was made, for tests and logs. */
export interface StateChange {
  accountId: string;
  kind: 'full' | 'recent' | 'unchanged';
  version: string | null;
  ms: number;
}

/**
 * The in-memory state of each account asked about, labelled with the marts version it was read at.
 * When a run finishes, the state is brought up to date in the background while the previous one
 * keeps answering ('blocking' mode makes requests wait instead): plays changed only from the state's
 * cutoff on are re-read and applied in milliseconds; anything else loads the account in full.
 */
@Injectable()
export class StatsEngineStore {
  private readonly logger = new Logger(StatsEngineStore.name);
  /** Most recently used last. */
  private readonly entries = new Map<string, Entry>();
  private readonly refreshes = new Map<string, Refreshing>();
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
   * The account's stats at `version` (the last finished run). A state one run behind is brought up to
   * date first when only recent plays changed (milliseconds); when it must be loaded in full, the
   * previous state answers meanwhile ('blocking' mode waits).
   */
  async statsFor(accountId: string, version: string | null): Promise<AccountStats> {
    const entry = this.entries.get(accountId);
    if (entry && entry.stats.state.version === version) {
      this.entries.delete(accountId);
      this.entries.set(accountId, entry);
      return entry.stats;
    }
    const refresh = this.refresh(accountId);
    await (entry && this.options.memoryIndex === 'background' ? refresh.checked : refresh.done);
    const current = this.entries.get(accountId) ?? entry;
    if (!current) throw new ServiceUnavailableException(`The stats of account ${accountId} could not be loaded; try again shortly.`);
    return current.stats;
  }

  /** Brings every account held up to date (called when a transform run has finished). */
  refreshAll(): void {
    for (const accountId of this.entries.keys()) void this.refresh(accountId).done;
  }

  /** Resolves once every refresh begun so far has finished. */
  async settled(): Promise<void> {
    while (this.refreshes.size) await Promise.all([...this.refreshes.values()].map((r) => r.done));
  }

  /**
   * Brings the account's state up to what the marts hold now, one refresh at a time per account:
   * `checked` resolves once the state is current or a full load has begun, `done` once it is current.
   */
  refresh(accountId: string): Refreshing {
    const running = this.refreshes.get(accountId);
    if (running) return running;
    let checked!: () => void;
    const refreshing: Refreshing = {
      checked: new Promise<void>((resolve) => (checked = resolve)),
      done: Promise.resolve(),
    };
    refreshing.done = this.update(accountId, checked).finally(() => {
      checked();
      this.refreshes.delete(accountId);
    });
    this.refreshes.set(accountId, refreshing);
    return refreshing;
  }

  private async update(accountId: string, checked: () => void): Promise<void> {
    const started = Date.now();
    const previous = this.entries.get(accountId)?.stats.state;
    try {
      if (previous) {
        const outcome = await this.withClient((client) => refreshState(client, previous));
        if (outcome.kind === 'unchanged') {
          this.keep({ ...previous, version: outcome.version, builtAt: outcome.builtAt });
          this.record(accountId, 'unchanged', outcome.version, started);
          return;
        }
        if (outcome.kind === 'recent') {
          this.keep(outcome.state);
          this.record(accountId, 'recent', outcome.state.version, started);
          return;
        }
      }
      checked();
      const load = this.fullLoads.then(() => this.withClient((client) => loadState(client, accountId)));
      this.fullLoads = load.catch(() => undefined);
      const state = await load;
      this.keep(state);
      this.record(accountId, 'full', state.version, started);
      this.logger.log(
        `account ${accountId}: ${state.log.count} plays loaded in ${Date.now() - started} ms (${Math.round(stateBytes(state) / 1e6)} MB, marts ${state.version ?? 'unversioned'})`,
      );
    } catch (error) {
      // The previous state keeps answering; the next request or run tries again.
      this.logger.warn(`account ${accountId}: stats state not refreshed (${(error as Error).message})`);
    }
  }

  private keep(state: AccountState): void {
    this.entries.delete(state.accountId);
    this.entries.set(state.accountId, { stats: new AccountStats(state, this.pool), bytes: stateBytes(state) });
  }

  private record(accountId: string, kind: StateChange['kind'], version: string | null, started: number): void {
    this.changes.push({ accountId, kind, version, ms: Date.now() - started });
    if (this.changes.length > 100) this.changes.shift();
  }

  private async withClient<T>(read: (client: import('pg').PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      return await read(client);
    } finally {
      client.release();
    }
  }
}
