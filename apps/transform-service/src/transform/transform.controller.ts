import { BadRequestException, Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { CreateTransformRunDto } from './dto/create-run.dto';
import { TransformModelDto, TransformRunCreatedDto, TransformRunDto } from './dto/transform-responses.dto';
import { Access } from '@rewind/service-kit';
import { TransformService } from './transform.service';

const RUN_EXAMPLE = {
  id: '7b0c1f4e-2d7a-4a8e-9b51-3c2f7e1d9a10',
  status: 'succeeded',
  trigger: 'manual',
  select: 'fct_plays+',
  fullRefresh: false,
  requestedAt: '2026-11-24T08:00:00.000Z',
  startedAt: '2026-11-24T08:00:00.012Z',
  finishedAt: '2026-11-24T08:00:00.410Z',
  error: null,
  models: [
    { name: 'fct_plays', version: '1', materialization: 'incremental', status: 'succeeded', rows: 51, durationMs: 38, error: null },
    { name: 'agg_daily', version: '1', materialization: 'incremental', status: 'succeeded', rows: 2, durationMs: 6, error: null },
  ],
  tests: [
    { name: 'unique_fct_plays__account_id__played_at', model: 'fct_plays', status: 'pass', failures: 0, error: null },
    { name: 'no_future_plays', model: 'fct_plays', status: 'pass', failures: 0, error: null },
  ],
};

const ERROR_400 = { statusCode: 400, error: 'Bad Request', message: 'select: no model named "fct_play"' };

@ApiTags('transform')
@Access.admin()
@ApiBearerAuth('api-token')
@Controller('api/transform')
export class TransformController {
  constructor(private readonly transforms: TransformService) {}

  @Post('runs')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Start a transform run',
    description: 'Queues a run of the selected models (all when no selector); runs execute one at a time.',
  })
  @ApiAcceptedResponse({ type: TransformRunCreatedDto, example: { runId: RUN_EXAMPLE.id } })
  @ApiBadRequestResponse({ schema: { example: ERROR_400 } })
  async createRun(@Body() body: CreateTransformRunDto): Promise<{ runId: string }> {
    const { runId } = await this.transforms.startRun({
      select: body.select?.trim() || null,
      fullRefresh: body.fullRefresh ?? false,
      trigger: 'manual',
    });
    return { runId };
  }

  @Get('runs/:id')
  @ApiOperation({ summary: 'A run with every model (status, rows, durationMs) and every data test result' })
  @ApiParam({ name: 'id', format: 'uuid', example: RUN_EXAMPLE.id })
  @ApiOkResponse({ type: TransformRunDto, example: RUN_EXAMPLE })
  @ApiBadRequestResponse({ schema: { example: { statusCode: 400, error: 'Bad Request', message: 'id must be a UUID' } } })
  @ApiNotFoundResponse({
    schema: { example: { statusCode: 404, error: 'Not Found', message: `No transform run with id ${RUN_EXAMPLE.id}` } },
  })
  getRun(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('id must be a UUID') })) id: string) {
    return this.transforms.getRun(id);
  }

  @Get('models')
  @ApiOperation({ summary: 'Every model in DAG order with its version, materialization, dependencies and last run' })
  @ApiOkResponse({
    type: TransformModelDto,
    isArray: true,
    example: [
      {
        name: 'fct_plays',
        version: '1',
        materialization: 'incremental',
        description: 'One row per play ...',
        file: 'marts/fct_plays.sql',
        dependsOn: ['stg_plays'],
        uniqueKey: ['account_id', 'played_at'],
        tests: ['unique_fct_plays__account_id__played_at'],
        lastRun: { runId: RUN_EXAMPLE.id, status: 'succeeded', rows: 51, durationMs: 38, finishedAt: RUN_EXAMPLE.finishedAt },
      },
    ],
  })
  listModels() {
    return this.transforms.listModels();
  }
}
