import { Controller, Get, Param, Res } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiTooManyRequestsResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { Access } from '@rewind/service-kit';
import type { Response } from 'express';
import { type PublicShareDto, PublicRangeShareDto, PublicWrappedShareDto } from './dto/public-share.dto';
import { ShareService } from './share.service';

@ApiTags('shares')
@ApiExtraModels(PublicWrappedShareDto, PublicRangeShareDto)
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
    description: 'kind and expiresAt, then either year + wrapped (the Wrapped document) or from, to + range (summary and top lists)',
    schema: {
      type: 'object',
      oneOf: [{ $ref: getSchemaPath(PublicWrappedShareDto) }, { $ref: getSchemaPath(PublicRangeShareDto) }],
      discriminator: {
        propertyName: 'kind',
        mapping: { wrapped: getSchemaPath(PublicWrappedShareDto), range: getSchemaPath(PublicRangeShareDto) },
      },
    },
  })
  @ApiNotFoundResponse({ description: 'Unknown, revoked or expired' })
  @ApiTooManyRequestsResponse({ description: 'SHARE_RATE_LIMIT_PER_MINUTE exceeded (per client address)' })
  async get(@Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<PublicShareDto> {
    const body = await this.shares.get(id);
    // Revocation must take effect at once: no shared cache may keep a copy.
    res.setHeader('Cache-Control', 'no-store');
    return body;
  }
}
