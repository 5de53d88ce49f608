import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { serviceUrls } from '@rewind/config';
import { ApiErrorFilter } from '@rewind/service-kit';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { GatewayConfig } from './config/gateway.config';
import { setupDocs } from './docs/docs';

const PLACEHOLDER_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Rewind</title></head>
<body style="font-family:system-ui;max-width:40rem;margin:3rem auto"><h1>Rewind</h1>
<p>The dashboard has not been built. The API is up: see <a href="/docs">/docs</a> and <a href="/api/health">/api/health</a>.</p></body></html>`;

/**
 * Gateway wiring shared by main.ts and the tests. Bodies are not parsed here: the proxy
 * streams them to the services untouched.
 */
export function configureGateway(app: INestApplication, config: GatewayConfig): void {
  const express = app as NestExpressApplication;
  app.useLogger(app.get(Logger));
  app.use(helmet({ contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'data:', 'https:'] } } }));
  const origins = config.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
  if (origins.length) app.enableCors({ origin: origins, allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'] });
  app.useGlobalFilters(new ApiErrorFilter());
  app.enableShutdownHooks();
  setupDocs(app, serviceUrls(config));
  const webDist = path.resolve(config.WEB_DIST);
  if (existsSync(path.join(webDist, 'index.html'))) {
    express.useStaticAssets(webDist, { index: 'index.html' });
  } else {
    app.use((req: Request, res: Response, next: NextFunction) => (req.method === 'GET' && req.path === '/' ? res.type('html').send(PLACEHOLDER_PAGE) : next()));
  }
}
