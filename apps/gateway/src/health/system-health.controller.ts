import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { SystemHealthDto } from './system-health.dto';
import { SystemHealth, SystemHealthService } from './system-health.service';

const EXAMPLE: SystemHealth = {
  status: 'ok',
  services: { auth: { status: 'ok' }, ingest: { status: 'ok' }, transform: { status: 'ok' }, stats: { status: 'ok' } },
  database: { status: 'ok' },
};

@ApiTags('health')
@Controller('api/health')
export class SystemHealthController {
  constructor(private readonly health: SystemHealthService) {}

  @Get()
  @ApiOperation({ summary: 'Health of every service and the database (no token needed)' })
  @ApiOkResponse({ description: 'Everything is up (or degraded but serving)', type: SystemHealthDto, example: EXAMPLE })
  @ApiServiceUnavailableResponse({
    description: 'A service or the database is down (the same document, not an error)',
    type: SystemHealthDto,
    example: { ...EXAMPLE, status: 'degraded', services: { ...EXAMPLE.services, stats: { status: 'down', reason: 'not reachable' } } },
  })
  async get(@Res({ passthrough: true }) res: Response): Promise<SystemHealth> {
    const health = await this.health.check();
    const anyDown = health.database.status === 'down' || Object.values(health.services).some((s) => s.status === 'down');
    res.status(anyDown ? 503 : 200);
    return health;
  }
}
