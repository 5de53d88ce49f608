import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Access, CurrentPrincipal, type Principal, sessionIdOf } from '@rewind/service-kit';
import type { Request, Response } from 'express';
import { AccountsRepository } from '../accounts/accounts.repository';
import { AuthServiceConfig } from '../config/auth.config';
import { AUTH_CONFIG } from '../core/auth-config';
import { LogoutDto, MeDto } from './dto/session.dto';
import { clearSessionCookie } from './session-cookie';
import { SessionsService } from './sessions.service';

@ApiTags('auth')
@Controller('api/auth')
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly accounts: AccountsRepository,
    @Inject(AUTH_CONFIG) private readonly config: AuthServiceConfig,
  ) {}

  @Get('me')
  @Access.signedIn()
  @ApiOperation({ summary: 'Who is asking: the signed-in listener (session cookie) or the admin (API_TOKEN)' })
  @ApiOkResponse({ type: MeDto })
  @ApiUnauthorizedResponse({ description: 'Neither a session nor the API token' })
  async me(@CurrentPrincipal() principal: Principal): Promise<MeDto> {
    if (principal.role !== 'listener') return { accountId: null, displayName: null, role: 'admin' };
    const account = await this.accounts.findById(principal.accountId);
    if (!account) throw new UnauthorizedException('The account of this session no longer exists; sign in again');
    return { accountId: account.id, displayName: account.displayName, role: 'listener' };
  }

  @Post('logout')
  @HttpCode(204)
  @Access.signedIn()
  @ApiOperation({
    summary: 'Sign out: the session is revoked and its cookie cleared (with { everywhere: true }, every session of the account)',
  })
  @ApiBody({ type: LogoutDto, required: false })
  @ApiNoContentResponse({ description: 'Signed out (also when there was no session)' })
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Body() body: LogoutDto): Promise<void> {
    const sessionId = sessionIdOf(req.headers);
    if (sessionId) await this.sessions.close(sessionId, body?.everywhere ?? false);
    clearSessionCookie(req, res, this.config);
  }
}
