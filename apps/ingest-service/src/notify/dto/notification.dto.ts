import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';

export const OUTBOX_STATUS_VALUES = ['pending', 'sent', 'failed', 'suppressed'] as const;

export class ListNotificationsQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 50, description: 'Newest rows first.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer between 1 and 500' })
  @Min(1, { message: 'limit must be an integer between 1 and 500' })
  @Max(500, { message: 'limit must be an integer between 1 and 500' })
  limit?: number;

  @ApiPropertyOptional({ enum: OUTBOX_STATUS_VALUES, description: 'Only rows with this status.' })
  @IsOptional()
  @IsIn(OUTBOX_STATUS_VALUES, { message: `status must be one of ${OUTBOX_STATUS_VALUES.join(', ')}` })
  status?: (typeof OUTBOX_STATUS_VALUES)[number];
}

export class NotificationItemDto {
  @ApiProperty({ example: '42' }) id: string;
  @ApiProperty({ enum: ['alert', 'recovery', 'weekly_summary', 'suppressed_summary', 'test'], example: 'alert' }) kind: string;
  @ApiProperty({ example: 'ingest_failed' }) type: string;
  @ApiProperty({ type: String, nullable: true, example: 'ingest:3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f' }) incident: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) accountId: string | null;
  @ApiProperty({ example: 'Polling recently-played failed' }) title: string;
  @ApiProperty({
    enum: OUTBOX_STATUS_VALUES,
    example: 'failed',
    description:
      'failed: undeliverable after NOTIFY_MAX_ATTEMPTS (kept); suppressed: held back by the rate limit and reported in a summary.',
  })
  status: string;
  @ApiProperty({ example: 8 }) attempts: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Next delivery attempt (pending rows).' }) nextAttemptAt:
    string | null;
  @ApiProperty({ type: String, nullable: true, example: 'attempt 8: webhook answered HTTP 500: upstream error' }) lastError: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 500 }) responseStatus: number | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt: string | null;
}

export class NotificationListDto {
  @ApiProperty({ description: 'NOTIFY_WEBHOOK_URL is set.' }) enabled: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'https://hooks.slack.com/…',
    description: 'Scheme and host only (the path of a Slack webhook is a secret).',
  })
  webhook: string | null;
  @ApiProperty({ enum: ['slack', 'json'] }) format: string;
  @ApiProperty({
    type: [String],
    example: [
      'ingest_failed',
      'import_failed',
      'transform_failed',
      'data_test_failed',
      'reauth_required',
      'gap_detected',
      'weekly_summary',
    ],
  })
  events: string[];
  @ApiProperty({ example: '0 9 * * 1' }) weeklyCron: string;
  @ApiProperty({ example: 20 }) maxPerHour: number;
  @ApiProperty({ type: [NotificationItemDto] }) items: NotificationItemDto[];
}

export class TestNotificationResultDto {
  @ApiProperty({ example: '43', description: 'Outbox row recording the test.' }) id: string;
  @ApiProperty({ example: true, description: 'The webhook answered 2xx.' }) delivered: boolean;
  @ApiProperty({ example: 'https://hooks.slack.com/…' }) webhook: string;
  @ApiProperty({ enum: ['slack', 'json'] }) format: string;
  @ApiProperty({ type: Number, nullable: true, example: 200, description: 'HTTP status of the answer; null when none came.' }) status:
    number | null;
  @ApiProperty({ example: 'ok', description: 'First 300 characters of the answer body.' }) bodyExcerpt: string;
  @ApiProperty({ example: 142 }) latencyMs: number;
  @ApiProperty({ type: String, nullable: true, example: null }) error: string | null;
}
