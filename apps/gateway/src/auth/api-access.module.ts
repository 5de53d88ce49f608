import { DynamicModule, Module } from '@nestjs/common';
import { ApiTokenCheck, apiTokenCheck } from './api-token';
import { ApiRateLimit } from './rate-limit';

export interface ApiAccessOptions {
  apiToken: string;
  rateLimitPerMinute: number;
}

/** The rate limit and the token check of /api/** and /metrics: one store, so a client has one budget across every route. */
export class ApiAccess {
  readonly rateLimit: ApiRateLimit;
  readonly checkToken: ApiTokenCheck;

  constructor(options: ApiAccessOptions) {
    this.rateLimit = new ApiRateLimit(options.rateLimitPerMinute);
    this.checkToken = apiTokenCheck(options.apiToken);
  }
}

/** Provides the one ApiAccess; the gateway pipeline (pipeline/gateway-pipeline.ts) applies it to every request. */
@Module({})
export class ApiAccessModule {
  static forRoot(options: ApiAccessOptions): DynamicModule {
    return { module: ApiAccessModule, providers: [{ provide: ApiAccess, useValue: new ApiAccess(options) }], exports: [ApiAccess] };
  }
}
