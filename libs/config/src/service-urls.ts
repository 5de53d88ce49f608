import { z } from 'zod';

/** Where each backend service listens; the gateway and the services calling each other read these. */
export const SERVICE_PORTS = { gateway: 3000, auth: 3001, ingest: 3002, transform: 3003, stats: 3004 } as const;
export type BackendService = Exclude<keyof typeof SERVICE_PORTS, 'gateway'>;
export const BACKEND_SERVICES: BackendService[] = ['auth', 'ingest', 'transform', 'stats'];

export const serviceUrlEnv = {
  AUTH_SERVICE_URL: z.url().default(`http://127.0.0.1:${SERVICE_PORTS.auth}`),
  INGEST_SERVICE_URL: z.url().default(`http://127.0.0.1:${SERVICE_PORTS.ingest}`),
  TRANSFORM_SERVICE_URL: z.url().default(`http://127.0.0.1:${SERVICE_PORTS.transform}`),
  STATS_SERVICE_URL: z.url().default(`http://127.0.0.1:${SERVICE_PORTS.stats}`),
};

export function serviceUrls(env: { [K in keyof typeof serviceUrlEnv]: string }): Record<BackendService, string> {
  return {
    auth: env.AUTH_SERVICE_URL,
    ingest: env.INGEST_SERVICE_URL,
    transform: env.TRANSFORM_SERVICE_URL,
    stats: env.STATS_SERVICE_URL,
  };
}
