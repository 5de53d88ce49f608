import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule } from '@rewind/health';
import { ObservabilityModule } from '@rewind/observability';
import { DatabaseModule } from '@rewind/service-kit';
import { AccountsModule } from './accounts/accounts.module';
import { AuthServiceConfig } from './config/auth.config';
import { Clock } from './core/clock';
import { CoreModule } from './core/core.module';
import { ACCOUNTS_READINESS } from './health/accounts.readiness';
import { LoginModule } from './login/login.module';
import { SessionsModule } from './sessions/sessions.module';
import { SharesModule } from './shares/shares.module';
import { TokensModule } from './tokens/tokens.module';

@Module({})
export class AppModule {
  static forRoot(config: AuthServiceConfig, clock?: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ObservabilityModule.forRoot({ service: 'auth-service', level: config.LOG_LEVEL }),
        DatabaseModule.forRoot({ url: config.DATABASE_URL, applicationName: 'auth-service' }),
        HealthModule.forRoot({ readinessChecks: ACCOUNTS_READINESS }),
        CoreModule.forRoot(config, clock),
        AccountsModule,
        LoginModule,
        SessionsModule,
        SharesModule,
        TokensModule,
      ],
    };
  }
}
