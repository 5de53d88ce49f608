import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { PreparedStats } from '../stats.service';
import type { StatsRoute } from '../stats-routes';

/** Paths of the routes whose path is not their name (under /api/stats). */
export const STATS_ROUTE_PATHS: Partial<Record<StatsRoute, string>> = {
  artist: 'artists/:key',
  track: 'tracks/:key',
  album: 'albums/:key',
  genre: 'genres/:genre',
};

export const STATS_ROUTE_KEY = 'rewind:stats-route';
/** Where StatsHttpCacheInterceptor leaves the prepared request for the handler. */
export const PREPARED_STATS = Symbol('PREPARED_STATS');

/** Marks a handler as the stats route `route` (read by StatsHttpCacheInterceptor). */
export const ForStatsRoute = (route: StatsRoute) => SetMetadata(STATS_ROUTE_KEY, route);

/** The request StatsHttpCacheInterceptor resolved for this handler (account, range, engine). */
export const Prepared = createParamDecorator(
  (_: unknown, context: ExecutionContext): PreparedStats =>
    (context.switchToHttp().getRequest() as { [PREPARED_STATS]: PreparedStats })[PREPARED_STATS],
);
