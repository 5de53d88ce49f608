import { Logger } from '@nestjs/common';
import { RateLimited, ReauthRequired, SpotifyClient } from '@rewind/spotify';
import { RunsRepository } from '../runs/runs.repository';
import { LeasedRun, PollGap, PollingRepository, RunTrigger } from './polling.repository';

/** Spotify lists the last 50 plays, ever: a full page entirely newer than the cursor may hide lost plays. */
export const RECENTLY_PLAYED_LIMIT = 50;

export interface PollingOptions {
  /** lease owner name of this replica */
  owner: string;
  leaseSeconds: number;
  concurrency: number;
}

export interface TickResult {
  runs: { runId: string; accountId: string }[];
  /** resolves when every poll of the tick has finished (successfully or not) */
  done: Promise<void>;
}

/**
 * Polls recently-played for every active account (or one), one run per account per tick.
 * Accounts are leased through raw.poll_state, so replicas never poll one account twice in a
 * tick; one account's failure never stops the others.
 */
export class PollingService {
  private readonly logger = new Logger('IngestPolling');
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly repository: PollingRepository,
    private readonly runs: RunsRepository,
    private readonly spotify: SpotifyClient,
    private readonly options: PollingOptions,
  ) {}

  /**
   * Leases accounts and opens their runs (returned at once), then polls them in the
   * background (`done`). `tickAt`: the scheduled instant shared by every replica (accounts
   * already polled since then are left alone); null polls every account not being polled now.
   */
  async tick(trigger: RunTrigger, tickAt: Date | null, accountId?: string): Promise<TickResult> {
    const leased = await this.repository.lease({
      owner: this.options.owner,
      tickAt,
      leaseSeconds: this.options.leaseSeconds,
      trigger,
      accountId,
    });
    const done = this.track(this.pollAll(leased));
    return { runs: leased.map((r) => ({ runId: r.runId, accountId: r.accountId })), done };
  }

  /** Waits until every poll started by this instance has finished. */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  private track(p: Promise<void>): Promise<void> {
    const tracked = p.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
    return tracked;
  }

  private async pollAll(runs: LeasedRun[]): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < runs.length) await this.pollAccount(runs[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, runs.length) }, worker));
  }

  /** One account's poll; never throws (the outcome is in the ledger). */
  async pollAccount(run: LeasedRun): Promise<void> {
    const { runId, accountId } = run;
    const owner = this.options.owner;
    try {
      if (run.blockedUntil && run.blockedUntil.getTime() > Date.now()) {
        await this.repository.finish({
          runId,
          accountId,
          owner,
          status: 'skipped',
          error: `Spotify rate limit: this account may call again after ${run.blockedUntil.toISOString()}`,
          blockedUntil: run.blockedUntil,
        });
        return;
      }
      const cursor = await this.repository.newestEndedMs(accountId);
      const result = await this.spotify.recentlyPlayedSince(accountId, cursor, { limit: RECENTLY_PLAYED_LIMIT });
      const gap = detectGap(
        result.items.map((i) => Date.parse(i.played_at)),
        cursor,
      );
      const outcome = await this.repository.load({ runId, accountId, owner, items: result.items, gap });
      if (gap)
        this.logger.warn({
          msg: 'possible gap in listening history',
          accountId,
          runId,
          from: gap.from.toISOString(),
          to: gap.to.toISOString(),
        });
      this.logger.log({ msg: 'poll finished', accountId, runId, ...outcome });
    } catch (error) {
      await this.recordFailure(run, error);
    }
  }

  private async recordFailure(run: LeasedRun, error: unknown): Promise<void> {
    const { runId, accountId } = run;
    const owner = this.options.owner;
    let status: 'skipped' | 'failed' = 'failed';
    let message = error instanceof Error ? error.message : String(error);
    let blockedUntil: Date | null = null;
    if (error instanceof ReauthRequired) {
      status = 'skipped';
      message = `reauth_required: ${error.reason}`;
    } else if (error instanceof RateLimited) {
      status = 'skipped';
      blockedUntil = error.retryAt;
      message = `Spotify rate limit${error.quotaExceeded ? ' (quota exceeded)' : ''}: this account may call again after ${error.retryAt.toISOString()}`;
    }
    this.logger.warn({ msg: `poll ${status}`, accountId, runId, error: message });
    try {
      await this.repository.finish({ runId, accountId, owner, status, error: message, blockedUntil });
    } catch (dbError) {
      // The database itself is away: the run stays 'running' until the account's next lease closes it as interrupted.
      this.logger.error({
        msg: 'could not record the run outcome',
        accountId,
        runId,
        error: dbError instanceof Error ? dbError.message : String(dbError),
      });
    }
  }

  /** Manual poll of one account: 404 handled by the caller; a non-active or busy account gets a skipped run. */
  async requestAccount(accountId: string, status: string): Promise<{ runId: string; done: Promise<void> }> {
    if (status !== 'active') {
      const runId = await this.runs.recordSkipped(
        accountId,
        'manual',
        `the account is ${status}: reconnect it through GET /api/auth/login`,
      );
      return { runId, done: Promise.resolve() };
    }
    const tick = await this.tick('manual', null, accountId);
    if (tick.runs.length) return { runId: tick.runs[0].runId, done: tick.done };
    const runId = await this.runs.recordSkipped(accountId, 'manual', 'the account is being polled right now by another run');
    return { runId, done: Promise.resolve() };
  }
}

/**
 * A full page whose oldest play ended after the newest stored play: Spotify only keeps 50,
 * so listens between the two may be lost. No stored play (first poll) is no gap.
 */
export function detectGap(playedAtMs: number[], cursorMs: number | undefined): PollGap | null {
  if (cursorMs === undefined || playedAtMs.length < RECENTLY_PLAYED_LIMIT) return null;
  const oldest = Math.min(...playedAtMs);
  if (oldest <= cursorMs) return null;
  return { from: new Date(cursorMs), to: new Date(oldest) };
}
