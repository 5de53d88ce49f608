import { BadRequestException, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiPayloadTooLargeResponse,
  ApiQuery,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { Access, assertOwnedBy, CurrentPrincipal, type Principal } from '@rewind/service-kit';
import type { Request } from 'express';
import { ImportCreatedDto, ImportStatusDto } from './dto/import-status.dto';
import { ImportsService } from './imports.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const errorExample = (statusCode: number, error: string, message: string) => ({ schema: { example: { statusCode, error, message } } });

@ApiTags('imports')
@ApiBearerAuth('api-token')
@Controller('api/ingest/imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post()
  @Access.account({ query: 'accountId' })
  @HttpCode(202)
  @ApiOperation({
    summary: 'Import a Spotify privacy export',
    description:
      'Upload one .zip (extended streaming history or account data, as Spotify sends it) or one or more of its .json files in the multipart field `files`. ' +
      'The files are streamed to disk and imported in the background; follow the job with GET /api/ingest/imports/{id}. Re-importing adds nothing.',
  })
  @ApiQuery({
    name: 'accountId',
    required: true,
    format: 'uuid',
    description: "The account the history belongs to (a signed-in listener's own when omitted)",
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['files'],
      properties: {
        files: {
          type: 'array',
          items: { type: 'string', format: 'binary' },
          description: 'my_spotify_data.zip, or Streaming_History_Audio_*.json / StreamingHistory_music_*.json files',
        },
      },
    },
  })
  @ApiAcceptedResponse({ type: ImportCreatedDto, description: 'Queued' })
  @ApiBadRequestResponse(
    errorExample(
      400,
      'Bad Request',
      'my_spotify_data.zip holds an entry with an unsafe path ("../evil.json"): absolute paths and ".." are refused',
    ),
  )
  @ApiNotFoundResponse(errorExample(404, 'Not Found', 'No account with accountId 0b9e3f5a-6f55-4d36-8a57-0f1a9c1c2b3d'))
  @ApiPayloadTooLargeResponse(
    errorExample(413, 'Payload Too Large', 'Upload is larger than the limit of 1073741824 bytes (IMPORT_MAX_BYTES)'),
  )
  @ApiUnsupportedMediaTypeResponse(
    errorExample(
      415,
      'Unsupported Media Type',
      "notes.pdf is neither JSON nor a zip: upload the .json files of a Spotify privacy export, or the export's .zip",
    ),
  )
  async create(@Query('accountId') accountId: string | undefined, @Req() req: Request): Promise<ImportCreatedDto> {
    if (!accountId) throw new BadRequestException('accountId is required (the account the history belongs to)');
    if (!UUID.test(accountId)) throw new BadRequestException('accountId must be a UUID');
    return { importId: await this.imports.createFromUpload(accountId, req) };
  }

  @Get(':id')
  @Access.own()
  @ApiOperation({ summary: 'Status and live progress of an import' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ImportStatusDto })
  @ApiBadRequestResponse(errorExample(400, 'Bad Request', 'id must be a UUID'))
  @ApiNotFoundResponse(errorExample(404, 'Not Found', 'No import with id 5d0b8c62-1f1e-4a47-9a55-0d2b1d0b9a11'))
  async get(
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('id must be a UUID') })) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ImportStatusDto> {
    const status = await this.imports.get(id);
    assertOwnedBy(principal, status.accountId, 'import', id);
    return status;
  }
}
