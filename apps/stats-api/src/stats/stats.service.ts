import { BadRequestException, Inject, Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Request, Response } from 'express';
import { ActivityQueryDto, StatsQueryDto, WrappedQueryDto } from './dto/stats-query.dto';
import { StatsEngineStore } from './engine/engine-store';
import { RankQuery, StatsEngine } from './engine/stats-engine';
import { LookupCache } from './lookup-cache';
import { AccountContext } from './stats.repository';
import { Bucket, By, isValidZone, parseBucket, parseBy, parseInstant, parseLimit, parseYear } from './stats-range';
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
  tz: string;
  from: Date | null;
  to: Date | null;
  limit: number;
  by: By;
  bucket: Bucket;
  year: number | null;
  /** Marts version (last finished transform run). */
  version: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Says where an answer came from: `memory` (computed by the account's in-memory engine) or `cache` (a stored answer). */
export const STATS_SOURCE_HEADER = 'X-Rewind-Stats-Source';

/** Cache-Control of every stats answer: clients may store it but must revalidate (ETag) before reuse. */
export const STATS_CACHE_CONTROL = 'private, no-cache';

@Injectable()
export class StatsService {
  private readonly cache = new Map<string, unknown>();

  constructor(
    private readonly lookups: LookupCache,
    private readonly engines: StatsEngineStore,
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
    const engine = await this.engines.statsFor(request.account.id, request.version);
    const version = engine.state.version;
    const etag = this.etag(request, version);
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', STATS_CACHE_CONTROL);
    res.setHeader('Vary', 'Authorization');
    if (version) res.setHeader('X-Rewind-Marts-Version', version);
    const inm = req.headers['if-none-match'];
    if (inm && inm.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*')) {
      res.status(304).end();
      return;
    }
    let body = this.cache.get(etag);
    if (body === undefined) {
      res.setHeader(STATS_SOURCE_HEADER, 'memory');
      body = await this.compute(request, engine);
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

  /** The answer's tag: everything it depends on, under the marts version of the state that computes it. */
  etag(r: StatsRequest, version: string | null): string {
    const today = r.route === 'streaks' ? DateTime.now().setZone(r.tz).toISODate() : null;
    const key = JSON.stringify([
      r.route,
      r.account.id,
      r.account.timeZone,
      version,
      r.tz,
      iso(r.from),
      iso(r.to),
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

    const lookup = await this.lookups.lookup(accountId);
    if (lookup.version === null)
      throw new ServiceUnavailableException('The marts are not built yet: run a transform first (POST /api/transform/runs).');
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
    const tz = query.tz ? query.tz : isValidZone(account.timeZone) ? account.timeZone : 'UTC';

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
    return { route, account, tz, from, to, limit, by, bucket, year, version: lookup.version };
  }

  /** The route's answer, computed by the account's engine. */
  compute(r: StatsRequest, engine: StatsEngine): unknown {
    const q: RankQuery = { from: r.from?.getTime() ?? null, to: r.to?.getTime() ?? null, tz: r.tz, by: r.by, limit: r.limit };
    switch (r.route) {
      case 'summary':
        return engine.summary(q);
      case 'top-artists':
        return engine.topArtists(q);
      case 'top-tracks':
        return engine.topTracks(q);
      case 'top-albums':
        return engine.topAlbums(q);
      case 'top-genres':
        return engine.topGenres(q);
      case 'activity':
        return engine.activity(q, r.bucket);
      case 'heatmap':
        return engine.heatmap(q);
      case 'recent':
        return engine.recent(q, r.limit);
      case 'discoveries':
        return engine.discoveries(q, r.limit);
      case 'streaks':
        return engine.streaks(q, DateTime.now().setZone(r.tz).toISODate()!);
      case 'sessions':
        return engine.sessions(q, r.limit);
      case 'wrapped':
        return engine.wrapped(r.year!, q);
    }
  }
}
