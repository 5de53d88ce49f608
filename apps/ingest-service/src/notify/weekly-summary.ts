import { Logger } from '@nestjs/common';
import { CronTime } from 'cron';
import { DateTime } from 'luxon';
import { INTERNAL_TOKEN_HEADER } from '@rewind/service-kit';
import type { NotificationPayload } from './notify.events';
import type { WeeklySummaryDetails } from './notify.formatters';
import { NotifyRepository } from './notify.repository';

export interface WeeklySettings {
  /** NOTIFY_WEEKLY_CRON, or 'off' */
  cron: string;
  statsUrl: string;
  /** INTERNAL_TOKEN: stats-api answers only the gateway and its peers. */
  internalToken?: string;
  timeoutMs: number;
  enabled: boolean;
}

/** The week a summary reports: the seven local days before the day it is sent, and the seven before those. */
export interface WeekRange {
  tz: string;
  from: string;
  to: string;
  previousFrom: string;
}

/** The last instant ≤ `now` the cron fires in `tz` within `lookbackMs`, or null. */
export function lastFireAt(cron: string, tz: string, now: Date, lookbackMs = 24 * 3_600_000): Date | null {
  const time = new CronTime(cron, tz);
  let cursor: DateTime = DateTime.fromJSDate(new Date(now.getTime() - lookbackMs));
  let last: Date | null = null;
  for (let i = 0; i < 10_000; i++) {
    const next = time.getNextDateFrom(cursor, tz);
    if (next.toMillis() > now.getTime()) break;
    last = next.toJSDate();
    cursor = next;
  }
  return last;
}

/** The reported week for a summary sent at `at` in `tz`: [day − 7, day) in local dates. */
export function weekEndingAt(at: Date, tz: string): WeekRange {
  const day = DateTime.fromJSDate(at, { zone: tz }).startOf('day');
  return { tz, to: day.toISODate()!, from: day.minus({ days: 7 }).toISODate()!, previousFrom: day.minus({ days: 14 }).toISODate()! };
}

export class StatsUnavailable extends Error {}

/**
 * Weekly listening summary per account, every number taken from the stats API
 * (STATS_SERVICE_URL, the same routes the dashboard reads) for the account's week in its
 * time zone. One per account and week: the outbox dedupe key is `weekly:<account>:<from>`.
 */
export class WeeklySummaries {
  private readonly logger = new Logger('NotifyWeekly');

  constructor(
    private readonly repository: NotifyRepository,
    private readonly settings: WeeklySettings,
  ) {}

  /** Enqueues the summaries whose scheduled time has come (within the last day) and that were not sent yet. */
  async enqueueDue(now: Date = new Date()): Promise<number> {
    if (!this.settings.enabled || this.settings.cron === 'off') return 0;
    let added = 0;
    for (const account of await this.repository.accounts()) {
      if (account.status === 'disabled') continue;
      const tz = account.timeZone || 'UTC';
      const fired = lastFireAt(this.settings.cron, tz, now);
      if (!fired) continue;
      const week = weekEndingAt(fired, tz);
      if (await this.repository.dedupeKeyExists(dedupeKey(account.id, week))) continue;
      try {
        if (await this.enqueue(account.id, account.name, week)) added++;
      } catch (error) {
        this.logger.warn({
          msg: 'weekly summary postponed: the stats API did not answer',
          accountId: account.id,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
    return added;
  }

  /** Builds one account's summary for `week` from the stats API and enqueues it; false when it was already there. */
  async enqueue(accountId: string, accountName: string, week: WeekRange): Promise<boolean> {
    const details = await this.compose(accountId, accountName, week);
    const payload: NotificationPayload = {
      source: 'rewind',
      kind: 'weekly_summary',
      type: 'weekly_summary',
      accountId,
      title: `Your week in music — ${accountName}`,
      message: `${details.summary.minutes} minutes, ${details.summary.plays} plays from ${week.from} to ${week.to} (${week.tz})`,
      where: `GET /api/stats/summary?accountId=${accountId}&from=${week.from}&to=${week.to}&tz=${encodeURIComponent(week.tz)}`,
      occurredAt: new Date().toISOString(),
      details: details as unknown as Record<string, unknown>,
    };
    const id = await this.repository.enqueue(null, {
      kind: 'weekly_summary',
      eventType: 'weekly_summary',
      accountId,
      dedupeKey: dedupeKey(accountId, week),
      payload,
    });
    return id !== null;
  }

  /** The numbers, each exactly as the stats API answers them. */
  async compose(accountId: string, accountName: string, week: WeekRange): Promise<WeeklySummaryDetails> {
    const range = { accountId, tz: week.tz, from: week.from, to: week.to };
    const [summary, previous, topArtists, topTracks, topGenres, discoveries, streaks] = await Promise.all([
      this.stats('summary', range),
      this.stats('summary', { ...range, from: week.previousFrom, to: week.from }),
      this.stats('top-artists', { ...range, limit: '5' }),
      this.stats('top-tracks', { ...range, limit: '5' }),
      this.stats('top-genres', { ...range, limit: '5' }),
      this.stats('discoveries', { ...range, limit: '100' }),
      this.stats('streaks', { accountId, tz: week.tz, to: week.to }),
    ]);
    return {
      account: accountName,
      tz: week.tz,
      week: { from: week.from, to: week.to },
      previousWeek: { from: week.previousFrom, to: week.from },
      summary: summary as WeeklySummaryDetails['summary'],
      previousSummary: previous as WeeklySummaryDetails['previousSummary'],
      topArtists: topArtists as WeeklySummaryDetails['topArtists'],
      topTracks: topTracks as WeeklySummaryDetails['topTracks'],
      topGenres: topGenres as WeeklySummaryDetails['topGenres'],
      discoveries: discoveries as WeeklySummaryDetails['discoveries'],
      streaks: streaks as WeeklySummaryDetails['streaks'],
    };
  }

  private async stats(route: string, query: Record<string, string>): Promise<unknown> {
    const url = `${this.settings.statsUrl.replace(/\/$/, '')}/api/stats/${route}?${new URLSearchParams(query)}`;
    let response: Response;
    try {
      response = await fetch(url, {
        headers: this.settings.internalToken ? { [INTERNAL_TOKEN_HEADER]: this.settings.internalToken } : {},
        signal: AbortSignal.timeout(Math.max(this.settings.timeoutMs, 10_000)),
      });
    } catch (error) {
      throw new StatsUnavailable(`GET /api/stats/${route}: ${(error as Error).message}`);
    }
    if (!response.ok)
      throw new StatsUnavailable(`GET /api/stats/${route} answered HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`);
    return response.json();
  }
}

export function dedupeKey(accountId: string, week: WeekRange): string {
  return `weekly:${accountId}:${week.from}`;
}
