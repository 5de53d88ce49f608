import { Body, Controller, HttpCode, NotFoundException, Post, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { INTERNAL_TOKEN_HEADER } from '@rewind/service-kit';
import { InternalAuthGuard } from '../core/core.module';
import { ResolvedSessionDto, ResolveSessionDto } from './dto/session.dto';
import { SessionsService } from './sessions.service';

/** The gateway asks here who a session cookie belongs to (x-internal-token); never forwarded. */
@ApiTags('internal')
@ApiHeader({ name: INTERNAL_TOKEN_HEADER, required: true, description: 'INTERNAL_TOKEN' })
@UseGuards(InternalAuthGuard)
@Controller('internal/sessions')
export class InternalSessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Post('resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'The account of a live session (the id travels in the body, never in a URL)' })
  @ApiOkResponse({ type: ResolvedSessionDto })
  @ApiNotFoundResponse({ description: 'Unknown, revoked or expired session' })
  async resolve(@Body() body: ResolveSessionDto): Promise<ResolvedSessionDto> {
    const accountId = await this.sessions.resolve(body.sessionId);
    if (!accountId) throw new NotFoundException('No live session with this id');
    return { accountId };
  }
}
