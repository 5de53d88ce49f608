import { Controller, NotFoundException, Param, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { Access } from '@rewind/service-kit';
import { BehaviourDto } from './dto/behaviour.dto';
import { BehaviourQueryDto, CompareQueryDto, ForgottenQueryDto, OnThisDayQueryDto, SearchQueryDto } from './dto/insights-query.dto';
import {
  AlbumStatsDto,
  ArtistStatsDto,
  CompareDto,
  ForgottenFavouritesDto,
  GenreStatsDto,
  OnThisDayDto,
  SearchResultsDto,
  TrackStatsDto,
} from './dto/insights.dto';
import { StatsQueryDto } from './dto/stats-query.dto';
import { StatsHttpCacheInterceptor } from './http/stats-http-cache.interceptor';
import { Prepared } from './http/stats-route';
import { StatsEndpoint, TOP_ALBUM, TOP_ARTIST, TOP_TRACK } from './stats.controller';
import type { PreparedStats } from './stats.service';

const UNKNOWN_KEY = 'Unknown account, or a key this account never played (the message names it).';
const KEY_PARAM = {
  name: 'key',
  description:
    'The key the top lists return: a Spotify id, or the name key of a name-only import (artist name; "artist - track"; "artist - album"), URL-encoded.',
  example: '4Z8W4fKeB5YxbusRsdQVPb',
};
const ENTITY = {
  plays: 321,
  minutes: 1180.25,
  rank: 3,
  firstPlayedAt: '2019-04-02T18:03:00.000Z',
  lastPlayedAt: '2025-12-30T21:14:09.000Z',
  activityBucket: 'month',
  activity: [
    { bucket: '2025-01', plays: 30, minutes: 110.5 },
    { bucket: '2025-02', plays: 12, minutes: 40.2 },
  ],
  hours: [{ hour: 21, plays: 14, minutes: 52.3 }],
};
const ENTITY_RANGE =
  'over [from, to) in tz: plays, minutes and rank in the range (by), the first and last play ever, activity by month (by day for ranges under 90 days) and the 24 hours of the day';
const entity = <T>(body: T | null, kind: string): T => {
  // The key was checked when the request was prepared; the same state answers.
  if (body === null) throw new NotFoundException(`${kind}: not played by this account`);
  return body;
};

@ApiTags('stats')
@ApiBearerAuth('api-token')
// A signed-in listener's accountId is their own (filled in when absent); another id is a 404.
@Access.account({ query: 'accountId' })
@Controller('api/stats')
@UseInterceptors(StatsHttpCacheInterceptor)
export class InsightsController {
  @StatsEndpoint(
    'artist',
    'One artist',
    `The artist (primary artist of its plays) ${ENTITY_RANGE}; its genres, top tracks and albums in the range (limit, by). 404 for a key the account never played.`,
    ArtistStatsDto,
    false,
    {
      key: TOP_ARTIST.artistId,
      name: TOP_ARTIST.name,
      ...ENTITY,
      imageUrl: TOP_ARTIST.imageUrl,
      genres: ['art rock'],
      topTracks: [TOP_TRACK],
      topAlbums: [TOP_ALBUM],
    },
    UNKNOWN_KEY,
  )
  @ApiParam(KEY_PARAM)
  async artist(@Query() _query: StatsQueryDto, @Param('key') _key: string, @Prepared() p: PreparedStats): Promise<ArtistStatsDto> {
    return entity(await p.engine.artist(p.request.insight!.entity!.key, p.query), 'artist');
  }

  @StatsEndpoint(
    'track',
    'One track',
    `The track ${ENTITY_RANGE}; its credited artists, album and longest streak of consecutive listening days (tz) in the range.`,
    TrackStatsDto,
    false,
    {
      key: TOP_TRACK.trackId,
      name: TOP_TRACK.name,
      ...ENTITY,
      artists: TOP_TRACK.artists,
      album: TOP_TRACK.album,
      longestStreak: { days: 4, from: '2025-06-01', to: '2025-06-04' },
    },
    UNKNOWN_KEY,
  )
  @ApiParam({ ...KEY_PARAM, example: TOP_TRACK.trackId })
  async track(@Query() _query: StatsQueryDto, @Param('key') _key: string, @Prepared() p: PreparedStats): Promise<TrackStatsDto> {
    return entity(await p.engine.track(p.request.insight!.entity!.key, p.query), 'track');
  }

  @StatsEndpoint(
    'album',
    'One album',
    `The album ${ENTITY_RANGE}; its artists, cover and tracks played in the range (limit, by).`,
    AlbumStatsDto,
    false,
    {
      key: TOP_ALBUM.albumId,
      name: TOP_ALBUM.name,
      ...ENTITY,
      artists: TOP_ALBUM.artists,
      imageUrl: TOP_ALBUM.imageUrl,
      tracks: [TOP_TRACK],
    },
    UNKNOWN_KEY,
  )
  @ApiParam({ ...KEY_PARAM, example: TOP_ALBUM.albumId })
  async album(@Query() _query: StatsQueryDto, @Param('key') _key: string, @Prepared() p: PreparedStats): Promise<AlbumStatsDto> {
    return entity(await p.engine.album(p.request.insight!.entity!.key, p.query), 'album');
  }

  @StatsEndpoint(
    'genre',
    'One genre',
    `The genre (a play counts toward each genre of its primary artist) ${ENTITY_RANGE}; its top artists in the range (limit, by).`,
    GenreStatsDto,
    false,
    { key: 'art rock', name: 'art rock', ...ENTITY, topArtists: [TOP_ARTIST] },
    UNKNOWN_KEY,
  )
  @ApiParam({ name: 'genre', description: 'The genre as top-genres names it, URL-encoded.', example: 'art rock' })
  async genre(@Query() _query: StatsQueryDto, @Param('genre') _genre: string, @Prepared() p: PreparedStats): Promise<GenreStatsDto> {
    return entity(await p.engine.genre(p.request.insight!.entity!.key, p.query), 'genre');
  }

  @StatsEndpoint(
    'compare',
    'Compare two ranges',
    'The top of a dimension over [from, to) (limit, by) with each item’s rank, plays and minutes over [compareFrom, compareTo) (default: the range of equal length just before) and its movement (previousRank − rank; null when new); totals of both ranges.',
    CompareDto,
    false,
    {
      items: [
        {
          rank: 1,
          key: TOP_ARTIST.artistId,
          name: TOP_ARTIST.name,
          plays: 120,
          minutes: 430.5,
          previousRank: 4,
          previousPlays: 61,
          previousMinutes: 220.75,
          movement: 3,
        },
      ],
      totals: { plays: 2400, minutes: 8123.4, previousPlays: 2100, previousMinutes: 7011.9 },
    },
  )
  compare(@Query() _query: CompareQueryDto, @Prepared() p: PreparedStats): CompareDto {
    const { dimension, previous } = p.request.insight!;
    return p.engine.compare(dimension!, p.query, previous!);
  }

  @StatsEndpoint(
    'search',
    'Search artists, tracks and albums',
    'Artists, tracks and albums of the account whose names contain q, ignoring case and accents; most played (by) inside [from, to) first, all time by default; up to limit of each.',
    SearchResultsDto,
    false,
    { artists: [TOP_ARTIST], tracks: [TOP_TRACK], albums: [TOP_ALBUM] },
  )
  search(@Query() _query: SearchQueryDto, @Prepared() p: PreparedStats): Promise<SearchResultsDto> {
    return p.engine.search(p.request.insight!.q!, p.query);
  }

  @StatsEndpoint(
    'on-this-day',
    'On this day',
    'What was played on the same local date (tz) in each earlier year with plays on it, newest first: plays, minutes, top artists and tracks (limit, by). A 29 February looks back at leap years only.',
    OnThisDayDto,
    false,
    {
      date: '2026-05-14',
      timeZone: 'Europe/Berlin',
      years: [{ year: 2025, date: '2025-05-14', plays: 37, minutes: 121.8, topArtists: [TOP_ARTIST], topTracks: [TOP_TRACK] }],
    },
  )
  onThisDay(@Query() _query: OnThisDayQueryDto, @Prepared() p: PreparedStats): Promise<OnThisDayDto> {
    return p.engine.onThisDay(p.request.insight!.date!, p.query);
  }

  @StatsEndpoint(
    'forgotten',
    'Forgotten favourites',
    'Artists (tracks, albums, genres) most played (by) before the local day six months before today (tz) and never since; up to limit.',
    ForgottenFavouritesDto,
    false,
    {
      since: '2025-11-14',
      dimension: 'artists',
      items: [
        {
          rank: 1,
          key: TOP_ARTIST.artistId,
          name: TOP_ARTIST.name,
          plays: 212,
          minutes: 800.4,
          firstPlayedAt: '2021-02-11T09:12:00.000Z',
          lastPlayedAt: '2025-01-30T20:45:10.000Z',
        },
      ],
    },
  )
  forgotten(@Query() _query: ForgottenQueryDto, @Prepared() p: PreparedStats): ForgottenFavouritesDto {
    const { dimension, since } = p.request.insight!;
    return p.engine.forgotten(dimension!, since!, p.query);
  }

  @StatsEndpoint(
    'behaviour',
    'Listening behaviour',
    'How the plays of [from, to) were listened to, or only those of one artist (primary artist), track or album (artist, track or album: its key): skip rate, shuffle and offline shares, platform families, and the reasons plays started and ended. Only extended-history imports record behaviour: knownPlays says how many do, and every share is over the plays that record it. 404 for a key the account never played; 400 for more than one of artist, track and album.',
    BehaviourDto,
    false,
    {
      entity: { kind: 'artist', key: TOP_ARTIST.artistId, name: TOP_ARTIST.name },
      plays: 321,
      knownPlays: 250,
      skipped: { plays: 40, knownPlays: 250, share: 0.16 },
      shuffle: { plays: 100, knownPlays: 250, share: 0.4 },
      offline: { plays: 5, knownPlays: 250, share: 0.02 },
      platforms: {
        knownPlays: 250,
        items: [
          { name: 'android', plays: 200, share: 0.8 },
          { name: 'macos', plays: 50, share: 0.2 },
        ],
      },
      reasonStart: { knownPlays: 250, items: [{ name: 'trackdone', plays: 250, share: 1 }] },
      reasonEnd: {
        knownPlays: 250,
        items: [
          { name: 'trackdone', plays: 210, share: 0.84 },
          { name: 'fwdbtn', plays: 40, share: 0.16 },
        ],
      },
    },
    UNKNOWN_KEY,
  )
  behaviour(@Query() _query: BehaviourQueryDto, @Prepared() p: PreparedStats): BehaviourDto {
    const asked = p.request.insight?.entity;
    const about = asked && asked.kind !== 'genre' ? { kind: asked.kind, key: asked.key } : null;
    return entity(p.engine.behaviour(p.query, about), asked?.kind ?? 'behaviour');
  }
}
