import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { ApiTokenCheck, apiTokenCheck, apiTokenMiddleware } from './api-token.middleware';
import { ApiRateLimit } from './rate-limit';

export interface ApiAccessOptions {
  apiToken: string;
  rateLimitPerMinute: number;
}

/**
 * The rate limit and the token check of /api/**, built once and shared by the proxy path and the
 * Nest middleware: one store, so a client has one budget across every /api route.
 */
export class ApiAccess {
  readonly rateLimit: ApiRateLimit;
  readonly checkToken: ApiTokenCheck;

  constructor(options: ApiAccessOptions) {
    this.rateLimit = new ApiRateLimit(options.rateLimitPerMinute);
    this.checkToken = apiTokenCheck(options.apiToken);
  }
}

/**
 * Guards the /api/** requests Express serves (/api/health, unknown paths); the service prefixes
 * are proxied before Express (proxy/proxy-path.ts) with the same ApiAccess.
 */
@Module({})
export class ApiAccessModule implements NestModule {
  constructor(private readonly access: ApiAccess) {}

  static forRoot(options: ApiAccessOptions): DynamicModule {
    return { module: ApiAccessModule, providers: [{ provide: ApiAccess, useValue: new ApiAccess(options) }], exports: [ApiAccess] };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(this.access.rateLimit.middleware(), apiTokenMiddleware(this.access.checkToken))
      // /metrics too: request counts and timings are the owner's business.
      .forRoutes({ path: 'api/{*path}', method: RequestMethod.ALL }, { path: 'metrics', method: RequestMethod.ALL });
  }
}
