import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EnrichmentProgressDto } from './dto/enrichment-progress.dto';
import { EnrichmentService } from './enrichment.service';

@ApiTags('enrichment')
@ApiBearerAuth('api-token')
@Controller('api/ingest/enrichment')
export class EnrichmentController {
  constructor(private readonly enrichment: EnrichmentService) {}

  @Get()
  @ApiOperation({
    summary:
      'Progress of catalog enrichment (names, albums, artists, genres, images fetched from Spotify one call per item within a daily budget, most-played first)',
  })
  @ApiOkResponse({ type: EnrichmentProgressDto })
  progress(): Promise<EnrichmentProgressDto> {
    return this.enrichment.progress();
  }
}
