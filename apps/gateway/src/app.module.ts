import { DynamicModule, Module } from '@nestjs/common';
import { serviceUrls } from '@rewind/config';
import { HealthModule } from '@rewind/health';
import { ObservabilityModule } from '@rewind/observability';
import { DatabaseModule } from '@rewind/service-kit';
import { ApiAccessModule } from './auth/api-access.module';
import { authServiceSessions } from './auth/who-is-asking';
import { GatewayConfig, gatewayLogging } from './config/gateway.config';
import { SystemHealthController } from './health/system-health.controller';
import { SERVICE_URLS, SystemHealthService } from './health/system-health.service';

@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ObservabilityModule.forRoot(gatewayLogging(config), { httpMiddleware: false }),
        DatabaseModule.forRoot({ url: config.DATABASE_URL, applicationName: 'gateway', poolSize: 2 }),
        HealthModule.forRoot(),
        ApiAccessModule.forRoot({
          apiToken: config.API_TOKEN,
          rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
          sessions: authServiceSessions(serviceUrls(config).auth, config.INTERNAL_TOKEN),
          sessionCacheMs: config.SESSION_CACHE_MS,
        }),
      ],
      controllers: [SystemHealthController],
      providers: [{ provide: SERVICE_URLS, useValue: serviceUrls(config) }, SystemHealthService],
    };
  }
}
