import { DynamicModule, Module } from '@nestjs/common';
import { serviceUrls } from '@rewind/config';
import { HealthModule } from '@rewind/health';
import { ObservabilityModule } from '@rewind/observability';
import { DatabaseModule } from '@rewind/service-kit';
import { GatewayConfig } from './config/gateway.config';
import { SystemHealthController } from './health/system-health.controller';
import { SERVICE_URLS, SystemHealthService } from './health/system-health.service';
import { ProxyModule } from './proxy/proxy.module';

@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    const urls = serviceUrls(config);
    return {
      module: AppModule,
      imports: [
        ObservabilityModule.forRoot({ service: 'gateway', level: config.LOG_LEVEL }),
        DatabaseModule.forRoot({ url: config.DATABASE_URL, applicationName: 'gateway', poolSize: 2 }),
        HealthModule.forRoot(),
        ProxyModule.forRoot({
          apiToken: config.API_TOKEN,
          rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
          targets: [
            { prefix: '/api/auth', target: urls.auth, service: 'auth-service' },
            { prefix: '/api/ingest', target: urls.ingest, service: 'ingest-service' },
            { prefix: '/api/transform', target: urls.transform, service: 'transform-service' },
            { prefix: '/api/stats', target: urls.stats, service: 'stats-api' },
          ],
        }),
      ],
      controllers: [SystemHealthController],
      providers: [{ provide: SERVICE_URLS, useValue: urls }, SystemHealthService],
    };
  }
}
