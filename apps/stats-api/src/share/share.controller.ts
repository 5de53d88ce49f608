import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Access } from '@rewind/service-kit';
import type { Response } from 'express';
import { ShareService } from './share.service';

@ApiTags('shares')
@Controller('api/share')
export class ShareController {
  constructor(private readonly shares: ShareService) {}

  @Get(':id')
  @Access.public()
  @ApiOperation({
    summary: "A share link's recap (public: no token, no cookie): a Wrapped year, or a range's totals and top lists",
    description:
      'What GET /share/{id} shows. Carries no account id, no Spotify id, no e-mail and no token: names, counts and artwork only.',
  })
  @ApiParam({ name: 'id', description: 'The id from POST /api/auth/shares' })
  @ApiOkResponse({
    schema: {
      type: 'object',
      description: 'kind, expiresAt, and either year + wrapped (the Wrapped document) or from, to + range (summary and top lists)',
      additionalProperties: true,
      example: {
        kind: 'range',
        expiresAt: null,
        from: '2025-06-01',
        to: '2025-09-01',
        range: { summary: { plays: 1234 }, topArtists: [{ rank: 1, name: 'Radiohead', plays: 321, minutes: 1180.25 }] },
      },
    },
  })
  @ApiNotFoundResponse({ description: 'Unknown, revoked or expired' })
  @ApiTooManyRequestsResponse({ description: 'SHARE_RATE_LIMIT_PER_MINUTE exceeded (per client address)' })
  async get(@Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const body = await this.shares.get(id);
    // Revocation must take effect at once: no shared cache may keep a copy.
    res.setHeader('Cache-Control', 'no-store');
    return body;
  }
}
