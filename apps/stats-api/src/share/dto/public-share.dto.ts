import { ApiProperty, OmitType } from '@nestjs/swagger';
import {
  DiscoveryCountsDto,
  DiscoveryDto,
  SummaryDto,
  TopAlbumDto,
  TopArtistDto,
  TopGenreDto,
  TopTrackDto,
  WrappedDto,
} from '../../stats/dto/stats-responses.dto';

// GET /api/share/:id: the stats documents of stats-responses.dto.ts as a share link publishes
// them, with every `id` and `…Id` key removed (share.service.ts, withoutIds).

export class PublicRefDto {
  @ApiProperty({ example: 'Radiohead' }) name: string;
}

export class PublicTopArtistDto extends OmitType(TopArtistDto, ['artistId'] as const) {}

export class PublicTopTrackDto extends OmitType(TopTrackDto, ['trackId', 'artists', 'album'] as const) {
  @ApiProperty({ type: [PublicRefDto], description: 'Credited artists in credit order.' }) artists: PublicRefDto[];
  @ApiProperty({ type: PublicRefDto, nullable: true }) album: PublicRefDto | null;
}

export class PublicTopAlbumDto extends OmitType(TopAlbumDto, ['albumId', 'artists'] as const) {
  @ApiProperty({ type: [PublicRefDto] }) artists: PublicRefDto[];
}

export class PublicDiscoveryDto extends OmitType(DiscoveryDto, ['artistId'] as const) {}

export class PublicDiscoveryCountsDto extends OmitType(DiscoveryCountsDto, ['firstArtists'] as const) {
  @ApiProperty({ type: [PublicDiscoveryDto], description: 'The first new artists of the year, in order of discovery.' })
  firstArtists: PublicDiscoveryDto[];
}

export class PublicWrappedDto extends OmitType(WrappedDto, ['topArtists', 'topTracks', 'topAlbums', 'discoveries'] as const) {
  @ApiProperty({ type: [PublicTopArtistDto] }) topArtists: PublicTopArtistDto[];
  @ApiProperty({ type: [PublicTopTrackDto] }) topTracks: PublicTopTrackDto[];
  @ApiProperty({ type: [PublicTopAlbumDto] }) topAlbums: PublicTopAlbumDto[];
  @ApiProperty({ type: PublicDiscoveryCountsDto }) discoveries: PublicDiscoveryCountsDto;
}

export class PublicRangeDto {
  @ApiProperty({ type: SummaryDto }) summary: SummaryDto;
  @ApiProperty({ type: [PublicTopArtistDto] }) topArtists: PublicTopArtistDto[];
  @ApiProperty({ type: [PublicTopTrackDto] }) topTracks: PublicTopTrackDto[];
  @ApiProperty({ type: [PublicTopAlbumDto] }) topAlbums: PublicTopAlbumDto[];
  @ApiProperty({ type: [TopGenreDto] }) topGenres: TopGenreDto[];
}

class PublicShareHeadDto {
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the link stops working; null: never' })
  expiresAt: string | null;
}

export class PublicWrappedShareDto extends PublicShareHeadDto {
  @ApiProperty({ enum: ['wrapped'] }) kind: 'wrapped';
  @ApiProperty({ example: 2025 }) year: number;
  @ApiProperty({ type: PublicWrappedDto }) wrapped: PublicWrappedDto;
}

export class PublicRangeShareDto extends PublicShareHeadDto {
  @ApiProperty({ enum: ['range'] }) kind: 'range';
  @ApiProperty({ type: String, format: 'date', example: '2025-06-01', description: 'First day, inclusive' }) from: string;
  @ApiProperty({ type: String, format: 'date', example: '2025-09-01', description: 'Last day, exclusive' }) to: string;
  @ApiProperty({ type: PublicRangeDto }) range: PublicRangeDto;
}

export type PublicShareDto = PublicWrappedShareDto | PublicRangeShareDto;
