import { BadRequestException, Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { Access } from '@rewind/service-kit';
import { CreateIngestRunDto, RunCreatedDto, RunDto } from './dto/run.dto';
import { RunsService } from './runs.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const errorExample = (statusCode: number, error: string, message: string) => ({ schema: { example: { statusCode, error, message } } });

function parseAccountId(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || !UUID.test(value)) throw new BadRequestException('accountId must be a UUID');
  return value.toLowerCase();
}

function parseLimit(value: unknown): number {
  if (value === undefined || value === '') return 20;
  if (typeof value !== 'string' || !/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 100) {
    throw new BadRequestException('limit must be an integer between 1 and 100');
  }
  return Number(value);
}

@ApiTags('ingest runs')
@ApiBearerAuth('api-token')
@Controller('api/ingest/runs')
export class RunsController {
  constructor(private readonly runs: RunsService) {}

  @Post()
  @Access.account({ body: 'accountId' })
  @HttpCode(202)
  @ApiOperation({
    summary: 'Poll recently-played now',
    description:
      'Polls one account, or every active account when no accountId is given, in the background. Each account gets a run in the ledger (GET /api/ingest/runs); ' +
      'an account that is not active or is being polled right now gets a run with status "skipped" and the reason.',
  })
  @ApiBody({ type: CreateIngestRunDto, required: false })
  @ApiAcceptedResponse({ type: RunCreatedDto, description: 'Started' })
  @ApiBadRequestResponse(errorExample(400, 'Bad Request', 'accountId must be a UUID'))
  @ApiNotFoundResponse(errorExample(404, 'Not Found', 'No account with accountId 0b9e3f5a-6f55-4d36-8a57-0f1a9c1c2b3d'))
  async create(@Body() body: unknown): Promise<RunCreatedDto> {
    if (body !== undefined && body !== null && (typeof body !== 'object' || Array.isArray(body)))
      throw new BadRequestException('the body must be a JSON object { accountId? }');
    const unknown = Object.keys(body ?? {}).filter((key) => key !== 'accountId');
    if (unknown.length) throw new BadRequestException(`unknown field(s) ${unknown.join(', ')}: the body is { accountId? }`);
    const accountId = parseAccountId((body as { accountId?: unknown } | undefined)?.accountId);
    return this.runs.start(accountId);
  }

  @Get()
  @Access.account({ query: 'accountId' })
  @ApiOperation({
    summary: 'The poll ledger, newest first',
    description: 'One row per account per poll, with what it fetched and stored, and any gap it detected.',
  })
  @ApiQuery({ name: 'accountId', required: false, description: 'Only this account', schema: { type: 'string', format: 'uuid' } })
  @ApiQuery({
    name: 'limit',
    required: false,
    description: 'Rows to return',
    schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
  })
  @ApiOkResponse({ type: RunDto, isArray: true })
  @ApiBadRequestResponse(errorExample(400, 'Bad Request', 'limit must be an integer between 1 and 100'))
  list(@Query('accountId') accountId?: unknown, @Query('limit') limit?: unknown): Promise<RunDto[]> {
    return this.runs.list(parseAccountId(accountId), parseLimit(limit));
  }
}
