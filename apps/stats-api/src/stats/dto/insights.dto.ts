import { ApiProperty } from '@nestjs/swagger';
import { ActivityBucketDto, AlbumRefDto, ArtistRefDto, StreakDto, TopAlbumDto, TopArtistDto, TopTrackDto } from './stats-responses.dto';

/** Response bodies of the insight routes (issue #25): one entity over a range, comparisons, search, on this day, forgotten favourites. */

export class HourDto {
  @ApiProperty({ example: 21, minimum: 0, maximum: 23 }) hour: number;
  @ApiProperty({ example: 14 }) plays: number;
  @ApiProperty({ example: 52.3 }) minutes: number;
}

/** What every entity route answers. */
export class EntityStatsDto {
  @ApiProperty({ example: '4Z8W4fKeB5YxbusRsdQVPb', description: 'The key asked for: an id, or the name key of a name-only import.' })
  key: string;
  @ApiProperty({ example: 'Radiohead' }) name: string;
  @ApiProperty({ example: 321, description: 'Plays inside the range.' }) plays: number;
  @ApiProperty({ example: 1180.25, description: 'Listening time inside the range (minutes).' }) minutes: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 3,
    description:
      "Rank among the range's artists (tracks, albums, genres) by `by`, as its top list would rank it; null without plays in the range.",
  })
  rank: number | null;
  @ApiProperty({ format: 'date-time', example: '2019-04-02T18:03:00.000Z', description: 'First play ever (not only in the range).' })
  firstPlayedAt: string;
  @ApiProperty({ format: 'date-time', example: '2025-12-30T21:14:09.000Z', description: 'Last play ever (not only in the range).' })
  lastPlayedAt: string;
  @ApiProperty({
    enum: ['day', 'month'],
    example: 'month',
    description: 'Bucket of `activity`: day for a range shorter than 90 days (both bounds given), else month.',
  })
  activityBucket: 'day' | 'month';
  @ApiProperty({
    type: [ActivityBucketDto],
    description: 'Plays and minutes per month (YYYY-MM) or day (YYYY-MM-DD) in tz, buckets with plays, ascending.',
  })
  activity: ActivityBucketDto[];
  @ApiProperty({ type: [HourDto], description: '24 hours of the day in tz (0–23), zeros included.' }) hours: HourDto[];
}

export class ArtistStatsDto extends EntityStatsDto {
  @ApiProperty({ type: String, nullable: true, example: 'https://i.scdn.co/image/ab6761610000e5eb' }) imageUrl: string | null;
  @ApiProperty({
    type: [String],
    example: ['art rock', 'alternative rock'],
    description: "The artist's genres (none for a name-only artist).",
  })
  genres: string[];
  @ApiProperty({ type: [TopTrackDto], description: "The artist's tracks (as primary artist) in the range, ranked (up to limit)." })
  topTracks: TopTrackDto[];
  @ApiProperty({ type: [TopAlbumDto], description: "Albums of the artist's plays in the range, ranked (up to limit)." })
  topAlbums: TopAlbumDto[];
}

export class TrackStatsDto extends EntityStatsDto {
  @ApiProperty({ type: [ArtistRefDto], description: 'Credited artists in credit order.' }) artists: ArtistRefDto[];
  @ApiProperty({ type: AlbumRefDto, nullable: true }) album: AlbumRefDto | null;
  @ApiProperty({ type: StreakDto, description: 'Longest run of consecutive days (in tz) with a play of the track inside the range.' })
  longestStreak: StreakDto;
}

export class AlbumStatsDto extends EntityStatsDto {
  @ApiProperty({ type: [ArtistRefDto], description: 'Album artists (the first play’s artist for a name-only album).' })
  artists: ArtistRefDto[];
  @ApiProperty({ type: String, nullable: true, example: 'https://i.scdn.co/image/ab67616d0000b273' }) imageUrl: string | null;
  @ApiProperty({ type: [TopTrackDto], description: "The album's tracks played in the range, ranked (up to limit)." }) tracks: TopTrackDto[];
}

export class GenreStatsDto extends EntityStatsDto {
  @ApiProperty({ type: [TopArtistDto], description: 'Artists of the genre in the range, ranked (up to limit).' })
  topArtists: TopArtistDto[];
}

export class CompareItemDto {
  @ApiProperty({ example: 1 }) rank: number;
  @ApiProperty({ example: '4Z8W4fKeB5YxbusRsdQVPb', description: 'The key the top lists and the entity routes use (a genre: its name).' })
  key: string;
  @ApiProperty({ example: 'Radiohead' }) name: string;
  @ApiProperty({ example: 120 }) plays: number;
  @ApiProperty({ example: 430.5 }) minutes: number;
  @ApiProperty({ type: Number, nullable: true, example: 4, description: 'Rank in the compared range; null when absent from it.' })
  previousRank: number | null;
  @ApiProperty({ example: 61, description: 'Plays in the compared range (0 when absent).' }) previousPlays: number;
  @ApiProperty({ example: 220.75 }) previousMinutes: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 3,
    description: 'previousRank − rank: positive moved up, negative moved down, 0 the same; null when new.',
  })
  movement: number | null;
}

export class CompareTotalsDto {
  @ApiProperty({ example: 2400, description: 'Plays inside [from, to).' }) plays: number;
  @ApiProperty({ example: 8123.4 }) minutes: number;
  @ApiProperty({ example: 2100, description: 'Plays inside [compareFrom, compareTo).' }) previousPlays: number;
  @ApiProperty({ example: 7011.9 }) previousMinutes: number;
}

export class CompareDto {
  @ApiProperty({ type: [CompareItemDto] }) items: CompareItemDto[];
  @ApiProperty({ type: CompareTotalsDto }) totals: CompareTotalsDto;
}

export class SearchResultsDto {
  @ApiProperty({ type: [TopArtistDto], description: 'Matching artists, most played first (rank: position among the matches).' })
  artists: TopArtistDto[];
  @ApiProperty({ type: [TopTrackDto] }) tracks: TopTrackDto[];
  @ApiProperty({ type: [TopAlbumDto] }) albums: TopAlbumDto[];
}

export class OnThisDayYearDto {
  @ApiProperty({ example: 2023 }) year: number;
  @ApiProperty({ format: 'date', example: '2023-05-14' }) date: string;
  @ApiProperty({ example: 37 }) plays: number;
  @ApiProperty({ example: 121.8 }) minutes: number;
  @ApiProperty({ type: [TopArtistDto] }) topArtists: TopArtistDto[];
  @ApiProperty({ type: [TopTrackDto] }) topTracks: TopTrackDto[];
}

export class OnThisDayDto {
  @ApiProperty({ format: 'date', example: '2026-05-14' }) date: string;
  @ApiProperty({ example: 'Europe/Berlin' }) timeZone: string;
  @ApiProperty({ type: [OnThisDayYearDto], description: 'Earlier years with plays on that local date, newest first.' })
  years: OnThisDayYearDto[];
}

export class ForgottenDto {
  @ApiProperty({ example: 1 }) rank: number;
  @ApiProperty({ example: '4Z8W4fKeB5YxbusRsdQVPb' }) key: string;
  @ApiProperty({ example: 'Radiohead' }) name: string;
  @ApiProperty({ example: 212, description: 'Plays ever (all before `since`).' }) plays: number;
  @ApiProperty({ example: 800.4 }) minutes: number;
  @ApiProperty({ format: 'date-time', example: '2021-02-11T09:12:00.000Z' }) firstPlayedAt: string;
  @ApiProperty({ format: 'date-time', example: '2025-01-30T20:45:10.000Z' }) lastPlayedAt: string;
}

export class ForgottenFavouritesDto {
  @ApiProperty({
    format: 'date',
    example: '2025-11-14',
    description: 'Six months before today in tz: nothing was played from this local day on.',
  })
  since: string;
  @ApiProperty({ enum: ['artists', 'tracks', 'albums', 'genres'], example: 'artists' }) dimension: string;
  @ApiProperty({ type: [ForgottenDto], description: 'Most played first (by), ties by name.' }) items: ForgottenDto[];
}
