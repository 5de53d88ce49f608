import { ApiProperty } from '@nestjs/swagger';

export class EnrichedCountDto {
  @ApiProperty({ example: 1234 })
  enriched: number;

  @ApiProperty({ example: 5120 })
  total: number;

  @ApiProperty({ description: 'Waiting in the enrichment queue', example: 3886 })
  queued: number;
}

export class EnrichmentBudgetDto {
  @ApiProperty({
    description: 'ENRICHMENT_DAILY_CALLS: Spotify calls enrichment may make per UTC day (polling is not counted)',
    example: 1000,
  })
  dailyCalls: number;

  @ApiProperty({ example: 412 })
  spentToday: number;

  @ApiProperty({ example: 588 })
  remainingToday: number;

  @ApiProperty({ format: 'date-time', description: "When today's budget is replaced by a new one (UTC midnight)" })
  resetsAt: string;
}

export class EnrichmentProgressDto {
  @ApiProperty({ example: '1,234 of 5,120 tracks enriched', description: 'The progress in words' })
  summary: string;

  @ApiProperty({ type: EnrichedCountDto, description: 'Tracks known by id (an import knows them by name until they are enriched)' })
  tracks: EnrichedCountDto;

  @ApiProperty({ type: EnrichedCountDto, description: 'Artists known by id (genres and images come with enrichment)' })
  artists: EnrichedCountDto;

  @ApiProperty({ type: EnrichmentBudgetDto })
  budget: EnrichmentBudgetDto;

  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description:
      'When the queue should be empty at the daily budget and the worker’s pace (artists found by enriching tracks join the queue as they are found); null when nothing is queued, or when the budget is 0',
  })
  estimatedCompletionAt: string | null;
}
