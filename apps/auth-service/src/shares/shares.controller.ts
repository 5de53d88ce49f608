import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { Access, CurrentPrincipal, type Principal } from '@rewind/service-kit';
import type { Request } from 'express';
import { CreatedShareDto, CreateShareDto, ShareDto } from './dto/share.dto';
import { SharesService, SiteOrigin } from './shares.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.split(',')[0].trim();

/** The site the browser sees: the gateway passes its Host and scheme on as X-Forwarded-Host/-Proto. */
function siteOf(req: Request): SiteOrigin {
  const proto = first(req.headers['x-forwarded-proto']) === 'https' ? 'https' : 'http';
  const host = first(req.headers['x-forwarded-host']) || req.headers.host || '127.0.0.1:3000';
  return { proto, host };
}

@ApiTags('shares')
@Controller('api/auth/shares')
export class SharesController {
  constructor(private readonly shares: SharesService) {}

  @Post()
  @Access.account({ body: 'accountId' })
  @ApiOperation({
    summary: "Publish a read-only recap: a Wrapped year or a date range's top lists, at an unguessable public link (GET /share/{id})",
  })
  @ApiCreatedResponse({ type: CreatedShareDto })
  @ApiBadRequestResponse({
    schema: { example: { statusCode: 400, error: 'Bad Request', message: 'from (2025-09-01) must be before to (2025-06-01)' } },
  })
  @ApiNotFoundResponse({ description: 'Unknown account' })
  create(@Body() body: CreateShareDto, @Req() req: Request): Promise<CreatedShareDto> {
    return this.shares.create(body, siteOf(req));
  }

  @Get()
  @Access.account({ query: 'accountId' })
  @ApiOperation({
    summary: "Share links not revoked (expired ones included), newest first: a listener's own; every account's for the admin",
  })
  @ApiQuery({ name: 'accountId', required: false, description: 'Only this account (UUID)' })
  @ApiOkResponse({ type: ShareDto, isArray: true })
  list(@Req() req: Request, @Query('accountId') accountId?: string): Promise<ShareDto[]> {
    if (accountId !== undefined && !UUID.test(accountId)) throw new BadRequestException('accountId must be a UUID');
    return this.shares.list(accountId, siteOf(req));
  }

  @Delete(':id')
  @HttpCode(204)
  @Access.own()
  @ApiOperation({ summary: 'Revoke a share link: its page and data answer 404 from now on' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiNotFoundResponse({ description: 'No such share (or not yours)' })
  revoke(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    return this.shares.revoke(principal, id);
  }
}
