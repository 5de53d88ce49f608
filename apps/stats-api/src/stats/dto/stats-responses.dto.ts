import { ApiProperty } from '@nestjs/swagger';

export class SummaryDto {
  @ApiProperty({ example: 1234 }) plays: number;
  @ApiProperty({ example: 4321.57, description: 'Listening time in minutes (ms / 60000 summed, then rounded to 2 decimals).' })
  minutes: number;
  @ApiProperty({ example: 512 }) distinctTracks: number;
  @ApiProperty({ example: 180 }) distinctArtists: number;
  @ApiProperty({ example: 240 }) distinctAlbums: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2025-01-01T08:12:45.123Z' }) firstPlayedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2025-12-31T22:03:10.000Z' }) lastPlayedAt: string | null;
}

export class ArtistRefDto {
  @ApiProperty({ example: '4Z8W4fKeB5YxbusRsdQVPb', description: 'Spotify artist id, or the name when only a name is known.' }) id: string;
  @ApiProperty({ example: 'Radiohead' }) name: string;
}

export class AlbumRefDto {
  @ApiProperty({ example: '6dVIqQ8qmQ5GBnJ9shOYGE', description: 'Spotify album id, or "artist - album" for name-only imports.' })
  id: string;
  @ApiProperty({ example: 'OK Computer' }) name: string;
}

export class TopArtistDto {
  @ApiProperty({ example: 1 }) rank: number;
  @ApiProperty({ example: '4Z8W4fKeB5YxbusRsdQVPb', description: 'Primary artist id; the name stands in when only a name is known.' })
  artistId: string;
  @ApiProperty({ example: 'Radiohead' }) name: string;
  @ApiProperty({ example: 321 }) plays: number;
  @ApiProperty({ example: 1180.25 }) minutes: number;
  @ApiProperty({ type: String, nullable: true, example: 'https://i.scdn.co/image/ab6761610000e5eb' }) imageUrl: string | null;
}

export class TopTrackDto {
  @ApiProperty({ example: 1 }) rank: number;
  @ApiProperty({ example: '3SVAN3BRByDmHOhKyIDxfC', description: 'Spotify track id, or "artist - track" for name-only imports.' })
  trackId: string;
  @ApiProperty({ example: 'Paranoid Android' }) name: string;
  @ApiProperty({ type: [ArtistRefDto], description: 'Credited artists in credit order.' }) artists: ArtistRefDto[];
  @ApiProperty({ type: AlbumRefDto, nullable: true }) album: AlbumRefDto | null;
  @ApiProperty({ example: 42 }) plays: number;
  @ApiProperty({ example: 268.8 }) minutes: number;
}

export class TopAlbumDto {
  @ApiProperty({ example: 1 }) rank: number;
  @ApiProperty({ example: '6dVIqQ8qmQ5GBnJ9shOYGE', description: 'Spotify album id, or "artist - album" for name-only imports.' })
  albumId: string;
  @ApiProperty({ example: 'OK Computer' }) name: string;
  @ApiProperty({ type: [ArtistRefDto] }) artists: ArtistRefDto[];
  @ApiProperty({ example: 97 }) plays: number;
  @ApiProperty({ example: 402.1 }) minutes: number;
  @ApiProperty({ type: String, nullable: true, example: 'https://i.scdn.co/image/ab67616d0000b273' }) imageUrl: string | null;
}

export class TopGenreDto {
  @ApiProperty({ example: 1 }) rank: number;
  @ApiProperty({ example: 'art rock' }) genre: string;
  @ApiProperty({ example: 640 }) plays: number;
  @ApiProperty({ example: 2301.4 }) minutes: number;
}

export class ActivityBucketDto {
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'integer' }],
    example: '2025-03-30',
    description: 'day: YYYY-MM-DD; week: YYYY-MM-DD of its Monday; month: YYYY-MM; year: YYYY; weekday: 0 (Monday)–6; hour: 0–23.',
  })
  bucket: string | number;
  @ApiProperty({ example: 57 }) plays: number;
  @ApiProperty({ example: 190.33 }) minutes: number;
}

export class HeatmapCellDto {
  @ApiProperty({ example: 0, minimum: 0, maximum: 6, description: '0 = Monday' }) weekday: number;
  @ApiProperty({ example: 18, minimum: 0, maximum: 23 }) hour: number;
  @ApiProperty({ example: 12 }) plays: number;
  @ApiProperty({ example: 40.5 }) minutes: number;
}

export class RecentPlayDto {
  @ApiProperty({ format: 'date-time', example: '2025-12-31T22:03:10.000Z' }) playedAt: string;
  @ApiProperty({ example: '3SVAN3BRByDmHOhKyIDxfC' }) trackId: string;
  @ApiProperty({ type: String, nullable: true, example: 'Paranoid Android' }) name: string | null;
  @ApiProperty({ type: [ArtistRefDto] }) artists: ArtistRefDto[];
  @ApiProperty({ type: AlbumRefDto, nullable: true }) album: AlbumRefDto | null;
  @ApiProperty({ example: 6.39, description: 'Listening time of this play.' }) minutes: number;
  @ApiProperty({ enum: ['poll', 'extended_history', 'account_data'], example: 'poll' }) source: string;
}

export class DiscoveryDto {
  @ApiProperty({ example: '4Z8W4fKeB5YxbusRsdQVPb' }) artistId: string;
  @ApiProperty({ example: 'Radiohead' }) name: string;
  @ApiProperty({
    format: 'date-time',
    example: '2025-02-14T19:30:00.000Z',
    description: 'First play of the artist ever (inside the range by definition).',
  })
  firstPlayedAt: string;
  @ApiProperty({ type: String, nullable: true, example: 'https://i.scdn.co/image/ab6761610000e5eb' }) imageUrl: string | null;
}

export class StreakDto {
  @ApiProperty({ example: 23 }) days: number;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2025-06-01' }) from: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2025-06-23', description: 'Last day of the streak (inclusive).' })
  to: string | null;
}

export class StreaksDto {
  @ApiProperty({ example: 4, description: 'Days in the streak that ends today or yesterday (in tz), 0 when there is none.' })
  current: number;
  @ApiProperty({ type: StreakDto }) longest: StreakDto;
}

export class SessionDto {
  @ApiProperty({ example: 1 }) rank: number;
  @ApiProperty({ format: 'date-time', example: '2025-08-09T20:01:00.000Z' }) start: string;
  @ApiProperty({ format: 'date-time', example: '2025-08-10T01:47:12.000Z', description: 'End of the last play (start + listening time).' })
  end: string;
  @ApiProperty({ example: 81 }) plays: number;
  @ApiProperty({ example: 77 }) distinctTracks: number;
  @ApiProperty({ example: 338.2 }) minutes: number;
}

export class BusiestDayDto {
  @ApiProperty({ format: 'date', example: '2025-08-09' }) date: string;
  @ApiProperty({ example: 140 }) plays: number;
  @ApiProperty({ example: 512.75 }) minutes: number;
}

export class DiscoveryCountsDto {
  @ApiProperty({ example: 85, description: 'Artists heard for the first time in the year.' }) artists: number;
  @ApiProperty({ example: 1020, description: 'Tracks heard for the first time in the year.' }) tracks: number;
  @ApiProperty({ type: [DiscoveryDto], description: 'The first new artists of the year, in order of discovery (up to `limit`).' })
  firstArtists: DiscoveryDto[];
}

export class WrappedDto {
  @ApiProperty({ example: 2025 }) year: number;
  @ApiProperty({ example: 'Europe/Berlin' }) timeZone: string;
  @ApiProperty({ type: SummaryDto }) totals: SummaryDto;
  @ApiProperty({ example: 287, description: 'Days with at least one play.' }) listeningDays: number;
  @ApiProperty({ type: [TopArtistDto] }) topArtists: TopArtistDto[];
  @ApiProperty({ type: [TopTrackDto] }) topTracks: TopTrackDto[];
  @ApiProperty({ type: [TopAlbumDto] }) topAlbums: TopAlbumDto[];
  @ApiProperty({ type: [TopGenreDto] }) topGenres: TopGenreDto[];
  @ApiProperty({
    type: BusiestDayDto,
    nullable: true,
    description: 'Day with the most plays (by=minutes: listening time); ties: earliest.',
  })
  busiestDay: BusiestDayDto | null;
  @ApiProperty({ type: HeatmapCellDto, nullable: true, description: 'Busiest hour of the week; ties: earliest cell.' })
  busiestHourOfWeek: HeatmapCellDto | null;
  @ApiProperty({ type: [HeatmapCellDto], description: 'All 168 hour-of-week cells.' }) hourOfWeek: HeatmapCellDto[];
  @ApiProperty({ type: DiscoveryCountsDto }) discoveries: DiscoveryCountsDto;
  @ApiProperty({ type: StreakDto }) longestStreak: StreakDto;
  @ApiProperty({ type: SessionDto, nullable: true }) longestSession: SessionDto | null;
}
