import { Controller, Get, Inject, Query, Req, Res, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiOperation,
  ApiQuery,
  ApiResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Access, sessionIdOf } from '@rewind/service-kit';
import type { Request, Response } from 'express';
import { AuthServiceConfig } from '../config/auth.config';
import { AUTH_CONFIG } from '../core/auth-config';
import { parseBool } from '../core/pipes';
import { LoginErrorFilter } from './login-error.filter';
import { setSessionCookie } from '../sessions/session-cookie';
import { SessionsService } from '../sessions/sessions.service';
import { LoginService } from './login.service';

@ApiTags('auth')
@Access.public()
@UseFilters(LoginErrorFilter)
@Controller('api/auth')
export class LoginController {
  constructor(
    private readonly login: LoginService,
    private readonly sessions: SessionsService,
    @Inject(AUTH_CONFIG) private readonly config: AuthServiceConfig,
  ) {}

  @Get('login')
  @ApiOperation({
    summary: 'Start "Connect Spotify": redirects to Spotify\'s consent page (authorization code + PKCE, single-use state valid 10 minutes)',
  })
  @ApiQuery({
    name: 'showDialog',
    required: false,
    type: Boolean,
    description: 'Ask Spotify to show the consent dialog even if already approved (to switch users)',
  })
  @ApiResponse({
    status: 302,
    description:
      'Location: ${SPOTIFY_ACCOUNTS_URL}/authorize?client_id=…&response_type=code&redirect_uri=…&scope=…&state=…&code_challenge_method=S256&code_challenge=…',
  })
  @ApiServiceUnavailableResponse({ description: 'SPOTIFY_CLIENT_ID is not configured; the message explains how to set up a Spotify app' })
  async start(@Res() res: Response, @Query('showDialog') showDialog?: string): Promise<void> {
    const url = await this.login.start({ showDialog: parseBool(showDialog, 'showDialog') });
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, url);
  }

  @Get('callback')
  @ApiOperation({
    summary:
      'Spotify returns here: exchanges the code, reads /me, stores the account, signs the listener in (cookie rewind_session) and redirects to the dashboard',
  })
  @ApiQuery({ name: 'code', required: false })
  @ApiQuery({ name: 'state', required: true })
  @ApiQuery({ name: 'error', required: false, description: 'e.g. access_denied when the user declined' })
  @ApiQuery({ name: 'error_description', required: false, description: "Spotify's explanation of `error`" })
  @ApiResponse({
    status: 302,
    description: 'Location: / (the account is connected); Set-Cookie: rewind_session (httpOnly, SameSite=Lax, Secure under https)',
  })
  @ApiBadRequestResponse({
    description: 'Unknown, used or expired state; Spotify refused the code (HTML page, or JSON with Accept: application/json)',
  })
  @ApiForbiddenResponse({ description: 'The user declined access' })
  async callback(
    @Req() req: Request,
    @Res() res: Response,
    @Query('code') code?: string,
    @Query('state') state?: string,
    @Query('error') error?: string,
    @Query('error_description') errorDescription?: string,
  ): Promise<void> {
    const account = await this.login.complete({
      code: str(code),
      state: str(state),
      error: str(error),
      error_description: str(errorDescription),
    });
    // A sign-in replaces the browser's previous session rather than leaving it alive beside the new one.
    const previous = sessionIdOf(req.headers);
    if (previous) await this.sessions.close(previous, false);
    setSessionCookie(req, res, await this.sessions.open(account.id), this.config);
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, this.config.LOGIN_SUCCESS_REDIRECT);
  }
}

/** Repeated query parameters arrive as arrays: only a single string counts. */
function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
