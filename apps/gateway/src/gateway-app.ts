import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { serviceUrls } from '@rewind/config';
import { ApiErrorFilter } from '@rewind/service-kit';
import type { CorsOptions } from 'cors';
import express, { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ApiAccess } from './auth/api-access.module';
import { GatewayConfig, gatewayLogging } from './config/gateway.config';
import { setupDocs } from './docs/docs';
import { HELMET_OPTIONS, helmetHeaders } from './http/security-headers';
import { installGatewayPipeline } from './pipeline/gateway-pipeline';
import { proxyTargets } from './proxy/service-proxy';

const PLACEHOLDER_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Rewind</title></head>
<body style="font-family:system-ui;max-width:40rem;margin:3rem auto"><h1>Rewind</h1>
<p>The dashboard has not been built. The API is up: see <a href="/docs">/docs</a> and <a href="/api/health">/api/health</a>.</p></body></html>`;

/** GET /share/:id (POST /api/auth/shares made the id). */
const SHARE_PAGE = /^\/share\/[A-Za-z0-9_-]{1,64}$/;

/** Paths that are never dashboard files: no file-system lookup for them. */
const NOT_DASHBOARD = /^\/(?:api|docs)(?:\/|$)/i;

function corsOptions(config: GatewayConfig): CorsOptions | null {
  const origins = config.CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  return origins.length ? { origin: origins, allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'] } : null;
}

function serveDashboard(app: NestExpressApplication, webDist: string): void {
  const dir = path.resolve(webDist);
  if (existsSync(path.join(dir, 'index.html'))) {
    const files = express.static(dir, { index: 'index.html' });
    app.use((req: Request, res: Response, next: NextFunction) => (NOT_DASHBOARD.test(req.path) ? next() : files(req, res, next)));
    // A share link's public page: the dashboard renders it from GET /api/share/:id.
    app.use((req: Request, res: Response, next: NextFunction) =>
      req.method === 'GET' && SHARE_PAGE.test(req.path) ? res.sendFile(path.join(dir, 'index.html')) : next(),
    );
  } else {
    app.use((req: Request, res: Response, next: NextFunction) =>
      req.method === 'GET' && req.path === '/' ? res.type('html').send(PLACEHOLDER_PAGE) : next(),
    );
  }
}

/**
 * Gateway wiring shared by main.ts and the tests. Bodies are not parsed here: the proxy
 * streams them to the services untouched. Nest adds no middleware of its own: the gateway
 * pipeline (pipeline/gateway-pipeline.ts) runs the cross-cutting steps for every request.
 */
export function configureGateway(app: INestApplication, config: GatewayConfig): void {
  const nest = app as NestExpressApplication;
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new ApiErrorFilter());
  app.enableShutdownHooks();
  setupDocs(app, serviceUrls(config), config.INTERNAL_TOKEN);
  serveDashboard(nest, config.WEB_DIST);
  // helmet used to remove it; no middleware runs in Express any more
  nest.disable('x-powered-by');
  // CORS, request logs, metrics, security headers, rate limit and token checks: once, for every request.
  installGatewayPipeline(nest.getHttpServer(), nest.getHttpAdapter().getInstance(), {
    targets: proxyTargets(config),
    access: app.get(ApiAccess),
    logging: gatewayLogging(config),
    securityHeaders: helmetHeaders(HELMET_OPTIONS),
    cors: corsOptions(config),
  });
}
