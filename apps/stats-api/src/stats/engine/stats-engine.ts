import type {
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
} from '../dto/stats-responses.dto';
import type {
  AlbumStatsDto,
  ArtistStatsDto,
  CompareDto,
  ForgottenFavouritesDto,
  GenreStatsDto,
  OnThisDayDto,
  SearchResultsDto,
  TrackStatsDto,
} from '../dto/insights.dto';
import type { BehaviourDto } from '../dto/behaviour.dto';
import type { Bucket, By } from '../stats-range';
import type { Dimension } from './catalog';

/** A range of instants [from, to) (epoch ms, null = unbounded) and the zone its buckets are in. */
export interface StatsRange {
  from: number | null;
  to: number | null;
  tz: string;
}

/** The artist, track or album a behaviour answer is restricted to (by its key). */
export interface BehaviourEntity {
  kind: 'artist' | 'track' | 'album';
  key: string;
}

export interface RankQuery extends StatsRange {
  by: By;
  limit: number;
}

/**
 * Every stats answer of one account, as typed numbers (the response DTOs): one implementation
 * (AccountStats over an AccountState), whatever the zone or range.
 */
export interface StatsEngine {
  summary(range: StatsRange): SummaryDto;
  topArtists(query: RankQuery): Promise<TopArtistDto[]>;
  topTracks(query: RankQuery): Promise<TopTrackDto[]>;
  topAlbums(query: RankQuery): Promise<TopAlbumDto[]>;
  topGenres(query: RankQuery): TopGenreDto[];
  activity(range: StatsRange, bucket: Bucket): ActivityBucketDto[];
  heatmap(range: StatsRange): HeatmapCellDto[];
  recent(range: StatsRange, limit: number): Promise<RecentPlayDto[]>;
  discoveries(range: StatsRange, limit: number): Promise<DiscoveryDto[]>;
  /** `today`: the ISO date of today in range.tz (the current streak ends today or yesterday). */
  streaks(range: StatsRange, today: string): StreaksDto;
  sessions(range: StatsRange, limit: number): SessionDto[];
  wrapped(year: number, query: RankQuery): Promise<WrappedDto>;
  /** Whether the account has played the key of `dim` (the entity routes answer 404 otherwise). */
  hasPlayed(dim: Dimension, key: string): boolean;
  /** One entity over the range (null: never played; see entity-stats.ts). */
  artist(key: string, query: RankQuery): Promise<ArtistStatsDto | null>;
  track(key: string, query: RankQuery): Promise<TrackStatsDto | null>;
  album(key: string, query: RankQuery): Promise<AlbumStatsDto | null>;
  genre(genre: string, query: RankQuery): Promise<GenreStatsDto | null>;
  compare(dim: Dimension, query: RankQuery, previous: { from: number | null; to: number | null }): CompareDto;
  search(text: string, query: RankQuery): Promise<SearchResultsDto>;
  /** `date`: an ISO date (the local date in query.tz looked back at). */
  onThisDay(date: string, query: RankQuery): Promise<OnThisDayDto>;
  /** `since`: the local date six months before today and the instant it starts. */
  forgotten(dim: Dimension, since: { date: string; at: number }, query: RankQuery): ForgottenFavouritesDto;
  /** Listening behaviour over the range, of one entity when given (null: never played; see behaviour.ts). */
  behaviour(range: StatsRange, entity: BehaviourEntity | null): BehaviourDto | null;
}
