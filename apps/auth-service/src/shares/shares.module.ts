import { Module } from '@nestjs/common';
import { SharesController } from './shares.controller';
import { SharesRepository } from './shares.repository';
import { SharesService } from './shares.service';

@Module({
  controllers: [SharesController],
  providers: [SharesService, SharesRepository],
})
export class SharesModule {}
