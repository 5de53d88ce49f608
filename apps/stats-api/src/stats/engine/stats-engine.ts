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
import type { Bucket, By } from '../stats-range';

/** A range of instants [from, to) (epoch ms, null = unbounded) and the zone its buckets are in. */
export interface StatsRange {
  from: number | null;
  to: number | null;
  tz: string;
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
}
