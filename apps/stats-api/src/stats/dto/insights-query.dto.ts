import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { StatsQueryDto } from './stats-query.dto';

const DIMENSIONS = ['artists', 'tracks', 'albums', 'genres'];

/** Query of GET /api/stats/compare (validated and parsed by StatsService, messages name the parameter). */
export class CompareQueryDto extends StatsQueryDto {
  @ApiProperty({ enum: DIMENSIONS, description: 'What is ranked and compared.', example: 'artists' })
  @IsOptional()
  @IsString()
  dimension?: string;

  @ApiPropertyOptional({
    description:
      'Start of the compared range, inclusive (same formats as `from`). When compareFrom and compareTo are both absent, the compared range is the one of equal length just before [from, to) (then both are required).',
    example: '2024-01-01',
  })
  @IsOptional()
  @IsString()
  compareFrom?: string;

  @ApiPropertyOptional({ description: 'End of the compared range, exclusive (same formats as `from`).', example: '2025-01-01' })
  @IsOptional()
  @IsString()
  compareTo?: string;
}

export class SearchQueryDto extends StatsQueryDto {
  @ApiProperty({
    description:
      'Text the names must contain, ignoring case and accents (`sigur ros` finds Sigur Rós); 1–100 characters. Matches are ranked by plays (or minutes) inside [from, to), all time by default; `limit` per kind.',
    example: 'sigur ros',
    minLength: 1,
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  q?: string;
}

export class OnThisDayQueryDto extends OmitType(StatsQueryDto, ['from', 'to'] as const) {
  @ApiPropertyOptional({
    format: 'date',
    description: 'The local date (in `tz`) to look back at in earlier years; default today. `limit` and `by` shape each year’s tops.',
    example: '2026-05-14',
  })
  @IsOptional()
  @IsString()
  date?: string;
}

export class ForgottenQueryDto extends OmitType(StatsQueryDto, ['from', 'to'] as const) {
  @ApiPropertyOptional({ enum: DIMENSIONS, default: 'artists', description: 'What is listed.' })
  @IsOptional()
  @IsString()
  dimension?: string;
}

const BEHAVIOUR_KEY = 'the key the top lists and entity routes use (an id, or the name key of a name-only import)';

/** Query of GET /api/stats/behaviour: the range's plays, or one entity's (at most one of artist, track, album). */
export class BehaviourQueryDto extends OmitType(StatsQueryDto, ['limit', 'by'] as const) {
  @ApiPropertyOptional({ description: `Only this artist's plays (primary artist): ${BEHAVIOUR_KEY}.`, example: '4Z8W4fKeB5YxbusRsdQVPb' })
  @IsOptional()
  @IsString()
  artist?: string;

  @ApiPropertyOptional({ description: `Only this track's plays: ${BEHAVIOUR_KEY}.`, example: '3SVAN3BRByDmHOhKyIDxfC' })
  @IsOptional()
  @IsString()
  track?: string;

  @ApiPropertyOptional({ description: `Only this album's plays: ${BEHAVIOUR_KEY}.`, example: '6dVIqQ8qmQ5GBnJ9shOYGE' })
  @IsOptional()
  @IsString()
  album?: string;
}
