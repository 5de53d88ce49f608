import { applyDecorators, Controller, Get, Query, Type, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiExtraModels,
  ApiHeader,
  ApiNotFoundResponse,
  ApiNotModifiedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { DateTime } from 'luxon';
import { Access } from '@rewind/service-kit';
import { ActivityQueryDto, StatsQueryDto, WrappedQueryDto } from './dto/stats-query.dto';
import {
  ActivityBucketDto,
  DiscoveryDto,
  HeatmapCellDto,
  RecentPlayDto,
  SessionDto,
  StreaksDto,
  SummaryDto,
  TopAlbumDto,
  TopArtistDto,
  TopGenreDto,
  TopTrackDto,
  WrappedDto,
} from './dto/stats-responses.dto';
import { StatsHttpCacheInterceptor } from './http/stats-http-cache.interceptor';
import { ForStatsRoute, Prepared, STATS_ROUTE_PATHS } from './http/stats-route';
import type { StatsRoute } from './stats-routes';
import type { PreparedStats } from './stats.service';

const ERR_400 = {
  statusCode: 400,
  error: 'Bad Request',
  message: 'tz must be an IANA time zone name (e.g. Europe/Berlin), got "Mars/Olympus"',
};
const ERR_404 = { statusCode: 404, error: 'Not Found', message: 'accountId: no account with id 3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f' };

/** A stats route: its name (for StatsHttpCacheInterceptor) and documentation (response schema with example, errors, ETag revalidation). */
export function StatsEndpoint(
  route: StatsRoute,
  summary: string,
  description: string,
  type: Type<unknown>,
  isArray: boolean,
  example: unknown,
  notFound = 'Unknown account.',
) {
  return applyDecorators(
    Get(STATS_ROUTE_PATHS[route] ?? route),
    ForStatsRoute(route),
    ApiOperation({ summary, description }),
    ApiHeader({
      name: 'If-None-Match',
      required: false,
      description: 'ETag of a previous answer: 304 while no transform run has finished since.',
    }),
    ApiOkResponse({
      description:
        'The answer; `ETag` changes with every finished transform run, `Cache-Control: private, no-cache` (revalidate before reuse).',
      type,
      isArray,
      example,
      headers: {
        ETag: {
          description: 'Tag of this answer under the current marts version (send it back as If-None-Match).',
          schema: { type: 'string' },
        },
        'Cache-Control': { description: '`private, no-cache`', schema: { type: 'string' } },
        'X-Rewind-Stats-Source': {
          description:
            "What answered: `memory` (computed from the account's state held in memory), `transient` (the account is over the memory budget: its plays were read for this answer) or `cache` (a stored answer).",
          schema: { type: 'string', enum: ['memory', 'transient', 'cache'] },
        },
      },
    }),
    ApiNotModifiedResponse({ description: 'The client copy (If-None-Match) is still current.' }),
    ApiBadRequestResponse({ description: 'Invalid parameter (the message names it).', schema: { example: ERR_400 } }),
    ApiNotFoundResponse({ description: notFound, schema: { example: ERR_404 } }),
  );
}

export const TOP_ARTIST = {
  rank: 1,
  artistId: '4Z8W4fKeB5YxbusRsdQVPb',
  name: 'Radiohead',
  plays: 321,
  minutes: 1180.25,
  imageUrl: 'https://i.scdn.co/image/ab6761610000e5eb',
};
export const TOP_TRACK = {
  rank: 1,
  trackId: '3SVAN3BRByDmHOhKyIDxfC',
  name: 'Paranoid Android',
  artists: [{ id: '4Z8W4fKeB5YxbusRsdQVPb', name: 'Radiohead' }],
  album: { id: '6dVIqQ8qmQ5GBnJ9shOYGE', name: 'OK Computer' },
  plays: 42,
  minutes: 268.8,
};
export const TOP_ALBUM = {
  rank: 1,
  albumId: '6dVIqQ8qmQ5GBnJ9shOYGE',
  name: 'OK Computer',
  artists: [{ id: '4Z8W4fKeB5YxbusRsdQVPb', name: 'Radiohead' }],
  plays: 97,
  minutes: 402.1,
  imageUrl: 'https://i.scdn.co/image/ab67616d0000b273',
};
const SUMMARY = {
  plays: 1234,
  minutes: 4321.57,
  distinctTracks: 512,
  distinctArtists: 180,
  distinctAlbums: 240,
  firstPlayedAt: '2025-01-01T08:12:45.123Z',
  lastPlayedAt: '2025-12-31T22:03:10.000Z',
};
const SESSION = {
  rank: 1,
  start: '2025-08-09T20:01:00.000Z',
  end: '2025-08-10T01:47:12.000Z',
  plays: 81,
  distinctTracks: 77,
  minutes: 338.2,
};
const DISCOVERY = {
  artistId: '4Z8W4fKeB5YxbusRsdQVPb',
  name: 'Radiohead',
  firstPlayedAt: '2025-02-14T19:30:00.000Z',
  imageUrl: 'https://i.scdn.co/image/ab6761610000e5eb',
};
const CELL = { weekday: 4, hour: 21, plays: 12, minutes: 40.5 };

@ApiTags('stats')
@ApiBearerAuth('api-token')
// A signed-in listener's accountId is their own (filled in when absent); another id is a 404.
@Access.account({ query: 'accountId' })
@ApiExtraModels(StatsQueryDto)
@Controller('api/stats')
@UseInterceptors(StatsHttpCacheInterceptor)
export class StatsController {
  @StatsEndpoint(
    'summary',
    'Totals of a range',
    'Plays, minutes, distinct tracks/artists/albums and the first and last play inside [from, to).',
    SummaryDto,
    false,
    SUMMARY,
  )
  summary(@Query() _query: StatsQueryDto, @Prepared() p: PreparedStats): SummaryDto {
    return p.engine.summary(p.query);
  }

  @StatsEndpoint(
    'top-artists',
    'Top artists',
    'Primary artists ranked by plays (or minutes with by=minutes), ties by name; name-only imports use the name as artistId.',
    TopArtistDto,
    true,
    [TOP_ARTIST],
  )
  topArtists(@Query() _query: StatsQueryDto, @Prepared() p: PreparedStats): Promise<TopArtistDto[]> {
    return p.engine.topArtists(p.query);
  }

  @StatsEndpoint(
    'top-tracks',
    'Top tracks',
    'Tracks ranked by plays (or minutes), ties by name, with credited artists and album.',
    TopTrackDto,
    true,
    [TOP_TRACK],
  )
  topTracks(@Query() _query: StatsQueryDto, @Prepared() p: PreparedStats): Promise<TopTrackDto[]> {
    return p.engine.topTracks(p.query);
  }

  @StatsEndpoint(
    'top-albums',
    'Top albums',
    'Albums ranked by plays (or minutes), ties by name, with album artists and cover.',
    TopAlbumDto,
    true,
    [TOP_ALBUM],
  )
  topAlbums(@Query() _query: StatsQueryDto, @Prepared() p: PreparedStats): Promise<TopAlbumDto[]> {
    return p.engine.topAlbums(p.query);
  }

  @StatsEndpoint(
    'top-genres',
    'Top genres',
    'A play counts once toward each genre of its primary artist; ranked by plays (or minutes), ties by genre.',
    TopGenreDto,
    true,
    [{ rank: 1, genre: 'art rock', plays: 640, minutes: 2301.4 }],
  )
  topGenres(@Query() _query: StatsQueryDto, @Prepared() p: PreparedStats): TopGenreDto[] {
    return p.engine.topGenres(p.query);
  }

  @StatsEndpoint(
    'activity',
    'Plays and minutes per bucket',
    'bucket=day|week|month|year: buckets with plays, ascending (labels YYYY-MM-DD, Monday of the week, YYYY-MM, YYYY). bucket=weekday (0 = Monday … 6) and hour (0–23): every bucket, zeros included. All in tz.',
    ActivityBucketDto,
    true,
    [
      { bucket: '2025-03-29', plays: 41, minutes: 150.02 },
      { bucket: '2025-03-30', plays: 57, minutes: 190.33 },
    ],
  )
  activity(@Query() _query: ActivityQueryDto, @Prepared() p: PreparedStats): ActivityBucketDto[] {
    return p.engine.activity(p.query, p.request.bucket);
  }

  @StatsEndpoint(
    'heatmap',
    'Hour-of-week heatmap',
    '168 cells ordered by weekday (0 = Monday) then hour, in tz; empty cells are zero.',
    HeatmapCellDto,
    true,
    [CELL],
  )
  heatmap(@Query() _query: StatsQueryDto, @Prepared() p: PreparedStats): HeatmapCellDto[] {
    return p.engine.heatmap(p.query);
  }

  @StatsEndpoint(
    'recent',
    'Recent plays',
    'Plays inside the range, newest first (up to limit), with listening time.',
    RecentPlayDto,
    true,
    [
      {
        playedAt: '2025-12-31T22:03:10.000Z',
        trackId: TOP_TRACK.trackId,
        name: TOP_TRACK.name,
        artists: TOP_TRACK.artists,
        album: TOP_TRACK.album,
        minutes: 6.39,
        source: 'poll',
      },
    ],
  )
  recent(@Query() _query: StatsQueryDto, @Prepared() p: PreparedStats): Promise<RecentPlayDto[]> {
    return p.engine.recent(p.query, p.query.limit);
  }

  @StatsEndpoint(
    'discoveries',
    'Artists discovered',
    'Artists whose first play ever falls inside the range, in order of discovery (up to limit).',
    DiscoveryDto,
    true,
    [DISCOVERY],
  )
  discoveries(@Query() _query: StatsQueryDto, @Prepared() p: PreparedStats): Promise<DiscoveryDto[]> {
    return p.engine.discoveries(p.query, p.query.limit);
  }

  @StatsEndpoint(
    'streaks',
    'Listening streaks',
    'Runs of consecutive days (in tz) with at least one play inside the range: the current one (ending today or yesterday) and the longest (ties: earliest).',
    StreaksDto,
    false,
    { current: 4, longest: { days: 23, from: '2025-06-01', to: '2025-06-23' } },
  )
  streaks(@Query() _query: StatsQueryDto, @Prepared() p: PreparedStats): StreaksDto {
    return p.engine.streaks(p.query, DateTime.now().setZone(p.query.tz).toISODate()!);
  }

  @StatsEndpoint(
    'sessions',
    'Longest listening sessions',
    'Sessions starting inside the range, longest listening time first (ties: earliest). A play starting more than 10 minutes after the previous play ended starts a new session.',
    SessionDto,
    true,
    [SESSION],
  )
  sessions(@Query() _query: StatsQueryDto, @Prepared() p: PreparedStats): SessionDto[] {
    return p.engine.sessions(p.query, p.query.limit);
  }

  @StatsEndpoint(
    'wrapped',
    'The yearly recap',
    'Everything for one calendar year in tz, in one document: totals, tops (limit, by), top genres, busiest day, hour of week, discoveries, longest streak and session.',
    WrappedDto,
    false,
    {
      year: 2025,
      timeZone: 'Europe/Berlin',
      totals: SUMMARY,
      listeningDays: 287,
      topArtists: [TOP_ARTIST],
      topTracks: [TOP_TRACK],
      topAlbums: [TOP_ALBUM],
      topGenres: [{ rank: 1, genre: 'art rock', plays: 640, minutes: 2301.4 }],
      busiestDay: { date: '2025-08-09', plays: 140, minutes: 512.75 },
      busiestHourOfWeek: CELL,
      hourOfWeek: [CELL],
      discoveries: { artists: 85, tracks: 1020, firstArtists: [DISCOVERY] },
      longestStreak: { days: 23, from: '2025-06-01', to: '2025-06-23' },
      longestSession: SESSION,
    },
  )
  wrapped(@Query() _query: WrappedQueryDto, @Prepared() p: PreparedStats): Promise<WrappedDto> {
    return p.engine.wrapped(p.request.year!, p.query);
  }
}
