import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiConflictResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { INTERNAL_TOKEN_HEADER } from '@rewind/service-kit';
import { AccountsRepository } from '../accounts/accounts.repository';
import { InternalAuthGuard } from '../core/core.module';
import { parseBool, uuidPipe } from '../core/pipes';
import { AccessTokenDto, AccessTokenRequestDto, ActiveAccountDto } from './dto/access-token.dto';
import { TokensService } from './tokens.service';

/** Service-to-service routes (x-internal-token); the gateway never forwards /internal/**. */
@ApiTags('internal')
@ApiHeader({ name: INTERNAL_TOKEN_HEADER, required: true, description: 'INTERNAL_TOKEN' })
@UseGuards(InternalAuthGuard)
@Controller('internal/accounts')
export class InternalAccountsController {
  constructor(
    private readonly tokens: TokensService,
    private readonly accounts: AccountsRepository,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Active accounts, for polling' })
  @ApiOkResponse({ type: ActiveAccountDto, isArray: true })
  listActive(): Promise<ActiveAccountDto[]> {
    return this.accounts.listActive();
  }

  @Post(':id/access-token')
  @HttpCode(200)
  @ApiOperation({ summary: 'A valid Spotify access token for the account (refreshed when under 5 minutes remain)' })
  @ApiQuery({ name: 'forceRefresh', required: false, type: Boolean })
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiNotFoundResponse({ description: 'Unknown account' })
  @ApiConflictResponse({ description: 'The account must be reconnected (Spotify refused its refresh token)' })
  async post(
    @Param('id', uuidPipe('id')) id: string,
    @Body() body: AccessTokenRequestDto,
    @Query('forceRefresh') force?: string,
  ): Promise<AccessTokenDto> {
    return this.issue(id, body?.forceRefresh ?? parseBool(force, 'forceRefresh'));
  }

  @Get(':id/access-token')
  @ApiOperation({ summary: 'Same as POST, for callers without a body' })
  @ApiQuery({ name: 'forceRefresh', required: false, type: Boolean })
  @ApiOkResponse({ type: AccessTokenDto })
  async get(@Param('id', uuidPipe('id')) id: string, @Query('forceRefresh') force?: string): Promise<AccessTokenDto> {
    return this.issue(id, parseBool(force, 'forceRefresh'));
  }

  private async issue(id: string, forceRefresh: boolean | undefined): Promise<AccessTokenDto> {
    const token = await this.tokens.getAccessToken(id, { forceRefresh });
    return { accessToken: token.accessToken, expiresAt: token.expiresAt.toISOString() };
  }
}
