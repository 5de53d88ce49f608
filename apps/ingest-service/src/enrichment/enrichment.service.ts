import { Logger } from '@nestjs/common';
import { RateLimited, ReauthRequired, SpotifyClient, type SpotifyArtist, type SpotifyTrack } from '@rewind/spotify';
import { ActiveAccount, EnrichmentKind, EnrichmentRepository, QueueItem } from './enrichment.repository';

export interface EnrichmentOptions {
  batchSize: number;
  /** how long a claimed item stays invisible to other workers (a crashed worker's items come back after it) */
  claimSeconds?: number;
}

export interface EnrichmentPass {
  claimed: number;
  enriched: number;
  postponed: number;
  failed: number;
  notFound: number;
}

const NO_ACCOUNT_RETRY_MS = 3_600_000;
/** ids per stored unit: one batch call where allowed (a failure loses at most this much work) */
const CHUNK = 50;

/**
 * Fetches queued artists and tracks from Spotify and stores them. Batches of 50 where the app
 * may (the client falls back to one id per call on 403). A failed call only counts an attempt
 * and backs off, it never records "no genres"; a rate-limited account's items wait until its
 * retry time while other accounts' items go on.
 */
export class EnrichmentService {
  private readonly logger = new Logger('IngestEnrichment');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<EnrichmentPass> | undefined;

  constructor(
    private readonly repository: EnrichmentRepository,
    private readonly spotify: SpotifyClient,
    private readonly options: EnrichmentOptions,
  ) {}

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
    const stats: EnrichmentPass = { claimed: 0, enriched: 0, postponed: 0, failed: 0, notFound: 0 };
    const items = await this.repository.claim(this.options.batchSize, this.options.claimSeconds ?? 300);
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
      for (let i = 0; i < g.items.length; i += CHUNK) await this.enrichGroup(g.account, g.kind, g.items.slice(i, i + CHUNK), stats);
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
    account: ActiveAccount | undefined,
    kind: EnrichmentKind,
    items: QueueItem[],
    stats: EnrichmentPass,
  ): Promise<void> {
    const ids = items.map((i) => i.spotifyId);
    if (!account) {
      await this.repository.postpone(kind, ids, new Date(Date.now() + NO_ACCOUNT_RETRY_MS), 'no active account to fetch it with');
      stats.postponed += ids.length;
      return;
    }
    const blocked = this.blockedUntil(account);
    if (blocked) {
      await this.repository.postpone(kind, ids, blocked, `Spotify rate limit for account ${account.id} until ${blocked.toISOString()}`);
      stats.postponed += ids.length;
      return;
    }
    try {
      const found = kind === 'artist' ? await this.spotify.getArtists(account.id, ids) : await this.spotify.getTracks(account.id, ids);
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
}
