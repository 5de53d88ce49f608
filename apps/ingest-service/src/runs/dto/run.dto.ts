import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INGEST_RUN_STATUSES, type IngestRunStatus } from '@rewind/db';

export class RunGapDto {
  @ApiProperty({ format: 'date-time', description: 'Newest play stored before the poll', example: '2026-11-20T08:01:02.345Z' })
  from: string;

  @ApiProperty({ format: 'date-time', description: 'Oldest play the poll returned', example: '2026-11-20T14:31:40.120Z' })
  to: string;

  @ApiProperty({ description: 'An import has filled the range since', example: false })
  covered: boolean;

  @ApiProperty({
    example:
      'More than 50 plays happened between two polls, so plays between 2026-11-20T08:01:02.345Z and 2026-11-20T14:31:40.120Z may be missing: import your Spotify privacy export to fill it',
  })
  message: string;
}

export class RunDto {
  @ApiProperty({ format: 'uuid', example: '5d0b8c62-1f1e-4a47-9a55-0d2b1d0b9a11' })
  id: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, example: '0b9e3f5a-6f55-4d36-8a57-0f1a9c1c2b3d' })
  accountId: string | null;

  @ApiProperty({ enum: ['schedule', 'manual', 'demo'], example: 'schedule' })
  trigger: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-20T12:30:00.012Z' })
  startedAt: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: '2026-11-20T12:30:00.410Z' })
  finishedAt: string | null;

  @ApiProperty({ enum: INGEST_RUN_STATUSES, example: 'succeeded' })
  status: IngestRunStatus;

  @ApiProperty({ description: 'Plays Spotify returned', example: 12 })
  fetched: number;

  @ApiProperty({ description: 'Plays stored', example: 11 })
  inserted: number;

  @ApiProperty({ description: 'Plays already stored (polled before, or imported)', example: 1 })
  duplicates: number;

  @ApiProperty({ nullable: true, type: String, description: 'Why the run failed or was skipped', example: null })
  error: string | null;

  @ApiPropertyOptional({
    type: RunGapDto,
    nullable: true,
    description: 'Set when plays may have been lost (more than 50 listens between two polls)',
  })
  gap: RunGapDto | null;
}

export class CreateIngestRunDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Poll only this account (default: every active account)' })
  accountId?: string;
}

export class RunCreatedDto {
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The run (the first one when several accounts are polled; null when no account is active)',
  })
  runId: string | null;

  @ApiProperty({ type: [String], description: 'Every run started, one per account' })
  runIds: string[];
}
