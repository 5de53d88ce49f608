import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { SessionsModule } from '../sessions/sessions.module';
import { LoginController } from './login.controller';
import { LoginService } from './login.service';
import { OAuthStateRepository } from './oauth-state.repository';

@Module({
  imports: [AccountsModule, SessionsModule],
  controllers: [LoginController],
  providers: [LoginService, OAuthStateRepository],
})
export class LoginModule {}
