import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Access, CurrentPrincipal, type Principal } from '@rewind/service-kit';
import { parseBool, uuidPipe } from '../core/pipes';
import { AccountsService } from './accounts.service';
import { AccountDto, CreateAccountDto, CreatedAccountDto, UpdateAccountDto } from './dto/account.dto';

const ERROR_EXAMPLE = (statusCode: number, error: string, message: string) => ({ schema: { example: { statusCode, error, message } } });

@ApiTags('auth')
@Controller('api/auth/accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @Access.own()
  @ApiOperation({ summary: 'Connected Spotify accounts (never a token); a listener sees only their own' })
  @ApiOkResponse({
    type: AccountDto,
    isArray: true,
    example: [
      {
        id: '3f1c…',
        spotifyUserId: 'alice',
        displayName: 'Alice',
        status: 'active',
        tokenExpiresAt: '2026-11-20T13:00:00.000Z',
        lastRefreshAt: '2026-11-20T12:00:00.000Z',
        statusReason: null,
        label: null,
        isDemo: false,
        timeZone: 'Europe/Berlin',
        refreshTokenExpiresAt: '2027-05-20T12:00:00.000Z',
      },
    ],
  })
  list(@CurrentPrincipal() principal: Principal): Promise<AccountDto[]> {
    return this.accounts.list(principal);
  }

  @Post()
  @Access.admin()
  @ApiOperation({ summary: 'Headless setup: connect an account from a Spotify refresh token (checked against Spotify first)' })
  @ApiCreatedResponse({ type: CreatedAccountDto })
  @ApiBadRequestResponse(ERROR_EXAMPLE(400, 'Bad Request', 'refreshToken was refused by Spotify: Invalid refresh token'))
  @ApiConflictResponse(ERROR_EXAMPLE(409, 'Conflict', 'At most 5 Spotify accounts can be connected …'))
  @ApiServiceUnavailableResponse({ description: 'Spotify is not configured or not reachable' })
  create(@Body() body: CreateAccountDto): Promise<CreatedAccountDto> {
    return this.accounts.connectWithRefreshToken(body.refreshToken, { label: body.label, timeZone: body.timeZone });
  }

  @Patch(':id')
  @Access.account({ param: 'id' })
  @ApiOperation({
    summary:
      "Change an account's time zone and/or label; a new zone rebuilds the account's zone-dependent models (a transform run is requested)",
  })
  @ApiOkResponse({ type: AccountDto })
  @ApiBadRequestResponse(
    ERROR_EXAMPLE(
      400,
      'Bad Request',
      'timeZone must be an IANA time zone name such as Europe/Berlin or America/New_York, got "Mars/Olympus"',
    ),
  )
  @ApiNotFoundResponse(ERROR_EXAMPLE(404, 'Not Found', 'No account with id …'))
  update(@Param('id', uuidPipe('id')) id: string, @Body() body: UpdateAccountDto): Promise<AccountDto> {
    return this.accounts.update(id, body);
  }

  @Delete(':id')
  @Access.account({ param: 'id' })
  @HttpCode(204)
  @ApiOperation({
    summary: 'Disconnect an account; with purge=true its listening data (raw and marts) goes too. A listener can delete only their own',
  })
  @ApiQuery({
    name: 'purge',
    required: false,
    type: Boolean,
    description: 'Also delete every play, import, ingest run and mart row of the account',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse(ERROR_EXAMPLE(404, 'Not Found', 'No account with id …'))
  @ApiBadRequestResponse(ERROR_EXAMPLE(400, 'Bad Request', 'id must be a UUID'))
  async remove(@Param('id', uuidPipe('id')) id: string, @Query('purge') purge?: string): Promise<void> {
    await this.accounts.delete(id, parseBool(purge, 'purge') ?? false);
  }
}
