import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ComponentStatus } from './system-health.service';

// GET /api/health as the OpenAPI document (and the clients generated from it) describes it.

export class ServiceHealthDto {
  @ApiProperty({ enum: ['ok', 'degraded', 'down'], example: 'ok' })
  status!: ComponentStatus;

  @ApiPropertyOptional({ description: 'Why the service is degraded or down, when it says', example: 'not reachable' })
  reason?: string;
}

export class ServicesHealthDto {
  @ApiProperty({ type: ServiceHealthDto })
  auth!: ServiceHealthDto;

  @ApiProperty({ type: ServiceHealthDto })
  ingest!: ServiceHealthDto;

  @ApiProperty({ type: ServiceHealthDto })
  transform!: ServiceHealthDto;

  @ApiProperty({ type: ServiceHealthDto })
  stats!: ServiceHealthDto;
}

export class DatabaseHealthDto {
  @ApiProperty({ enum: ['ok', 'down'], example: 'ok' })
  status!: 'ok' | 'down';
}

export class SystemHealthDto {
  @ApiProperty({ enum: ['ok', 'degraded', 'down'], description: 'down: the database or every service is down' })
  status!: ComponentStatus;

  @ApiProperty({ type: ServicesHealthDto })
  services!: ServicesHealthDto;

  @ApiProperty({ type: DatabaseHealthDto })
  database!: DatabaseHealthDto;
}
