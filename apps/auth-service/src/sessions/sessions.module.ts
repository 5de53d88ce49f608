import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { InternalSessionsController } from './internal-sessions.controller';
import { SessionsController } from './sessions.controller';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';

@Module({
  imports: [AccountsModule],
  controllers: [SessionsController, InternalSessionsController],
  providers: [SessionsService, SessionsRepository],
  exports: [SessionsService],
})
export class SessionsModule {}
