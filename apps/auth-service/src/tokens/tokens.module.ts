import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { InternalAccountsController } from './internal-accounts.controller';
import { TokensRepository } from './tokens.repository';
import { TokensService } from './tokens.service';

@Module({
  imports: [AccountsModule],
  controllers: [InternalAccountsController],
  providers: [TokensRepository, TokensService],
  exports: [TokensService],
})
export class TokensModule {}
