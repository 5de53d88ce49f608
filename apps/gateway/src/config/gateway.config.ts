import { commonEnv, loadEnvOrExit, port, serviceUrlEnv, z } from '@rewind/config';
import type { LoggingOptions } from '@rewind/observability';

export const gatewayEnv = {
  ...commonEnv,
  ...serviceUrlEnv,
  PORT: port(3000),
  API_TOKEN: z.string().min(16, 'must be at least 16 characters (npm start generates one into .data/)'),
  /** Comma-separated origins allowed to call the API from a browser; closed by default. */
  CORS_ORIGINS: z.string().default(''),
  /** Requests per minute per client IP on /api/**. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(3000),
  /** Requests per minute per client IP on a share link's public data (/api/share/**), on top of the /api limit. */
  SHARE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  /** How long the gateway remembers who a session cookie belongs to (a revoked session stops working within this, a logout at once). */
  SESSION_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  /** Directory of the built dashboard served at `/`. */
  WEB_DIST: z.string().default('dist/apps/web'),
};

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;

export function loadGatewayConfig() {
  return loadEnvOrExit('gateway', gatewayEnv);
}

/** Options of the request logs (the gateway pipeline writes them). */
export function gatewayLogging(config: GatewayConfig): LoggingOptions {
  return { service: 'gateway', level: config.LOG_LEVEL };
}
