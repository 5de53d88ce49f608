import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, ValidationPipe } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { DateTime } from 'luxon';
import { Observable, of, tap } from 'rxjs';
import { PreparedStats, StatsService } from '../stats.service';
import { STATS_OPTIONS, StatsOptions } from '../stats.tokens';
import type { StatsRoute } from '../stats-routes';
import { PREPARED_STATS, STATS_ROUTE_KEY } from './stats-route';

/** Says where an answer came from: `memory` (computed from the account's held state), `transient` (its plays read for this answer: over the memory budget) or `cache`. */
export const STATS_SOURCE_HEADER = 'X-Rewind-Stats-Source';
/** Clients may store an answer but must revalidate (ETag) before reuse. */
export const STATS_CACHE_CONTROL = 'private, no-cache';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The answer's tag: everything it depends on, under the marts version of the state that computes it. */
export function etagOf({ request: r, version }: PreparedStats): string {
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
    r.insight,
  ]);
  return `"${createHash('sha1').update(key).digest('base64url')}"`;
}

/**
 * HTTP caching of the stats routes: resolves the request (StatsService.prepare) before the handler
 * runs, so that an If-None-Match naming the current answer gets 304 and a remembered answer (an
 * LRU of bodies keyed by ETag) is sent without computing; otherwise the handler computes it from
 * the prepared request. The query is validated here as the global ValidationPipe would, since
 * interceptors run before pipes.
 */
@Injectable()
export class StatsHttpCacheInterceptor implements NestInterceptor {
  /** Most recently used last. */
  private readonly bodies = new Map<string, unknown>();
  private readonly validation = new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true });

  constructor(
    private readonly stats: StatsService,
    private readonly reflector: Reflector,
    @Inject(STATS_OPTIONS) private readonly options: StatsOptions,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<Request & { [PREPARED_STATS]?: PreparedStats }>();
    const res = context.switchToHttp().getResponse<Response>();
    const route = this.reflector.get<StatsRoute>(STATS_ROUTE_KEY, context.getHandler());
    const [metatype] = Reflect.getMetadata('design:paramtypes', context.getClass().prototype, context.getHandler().name) as [
      new () => object,
    ];
    const query = await this.validation.transform({ ...req.query }, { type: 'query', metatype });
    const prepared = await this.stats.prepare(route, query, req.params as Record<string, string>);
    req[PREPARED_STATS] = prepared;
    const etag = etagOf(prepared);
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', STATS_CACHE_CONTROL);
    res.setHeader('Vary', 'Authorization');
    if (prepared.version) res.setHeader('X-Rewind-Marts-Version', prepared.version);
    const inm = req.headers['if-none-match'];
    if (inm && inm.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*')) {
      res.status(304);
      return of(undefined);
    }
    const remembered = this.bodies.get(etag);
    if (remembered !== undefined) {
      res.setHeader(STATS_SOURCE_HEADER, 'cache');
      this.bodies.delete(etag);
      this.bodies.set(etag, remembered);
      return of(remembered);
    }
    res.setHeader(STATS_SOURCE_HEADER, prepared.source);
    return next.handle().pipe(tap((body) => this.remember(etag, body)));
  }

  private remember(etag: string, body: unknown): void {
    if (this.options.cacheEntries <= 0) return;
    this.bodies.set(etag, body);
    while (this.bodies.size > this.options.cacheEntries) this.bodies.delete(this.bodies.keys().next().value as string);
  }
}
