import { DynamicModule, Module } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { ApiTokenCheck, apiTokenCheck } from './api-token';
import { ApiRateLimit } from './rate-limit';
import { Resolution, SessionCache, SessionLookup, whoIsAsking } from './who-is-asking';

export interface ApiAccessOptions {
  apiToken: string;
  rateLimitPerMinute: number;
  /** Who a session cookie belongs to (auth-service), and how long an answer is remembered. */
  sessions: SessionLookup;
  sessionCacheMs: number;
}

/** The rate limit and the token check of /api/** and /metrics: one store, so a client has one budget across every route. */
export class ApiAccess {
  readonly rateLimit: ApiRateLimit;
  readonly checkToken: ApiTokenCheck;
  /** The admin, a signed-in listener or nobody: resolved once per proxied request. */
  readonly whoIsAsking: (req: IncomingMessage) => Resolution | Promise<Resolution>;

  constructor(options: ApiAccessOptions) {
    this.rateLimit = new ApiRateLimit(options.rateLimitPerMinute);
    this.checkToken = apiTokenCheck(options.apiToken);
    this.whoIsAsking = whoIsAsking({
      checkToken: this.checkToken,
      sessions: options.sessions,
      cache: new SessionCache(options.sessionCacheMs),
    });
  }
}

/** Provides the one ApiAccess; the gateway pipeline (pipeline/gateway-pipeline.ts) applies it to every request. */
@Module({})
export class ApiAccessModule {
  static forRoot(options: ApiAccessOptions): DynamicModule {
    return { module: ApiAccessModule, providers: [{ provide: ApiAccess, useValue: new ApiAccess(options) }], exports: [ApiAccess] };
  }
}
