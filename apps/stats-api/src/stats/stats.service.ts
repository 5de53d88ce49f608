import { BadRequestException, Inject, Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Request, Response } from 'express';
import { ActivityQueryDto, StatsQueryDto, WrappedQueryDto } from './dto/stats-query.dto';
import { LookupCache } from './lookup-cache';
import { DayIndexStore } from './memory/day-index.store';
import { AccountContext, StatsRepository } from './stats.repository';
import {
  Bucket,
  By,
  isValidZone,
  minutesOf,
  parseBucket,
  parseBy,
  parseInstant,
  parseLimit,
  parseYear,
  planRange,
  RangePlan,
} from './stats-range';
import { STATS_OPTIONS, StatsOptions } from './stats.tokens';

export const STATS_ROUTES = [
  'summary',
  'top-artists',
  'top-tracks',
  'top-albums',
  'top-genres',
  'activity',
  'heatmap',
  'recent',
  'discoveries',
  'streaks',
  'sessions',
  'wrapped',
] as const;
export type StatsRoute = (typeof STATS_ROUTES)[number];

/** Everything a route's answer depends on, resolved and validated. */
export interface StatsRequest {
  route: StatsRoute;
  account: AccountContext;
  plan: RangePlan;
  limit: number;
  by: By;
  bucket: Bucket;
  year: number | null;
  /** Marts version (last finished transform run). */
  version: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const num = (v: string | number) => Number(v);

/** Says where an answer came from: `memory` (day index), `sql` or `cache`. */
export const STATS_SOURCE_HEADER = 'X-Rewind-Stats-Source';

/** The repository queries DayIndexStore answers from memory when it can. */
export type StatsSource = Pick<
  StatsRepository,
  | 'summary'
  | 'topArtists'
  | 'topTracks'
  | 'topAlbums'
  | 'topGenres'
  | 'activity'
  | 'heatmap'
  | 'listeningDays'
  | 'discoveryCounts'
  | 'discoveries'
  | 'recent'
  | 'sessions'
>;
/** Routes whose queries read local days: memory answers them only for ranges in the marts' zone. */
const ROLLUP_ROUTES = new Set<StatsRoute>([
  'summary',
  'top-artists',
  'top-tracks',
  'top-albums',
  'top-genres',
  'activity',
  'heatmap',
  'discoveries',
  'streaks',
  'wrapped',
]);
/** Routes whose queries read instants only: memory answers them for any range. */
const INSTANT_ROUTES = new Set<StatsRoute>(['recent', 'sessions']);

/** Cache-Control of every stats answer: clients may store it but must revalidate (ETag) before reuse. */
export const STATS_CACHE_CONTROL = 'private, no-cache';

@Injectable()
export class StatsService {
  private readonly cache = new Map<string, unknown>();

  constructor(
    private readonly repo: StatsRepository,
    private readonly lookups: LookupCache,
    private readonly dayIndexes: DayIndexStore,
    @Inject(STATS_OPTIONS) private readonly options: StatsOptions,
  ) {}

  /** Validates the query, answers 304 when the client's ETag is current, else computes (or reuses) the body. */
  async respond(
    route: StatsRoute,
    query: StatsQueryDto & Partial<ActivityQueryDto & WrappedQueryDto>,
    req: Request,
    res: Response,
  ): Promise<void> {
    const request = await this.resolve(route, query);
    const etag = this.etag(request);
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', STATS_CACHE_CONTROL);
    res.setHeader('Vary', 'Authorization');
    if (request.version) res.setHeader('X-Rewind-Marts-Version', request.version);
    const inm = req.headers['if-none-match'];
    if (inm && inm.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*')) {
      res.status(304).end();
      return;
    }
    let body = this.cache.get(etag);
    if (body === undefined) {
      const source = await this.sourceFor(request);
      res.setHeader(STATS_SOURCE_HEADER, source === this.repo ? 'sql' : 'memory');
      body = await this.compute(request, source);
      this.remember(etag, body);
    } else {
      res.setHeader(STATS_SOURCE_HEADER, 'cache');
      // LRU: most recently used last.
      this.cache.delete(etag);
      this.cache.set(etag, body);
    }
    res.status(200).json(body);
  }

  private remember(key: string, body: unknown): void {
    if (this.options.cacheEntries <= 0) return;
    this.cache.set(key, body);
    while (this.cache.size > this.options.cacheEntries) this.cache.delete(this.cache.keys().next().value as string);
  }

  etag(r: StatsRequest): string {
    const today = r.route === 'streaks' ? DateTime.now().setZone(r.plan.tz).toISODate() : null;
    const key = JSON.stringify([
      r.route,
      r.account.id,
      r.account.timeZone,
      r.account.martsTimeZone,
      r.version,
      r.plan.tz,
      iso(r.plan.from),
      iso(r.plan.to),
      r.limit,
      r.by,
      r.route === 'activity' ? r.bucket : null,
      r.year,
      today,
    ]);
    return `"${createHash('sha1').update(key).digest('base64url')}"`;
  }

  async resolve(route: StatsRoute, query: StatsQueryDto & Partial<ActivityQueryDto & WrappedQueryDto>): Promise<StatsRequest> {
    const accountId = query.accountId?.trim() || null;
    if (accountId !== null && !UUID.test(accountId)) throw new BadRequestException(`accountId must be a UUID, got "${query.accountId}"`);
    // Syntax first, so bad input answers 400 without touching the database.
    if (query.tz !== undefined && query.tz !== '' && !isValidZone(query.tz))
      throw new BadRequestException(`tz must be an IANA time zone name (e.g. Europe/Berlin), got "${query.tz}"`);
    const limit = parseLimit(query.limit);
    const by = parseBy(query.by);
    const bucket = parseBucket(query.bucket);
    const year = route === 'wrapped' ? parseYear(query.year) : null;
    if (route !== 'wrapped' && query.year !== undefined) throw new BadRequestException('year is only accepted by /api/stats/wrapped');
    if (route !== 'activity' && query.bucket !== undefined) throw new BadRequestException('bucket is only accepted by /api/stats/activity');

    let lookup;
    try {
      lookup = await this.lookups.lookup(accountId);
    } catch (error) {
      if ((error as { code?: string }).code === '42P01')
        throw new ServiceUnavailableException('The marts are not built yet: run a transform first (POST /api/transform/runs).');
      throw error;
    }
    let account: AccountContext;
    if (accountId !== null) {
      if (lookup.accounts.length === 0) throw new NotFoundException(`accountId: no account with id ${accountId}`);
      account = lookup.accounts[0];
    } else {
      if (lookup.accounts.length === 0)
        throw new NotFoundException('accountId: no account exists yet (log in or POST /api/auth/accounts first)');
      if (lookup.accounts.length > 1) throw new BadRequestException('accountId is required when several accounts exist');
      account = lookup.accounts[0];
    }
    const accountZone = isValidZone(account.timeZone) ? account.timeZone : 'UTC';
    const tz = query.tz ? query.tz : accountZone;

    let from: Date | null;
    let to: Date | null;
    if (year !== null) {
      from = DateTime.fromObject({ year, month: 1, day: 1 }, { zone: tz }).toJSDate();
      to = DateTime.fromObject({ year: year + 1, month: 1, day: 1 }, { zone: tz }).toJSDate();
    } else {
      from = parseInstant('from', query.from, tz);
      to = parseInstant('to', query.to, tz);
      if (from && to && from.getTime() > to.getTime())
        throw new BadRequestException(`from (${query.from}) must not be after to (${query.to})`);
    }
    const martsZone = account.martsTimeZone ?? account.timeZone;
    const plan = planRange(from, to, tz, martsZone === tz);
    return { route, account, plan, limit, by, bucket, year, version: lookup.version };
  }

  /** The account's in-memory day index when it is current and can answer the route and range, else SQL. */
  async sourceFor(r: StatsRequest): Promise<StatsSource> {
    if (!INSTANT_ROUTES.has(r.route) && !(r.plan.mode === 'rollup' && ROLLUP_ROUTES.has(r.route))) return this.repo;
    return (await this.dayIndexes.source(r.account, r.version)) ?? this.repo;
  }

  compute(r: StatsRequest, src: StatsSource): Promise<unknown> {
    const id = r.account.id;
    switch (r.route) {
      case 'summary':
        return this.summary(src, id, r.plan);
      case 'top-artists':
        return this.topArtists(src, id, r.plan, r.by, r.limit);
      case 'top-tracks':
        return this.topTracks(src, id, r.plan, r.by, r.limit);
      case 'top-albums':
        return this.topAlbums(src, id, r.plan, r.by, r.limit);
      case 'top-genres':
        return this.topGenres(src, id, r.plan, r.by, r.limit);
      case 'activity':
        return this.activity(src, id, r.plan, r.bucket);
      case 'heatmap':
        return this.heatmap(src, id, r.plan);
      case 'recent':
        return this.recent(src, id, r.plan, r.limit);
      case 'discoveries':
        return this.discoveries(src, id, r.plan, r.limit);
      case 'streaks':
        return this.streaks(src, id, r.plan);
      case 'sessions':
        return this.sessions(src, id, r.plan, r.limit);
      case 'wrapped':
        return this.wrapped(src, id, r.plan, r.year!, r.by, r.limit);
    }
  }

  async summary(src: StatsSource, account: string, plan: RangePlan) {
    const row = await src.summary(account, plan);
    return {
      plays: num(row.plays),
      minutes: minutesOf(row.ms),
      distinctTracks: num(row.tracks),
      distinctArtists: num(row.artists),
      distinctAlbums: num(row.albums),
      firstPlayedAt: iso(row.first),
      lastPlayedAt: iso(row.last),
    };
  }

  async topArtists(src: StatsSource, account: string, plan: RangePlan, by: By, limit: number) {
    const rows = await src.topArtists(account, plan, by, limit);
    return rows.map((r, i) => ({
      rank: i + 1,
      artistId: r.key,
      name: r.name ?? r.key,
      plays: num(r.plays),
      minutes: minutesOf(r.ms),
      imageUrl: r.image_url ?? null,
    }));
  }

  async topTracks(src: StatsSource, account: string, plan: RangePlan, by: By, limit: number) {
    const rows = await src.topTracks(account, plan, by, limit);
    return rows.map((r, i) => ({
      rank: i + 1,
      trackId: r.key,
      name: r.name ?? r.key,
      artists: r.id && r.artists && r.artists.length ? r.artists : [{ id: r.artist_key, name: r.artist_name }],
      album: r.album_key ? { id: r.album_key, name: r.album_name ?? r.album_key } : null,
      plays: num(r.plays),
      minutes: minutesOf(r.ms),
    }));
  }

  async topAlbums(src: StatsSource, account: string, plan: RangePlan, by: By, limit: number) {
    const rows = await src.topAlbums(account, plan, by, limit);
    return rows.map((r, i) => ({
      rank: i + 1,
      albumId: r.key,
      name: r.name ?? r.key,
      artists: r.id && r.artists && r.artists.length ? r.artists : r.artist_name ? [{ id: r.artist_name, name: r.artist_name }] : [],
      plays: num(r.plays),
      minutes: minutesOf(r.ms),
      imageUrl: r.image_url ?? null,
    }));
  }

  async topGenres(src: StatsSource, account: string, plan: RangePlan, by: By, limit: number) {
    const rows = await src.topGenres(account, plan, by, limit);
    return rows.map((r, i) => ({ rank: i + 1, genre: r.key, plays: num(r.plays), minutes: minutesOf(r.ms) }));
  }

  async activity(src: StatsSource, account: string, plan: RangePlan, bucket: Bucket) {
    const rows = await src.activity(account, plan, bucket);
    if (bucket === 'weekday' || bucket === 'hour') {
      const size = bucket === 'weekday' ? 7 : 24;
      const byBucket = new Map(rows.map((r) => [Number(r.bucket), r]));
      return Array.from({ length: size }, (_, b) => {
        const r = byBucket.get(b);
        return { bucket: b, plays: r ? num(r.plays) : 0, minutes: r ? minutesOf(r.ms) : 0 };
      });
    }
    return rows.map((r) => ({ bucket: r.bucket, plays: num(r.plays), minutes: minutesOf(r.ms) }));
  }

  async heatmap(src: StatsSource, account: string, plan: RangePlan) {
    const rows = await src.heatmap(account, plan);
    const cells = new Map(rows.map((r) => [`${r.weekday}:${r.hour}`, r]));
    const out: Array<{ weekday: number; hour: number; plays: number; minutes: number }> = [];
    for (let weekday = 0; weekday < 7; weekday++) {
      for (let hour = 0; hour < 24; hour++) {
        const r = cells.get(`${weekday}:${hour}`);
        out.push({ weekday, hour, plays: r ? num(r.plays) : 0, minutes: r ? minutesOf(r.ms) : 0 });
      }
    }
    return out;
  }

  async recent(src: StatsSource, account: string, plan: RangePlan, limit: number) {
    const rows = await src.recent(account, plan, limit);
    return rows.map((r) => ({
      playedAt: r.played_at.toISOString(),
      trackId: r.track_key,
      name: r.track_name,
      artists: r.track_id && r.artists && r.artists.length ? r.artists : [{ id: r.artist_key, name: r.artist_name }],
      album: r.album_key ? { id: r.album_key, name: r.album_name ?? r.album_key } : null,
      minutes: minutesOf(r.ms),
      source: r.source,
    }));
  }

  async discoveries(src: StatsSource, account: string, plan: RangePlan, limit: number) {
    const rows = await src.discoveries(account, plan, limit);
    return rows.map((r) => ({
      artistId: r.key,
      name: r.name ?? r.key,
      firstPlayedAt: r.first_played_at.toISOString(),
      imageUrl: r.image_url ?? null,
    }));
  }

  async streaks(src: StatsSource, account: string, plan: RangePlan) {
    const days = await src.listeningDays(account, plan);
    const today = DateTime.now().setZone(plan.tz).startOf('day');
    return streaksOf(days, today.toISODate()!, today.minus({ days: 1 }).toISODate()!);
  }

  async sessions(src: StatsSource, account: string, plan: RangePlan, limit: number) {
    const rows = await src.sessions(account, plan, limit);
    return rows.map((r, i) => ({
      rank: i + 1,
      start: r.session_start.toISOString(),
      end: r.session_end.toISOString(),
      plays: num(r.plays),
      distinctTracks: num(r.distinct_tracks),
      minutes: minutesOf(r.ms),
    }));
  }

  async wrapped(src: StatsSource, account: string, plan: RangePlan, year: number, by: By, limit: number) {
    const [totals, topArtists, topTracks, topAlbums, topGenres, days, hourOfWeek, firstArtists, counts, listeningDays, sessions] =
      await Promise.all([
        this.summary(src, account, plan),
        this.topArtists(src, account, plan, by, limit),
        this.topTracks(src, account, plan, by, limit),
        this.topAlbums(src, account, plan, by, limit),
        this.topGenres(src, account, plan, by, limit),
        src.activity(account, plan, 'day'),
        this.heatmap(src, account, plan),
        this.discoveries(src, account, plan, limit),
        src.discoveryCounts(account, plan),
        src.listeningDays(account, plan),
        this.sessions(src, account, plan, 1),
      ]);
    let busiestDay: { date: string; plays: number; minutes: number } | null = null;
    let best: { plays: number; ms: bigint } | null = null;
    for (const d of days) {
      const cur = { plays: num(d.plays), ms: BigInt(d.ms) };
      const better = best === null || (by === 'minutes' ? cur.ms > best.ms : cur.plays > best.plays);
      if (better) {
        best = cur;
        busiestDay = { date: d.bucket, plays: cur.plays, minutes: minutesOf(d.ms) };
      }
    }
    let busiestHourOfWeek: (typeof hourOfWeek)[number] | null = null;
    for (const cell of hourOfWeek) {
      if (cell.plays === 0) continue;
      if (
        busiestHourOfWeek === null ||
        (by === 'minutes' ? cell.minutes > busiestHourOfWeek.minutes : cell.plays > busiestHourOfWeek.plays)
      )
        busiestHourOfWeek = cell;
    }
    return {
      year,
      timeZone: plan.tz,
      totals,
      listeningDays: listeningDays.length,
      topArtists,
      topTracks,
      topAlbums,
      topGenres,
      busiestDay,
      busiestHourOfWeek,
      hourOfWeek,
      discoveries: { artists: counts.artists, tracks: counts.tracks, firstArtists },
      longestStreak: streaksOf(listeningDays, '', '').longest,
      longestSession: sessions[0] ?? null,
    };
  }
}

/** Day number (days since 1970-01-01) of an ISO date, without a date library (this runs over thousands of days). */
const dayNumber = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

/** Maximal runs of consecutive dates (ascending ISO dates); current = the run ending today or yesterday. */
export function streaksOf(days: string[], today: string, yesterday: string) {
  let longest = { days: 0, from: null as string | null, to: null as string | null };
  let runStart: string | null = null;
  let runLength = 0;
  let prev: string | null = null;
  let prevDay = 0;
  let current = 0;
  const close = (end: string) => {
    if (runStart !== null && runLength > longest.days) longest = { days: runLength, from: runStart, to: end };
  };
  for (const day of days) {
    const n = dayNumber(day);
    if (prev !== null && n - prevDay === 1) runLength++;
    else {
      if (prev !== null) close(prev);
      runStart = day;
      runLength = 1;
    }
    prev = day;
    prevDay = n;
  }
  if (prev !== null) {
    close(prev);
    if (prev === today || prev === yesterday) current = runLength;
  }
  return { current, longest };
}
