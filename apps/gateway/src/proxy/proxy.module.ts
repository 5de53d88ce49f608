import { DynamicModule, Inject, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { apiTokenMiddleware } from '../auth/api-token.middleware';
import { apiRateLimit } from '../auth/rate-limit';
import { ProxyTarget, serviceProxy } from './service-proxy';

const PROXY_OPTIONS = Symbol('PROXY_OPTIONS');

interface ProxyOptions {
  apiToken: string;
  rateLimitPerMinute: number;
  targets: ProxyTarget[];
}

/** Rate limit and token check for /api/**, then one streaming proxy per backend service prefix. */
@Module({})
export class ProxyModule implements NestModule {
  constructor(@Inject(PROXY_OPTIONS) private readonly options: ProxyOptions) {}

  static forRoot(options: ProxyOptions): DynamicModule {
    return { module: ProxyModule, providers: [{ provide: PROXY_OPTIONS, useValue: options }] };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(apiRateLimit(this.options.rateLimitPerMinute), apiTokenMiddleware(this.options.apiToken))
      .forRoutes({ path: 'api/{*path}', method: RequestMethod.ALL });
    for (const target of this.options.targets) {
      const prefix = target.prefix.replace(/^\//, '');
      consumer
        .apply(serviceProxy(target))
        .forRoutes({ path: prefix, method: RequestMethod.ALL }, { path: `${prefix}/{*path}`, method: RequestMethod.ALL });
    }
  }
}
