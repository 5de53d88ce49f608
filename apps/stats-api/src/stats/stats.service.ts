import { BadRequestException, Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { BehaviourQueryDto, CompareQueryDto, ForgottenQueryDto, OnThisDayQueryDto, SearchQueryDto } from './dto/insights-query.dto';
import { ActivityQueryDto, StatsQueryDto, WrappedQueryDto } from './dto/stats-query.dto';
import { StatsEngineStore } from './engine/engine-store';
import { RankQuery, StatsEngine } from './engine/stats-engine';
import { DAY_MS, startOfLocalDay } from './engine/zone-offsets';
import { LookupCache } from './lookup-cache';
import { AccountContext } from './stats.repository';
import { Bucket, By, isValidZone, parseBucket, parseBy, parseInstant, parseLimit, parseYear } from './stats-range';
import type { StatsRoute } from './stats-routes';
import { InsightParams, parseInsight } from './insight-params';

/** Every query parameter any stats route accepts (each route's DTO admits its own). */
export type AnyStatsQuery = StatsQueryDto &
  Partial<
    ActivityQueryDto & WrappedQueryDto & CompareQueryDto & SearchQueryDto & OnThisDayQueryDto & ForgottenQueryDto & BehaviourQueryDto
  >;

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
  /** Parameters of the insight routes (key, dimension, compared range, search text, date), null on the others. */
  insight: InsightParams | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A resolved request with the engine that answers it. */
export interface PreparedStats {
  request: StatsRequest;
  /** The range, zone, order and limit in the engine's terms. */
  query: RankQuery;
  engine: StatsEngine;
  /** Marts version of the state that answers (the previous run's while a full reload is read). */
  version: string | null;
  /** `memory`: the account's held state; `transient`: read for this answer (the account is over the memory budget). */
  source: 'memory' | 'transient';
}

/** Resolves stats requests (account, zone, range, parameters) and finds the engine that answers them. */
@Injectable()
export class StatsService {
  constructor(
    private readonly lookups: LookupCache,
    private readonly engines: StatsEngineStore,
  ) {}

  async prepare(route: StatsRoute, query: AnyStatsQuery, params: Record<string, string> = {}): Promise<PreparedStats> {
    const request = await this.resolve(route, query, params);
    const { stats, source } = await this.engines.statsFor(request.account.id, request.version);
    const entity = request.insight?.entity;
    if (entity && !stats.hasPlayed(entity.dimension, entity.key))
      throw new NotFoundException(
        `${entity.kind}: no ${entity.kind} "${entity.key}" in this account's plays (keys are the ids the top lists return, or the name keys of name-only imports)`,
      );
    return {
      request,
      query: {
        from: request.from?.getTime() ?? null,
        to: request.to?.getTime() ?? null,
        tz: request.tz,
        by: request.by,
        limit: request.limit,
      },
      engine: stats,
      version: stats.state.version,
      source,
    };
  }

  async resolve(route: StatsRoute, query: AnyStatsQuery, params: Record<string, string> = {}): Promise<StatsRequest> {
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
    // The insight routes' own parameters, after the shared ones (so a bad tz or limit is named first).
    const insight = (tz: string) => parseInsight(route, query, params, tz);
    insight(query.tz || 'UTC');

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
      from = new Date(startOfLocalDay(Date.UTC(year, 0, 1) / DAY_MS, tz));
      to = new Date(startOfLocalDay(Date.UTC(year + 1, 0, 1) / DAY_MS, tz));
    } else {
      from = parseInstant('from', query.from, tz);
      to = parseInstant('to', query.to, tz);
      if (from && to && from.getTime() > to.getTime())
        throw new BadRequestException(`from (${query.from}) must not be after to (${query.to})`);
    }
    return { route, account, tz, from, to, limit, by, bucket, year, version: lookup.version, insight: insight(tz) };
  }
}
