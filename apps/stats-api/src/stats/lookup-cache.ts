import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { STATS_CONTEXT_CHANNEL } from '@rewind/db';
import { PgListener } from '@rewind/service-kit';
import { Pool } from 'pg';
import { LookupResult, StatsRepository } from './stats.repository';
import { STATS_POOL } from './stats.tokens';

/** More remembered lookups than this (accounts, plus "no accountId") and all are dropped: a bound, not an LRU. */
const MAX_ENTRIES = 1024;

/**
 * Every request needs its account's context and the marts version (StatsRepository.lookup). Asking
 * the database each time left stats-api waiting on PostgreSQL under load instead of answering, so
 * the answers are remembered while a LISTEN connection on STATS_CONTEXT_CHANNEL is up: the triggers
 * of migration StatsContextNotify1764900000000 NOTIFY it at the commit of a finished transform run
 * or a changed account, and everything remembered is dropped then. A new load is therefore seen as
 * soon as stats-api hears of its commit (PostgreSQL signals listeners before the committing client
 * is answered). Without the LISTEN connection (lost, or refused by a pooler) nothing is remembered
 * and every request asks the database, as before; the connection is retried with backoff.
 */
@Injectable()
export class LookupCache implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly entries = new Map<string, LookupResult>();
  /** Bumped whenever remembered answers may be outdated: a lookup begun before a bump is not kept. */
  private generation = 0;
  private readonly listener: PgListener;
  private readonly listeners: Array<() => void> = [];

  constructor(
    @Inject(STATS_POOL) pool: Pool,
    private readonly repo: StatsRepository,
  ) {
    this.listener = new PgListener(pool, {
      applicationName: 'stats-api-listen',
      context: LookupCache.name,
      channels: { [STATS_CONTEXT_CHANNEL]: () => this.invalidate() },
      // Changes made while nobody listened were not heard: start from nothing.
      onListening: () => this.invalidate(),
      onLost: () => this.invalidate(),
      whileDown: 'every request reads its account from the database',
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listener.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener.stop();
    this.invalidate();
  }

  async lookup(accountId: string | null): Promise<LookupResult> {
    const key = accountId ?? '';
    const remembered = this.entries.get(key);
    if (remembered) return remembered;
    const generation = this.generation;
    const result = await this.repo.lookup(accountId);
    // An unknown accountId is not kept: ids made up by callers would fill the map.
    const keep = this.listening && generation === this.generation && (accountId === null || result.accounts.length > 0);
    if (keep) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      // Shared by every request from now on: frozen, so no caller can change it for the others.
      for (const account of result.accounts) Object.freeze(account);
      Object.freeze(result.accounts);
      this.entries.set(key, Object.freeze(result));
    }
    return result;
  }

  /**
   * Resolves once every change committed before the call has been heard: PostgreSQL delivers a
   * listener's pending notifications before the answer to its next query.
   */
  async sync(): Promise<void> {
    await this.listener.sync();
  }

  /** True while answers are being remembered. */
  get listening(): boolean {
    return this.listener.isListening;
  }

  /** Calls `listener` whenever remembered lookups are dropped: a run finished or an account changed. */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  private invalidate(): void {
    this.generation++;
    this.entries.clear();
    for (const listener of this.listeners) listener();
  }
}
