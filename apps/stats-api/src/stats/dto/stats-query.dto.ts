import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

/** Query parameters shared by every stats route (validated and parsed by StatsService, messages name the parameter). */
export class StatsQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Account; optional when exactly one account exists.',
    example: '3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f',
  })
  @IsOptional()
  @IsString()
  accountId?: string;

  @ApiPropertyOptional({
    description:
      'Start of the range, inclusive: ISO date (midnight in `tz`) or date-time (read in `tz` when it has no offset). Unbounded when absent.',
    example: '2025-01-01',
  })
  @IsOptional()
  @IsString()
  from?: string;

  @ApiPropertyOptional({
    description: 'End of the range, exclusive (same formats as `from`). Unbounded when absent.',
    example: '2026-01-01',
  })
  @IsOptional()
  @IsString()
  to?: string;

  @ApiPropertyOptional({
    description: "IANA time zone for dates, buckets, weekdays and hours; default the account's zone, else UTC.",
    example: 'Europe/Berlin',
  })
  @IsOptional()
  @IsString()
  tz?: string;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'Rows to return (1–100) on ranked and list routes.',
    minimum: 1,
    maximum: 100,
    default: 10,
    example: 10,
  })
  @IsOptional()
  @IsString()
  limit?: string;

  @ApiPropertyOptional({
    enum: ['plays', 'minutes'],
    default: 'plays',
    description: 'Ranking measure of the top routes (ties by name ascending).',
  })
  @IsOptional()
  @IsString()
  by?: string;
}

export class ActivityQueryDto extends StatsQueryDto {
  @ApiPropertyOptional({
    enum: ['day', 'week', 'month', 'year', 'weekday', 'hour'],
    default: 'day',
    description: 'Bucket size; week buckets start on Monday; weekday 0 = Monday.',
  })
  @IsOptional()
  @IsString()
  bucket?: string;
}

export class WrappedQueryDto extends StatsQueryDto {
  @ApiProperty({ type: 'integer', description: 'Calendar year of the recap (in `tz`); `from`/`to` are ignored.', example: 2025 })
  @IsOptional()
  @IsString()
  year?: string;
}
