import { Logger } from '@nestjs/common';
import { RateLimited, ReauthRequired, SpotifyClient, type SpotifyArtist, type SpotifyTrack } from '@rewind/spotify';
import type { EnrichmentProgressDto } from './dto/enrichment-progress.dto';
import { budgetDay, EnrichmentBudget, nextBudgetDay } from './enrichment-budget';
import { ActiveAccount, EnrichmentKind, EnrichmentRepository, QueueItem } from './enrichment.repository';

export interface EnrichmentOptions {
  batchSize: number;
  /** how long a claimed item stays invisible to other workers (a crashed worker's items come back after it) */
  claimSeconds?: number;
  /** the worker's interval (ENRICHMENT_INTERVAL_MS), for the completion estimate */
  intervalMs?: number;
  /** the clock that decides the budget's day (tests move it) */
  now?: () => Date;
}

export interface EnrichmentPass {
  claimed: number;
  enriched: number;
  postponed: number;
  failed: number;
  notFound: number;
  /** today's budget was spent before this pass: nothing was asked of Spotify */
  budgetExhausted: boolean;
}

const NO_ACCOUNT_RETRY_MS = 3_600_000;
/** ids per stored unit: one batch call where allowed (a failure loses at most this much work) */
const CHUNK = 50;

/**
 * Fetches queued artists and tracks from Spotify and stores them, most-played first, within a
 * daily call budget (ENRICHMENT_DAILY_CALLS, one call per item: development-mode apps may not
 * use the batch endpoints); the next day's budget resumes it. Polling never spends this budget.
 * Batches of 50 where the app may (the client falls back to one id per call on 403). A failed
 * call only counts an attempt and backs off, it never records "no genres"; a rate-limited
 * account's items wait until its retry time while other accounts' items go on.
 */
export class EnrichmentService {
  private readonly logger = new Logger('IngestEnrichment');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<EnrichmentPass> | undefined;

  private readonly now: () => Date;

  constructor(
    private readonly repository: EnrichmentRepository,
    private readonly spotify: SpotifyClient,
    private readonly budget: EnrichmentBudget,
    private readonly options: EnrichmentOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  start(intervalMs: number): void {
    if (intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      if (!this.running)
        void this.runOnce().catch((e) =>
          this.logger.error({ msg: 'enrichment pass failed', error: e instanceof Error ? e.message : String(e) }),
        );
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One pass over the due items (also what the timer runs). */
  runOnce(): Promise<EnrichmentPass> {
    if (this.running) return this.running;
    this.running = this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(): Promise<EnrichmentPass> {
    const stats: EnrichmentPass = { claimed: 0, enriched: 0, postponed: 0, failed: 0, notFound: 0, budgetExhausted: false };
    const day = budgetDay(this.now());
    const granted = await this.budget.reserve(day, this.options.batchSize);
    if (granted === 0) {
      stats.budgetExhausted = true;
      return stats;
    }
    await this.repository.prioritize();
    const items = await this.repository.claim(granted, this.options.claimSeconds ?? 300);
    await this.budget.refund(day, granted - items.length);
    stats.claimed = items.length;
    if (!items.length) return stats;
    const accounts = await this.repository.activeAccounts();
    const usable = (a: ActiveAccount) => !this.blockedUntil(a);
    const active = new Map(accounts.map((a) => [a.id, a]));
    const fallback = accounts.find(usable);

    // group by (account whose token is used, kind)
    const groups = new Map<string, { account: ActiveAccount | undefined; kind: EnrichmentKind; items: QueueItem[] }>();
    for (const item of items) {
      const own = item.accountId ? active.get(item.accountId) : undefined;
      const account = own && usable(own) ? own : (fallback ?? own);
      const key = `${account?.id ?? '-'}|${item.kind}`;
      const g = groups.get(key) ?? { account, kind: item.kind, items: [] };
      g.items.push(item);
      groups.set(key, g);
    }
    for (const g of groups.values()) {
      for (let i = 0; i < g.items.length; i += CHUNK) await this.enrichGroup(day, g.account, g.kind, g.items.slice(i, i + CHUNK), stats);
    }
    if (stats.enriched || stats.failed) this.logger.log({ msg: 'enrichment pass', ...stats });
    return stats;
  }

  private blockedUntil(a: ActiveAccount): Date | undefined {
    const fromClient = this.spotify.rateLimitedUntil(a.id);
    const fromDb = a.blockedUntil && a.blockedUntil.getTime() > Date.now() ? a.blockedUntil : undefined;
    if (fromClient && fromDb) return fromClient > fromDb ? fromClient : fromDb;
    return fromClient ?? fromDb;
  }

  private async enrichGroup(
    day: string,
    account: ActiveAccount | undefined,
    kind: EnrichmentKind,
    items: QueueItem[],
    stats: EnrichmentPass,
  ): Promise<void> {
    const ids = items.map((i) => i.spotifyId);
    if (!account) {
      await this.repository.postpone(kind, ids, new Date(Date.now() + NO_ACCOUNT_RETRY_MS), 'no active account to fetch it with');
      await this.budget.refund(day, ids.length);
      stats.postponed += ids.length;
      return;
    }
    const blocked = this.blockedUntil(account);
    if (blocked) {
      await this.repository.postpone(kind, ids, blocked, `Spotify rate limit for account ${account.id} until ${blocked.toISOString()}`);
      await this.budget.refund(day, ids.length);
      stats.postponed += ids.length;
      return;
    }
    try {
      const found = kind === 'artist' ? await this.spotify.getArtists(account.id, ids) : await this.spotify.getTracks(account.id, ids);
      // An app allowed the batch endpoints spent one call per 50 ids, not one per id.
      if (this.spotify.batchSupport(kind === 'artist' ? 'artists' : 'tracks') === true)
        await this.budget.refund(day, ids.length - Math.ceil(ids.length / CHUNK));
      const okIds: string[] = [];
      const missing: string[] = [];
      const objects: Array<SpotifyArtist | SpotifyTrack> = [];
      found.forEach((obj, i) => {
        if (obj && obj.id) {
          okIds.push(ids[i]);
          objects.push(obj);
        } else missing.push(ids[i]);
      });
      if (kind === 'artist') await this.repository.storeArtists(objects as SpotifyArtist[], okIds);
      else await this.repository.storeTracks(objects as SpotifyTrack[], okIds, account.id);
      await this.repository.notFound(kind, missing);
      stats.enriched += okIds.length;
      stats.notFound += missing.length;
    } catch (error) {
      if (error instanceof RateLimited) {
        // The developer's daily quota is gone (Spotify counts it across listeners): nothing more today.
        if (error.quotaExceeded) await this.budget.exhaust(day);
        await this.repository.postpone(
          kind,
          ids,
          error.retryAt,
          `Spotify rate limit for account ${account.id} until ${error.retryAt.toISOString()}`,
        );
        stats.postponed += ids.length;
      } else if (error instanceof ReauthRequired) {
        // Another account's token can fetch catalog data: forget this one for these items.
        await this.repository.postpone(kind, ids, new Date(Date.now() + 60_000), `account ${account.id} must be reconnected`, null);
        stats.postponed += ids.length;
      } else {
        const message = error instanceof Error ? error.message : String(error);
        await this.repository.failed(kind, ids, message);
        stats.failed += ids.length;
        this.logger.warn({ msg: 'enrichment call failed; will retry with back-off', kind, count: ids.length, error: message });
      }
    }
  }

  /** X of Y tracks (and artists) enriched, today's budget, and when the queue should be empty. */
  async progress(): Promise<EnrichmentProgressDto> {
    const now = this.now();
    const day = budgetDay(now);
    const counts = await this.repository.counts();
    const of = (kind: EnrichmentKind) => {
      const c = counts.find((x) => x.kind === kind);
      return { enriched: c?.enriched ?? 0, total: c?.total ?? 0, queued: c?.queued ?? 0 };
    };
    const tracks = of('track');
    const artists = of('artist');
    const spentToday = Math.min(await this.budget.spent(day), this.budget.dailyCalls);
    const remainingToday = this.budget.dailyCalls - spentToday;
    const resetsAt = nextBudgetDay(day);
    return {
      summary: `${tracks.enriched.toLocaleString('en')} of ${tracks.total.toLocaleString('en')} tracks enriched`,
      tracks,
      artists,
      budget: { dailyCalls: this.budget.dailyCalls, spentToday, remainingToday, resetsAt: resetsAt.toISOString() },
      estimatedCompletionAt: this.estimate(now, tracks.queued + artists.queued, remainingToday, resetsAt)?.toISOString() ?? null,
    };
  }

  /** When `queued` items are fetched at the worker's pace, spending what is left today, then a day's budget per day. */
  private estimate(now: Date, queued: number, remainingToday: number, resetsAt: Date): Date | null {
    const daily = this.budget.dailyCalls;
    if (queued === 0 || daily === 0) return null;
    const pace = (items: number) => Math.ceil(items / this.options.batchSize) * (this.options.intervalMs ?? 10_000);
    if (queued <= remainingToday) return new Date(now.getTime() + pace(queued));
    const later = queued - remainingToday;
    const fullDays = Math.floor((later - 1) / daily);
    return new Date(resetsAt.getTime() + fullDays * 86_400_000 + pace(later - fullDays * daily));
  }
}
