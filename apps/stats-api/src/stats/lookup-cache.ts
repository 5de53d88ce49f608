import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { STATS_CONTEXT_CHANNEL } from '@rewind/db';
import { Client, Pool } from 'pg';
import { LookupResult, StatsRepository } from './stats.repository';
import { STATS_POOL } from './stats.tokens';

/** More remembered lookups than this (accounts, plus "no accountId") and all are dropped: a bound, not an LRU. */
const MAX_ENTRIES = 1024;
const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 30_000;

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
  private readonly logger = new Logger(LookupCache.name);
  private readonly entries = new Map<string, LookupResult>();
  /** Bumped whenever remembered answers may be outdated: a lookup begun before a bump is not kept. */
  private generation = 0;
  private listener: Client | null = null;
  private retryMs = RETRY_MIN_MS;
  private retryTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly listeners: Array<() => void> = [];

  constructor(
    @Inject(STATS_POOL) private readonly pool: Pool,
    private readonly repo: StatsRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const listener = this.listener;
    this.forget();
    await listener?.end().catch(() => undefined);
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
    await this.listener?.query('select 1').catch(() => undefined);
  }

  /** True while answers are being remembered. */
  get listening(): boolean {
    return this.listener !== null;
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

  private forget(): void {
    this.listener = null;
    this.invalidate();
  }

  private async listen(): Promise<void> {
    this.retryTimer = null;
    const client = new Client({
      connectionString: this.pool.options.connectionString,
      application_name: 'stats-api-listen',
      connectionTimeoutMillis: 5_000,
    });
    const lost = (reason: string) => {
      if (this.listener !== client) return;
      this.forget();
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      this.logger.warn(`LISTEN connection lost (${reason}); every request reads its account from the database until it is back`);
      this.retry();
    };
    client.on('error', (e) => lost(e.message));
    client.on('end', () => lost('closed by the server'));
    client.on('notification', () => this.invalidate());
    try {
      await client.connect();
      await client.query(`LISTEN ${STATS_CONTEXT_CHANNEL}`);
    } catch (e) {
      await client.end().catch(() => undefined);
      if (this.stopped) return;
      this.logger.warn(
        `cannot LISTEN on ${STATS_CONTEXT_CHANNEL} (${e instanceof Error ? e.message : String(e)}); retrying in ${this.retryMs / 1000} s, reading accounts from the database meanwhile`,
      );
      this.retry();
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    // Changes made while nobody listened were not heard: start from nothing.
    this.invalidate();
    this.listener = client;
    if (this.retryMs > RETRY_MIN_MS) this.logger.log(`LISTEN on ${STATS_CONTEXT_CHANNEL} re-established`);
    this.retryMs = RETRY_MIN_MS;
  }

  private retry(): void {
    this.retryTimer = setTimeout(() => void this.listen(), this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }
}
