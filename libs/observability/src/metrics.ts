import { Controller, Get, Header, Injectable, NestMiddleware } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** One registry per process; features add their own counters to it. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

export const httpRequests = new Counter({
  name: 'http_requests_total',
  help: 'HTTP requests handled, by method, route and status',
  labelNames: ['method', 'route', 'status'],
  registers: [metricsRegistry],
});

export const httpDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request latency in seconds, by method and route',
  labelNames: ['method', 'route'],
  buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

export function setMetricsDefaultLabels(labels: Record<string, string>): void {
  metricsRegistry.setDefaultLabels(labels);
}

/** The route pattern Express matched, never the raw path (ids would explode the label set). */
export function expressRouteLabel(req: IncomingMessage): string {
  const { route, baseUrl } = req as Partial<Request>;
  return route?.path ? `${baseUrl ?? ''}${route.path}` : 'unmatched';
}

/**
 * Counts and times one request; `route` is asked for its label once the answer is sent
 * (the gateway pipeline knows it, Express only after routing).
 */
export function recordHttpMetrics(req: IncomingMessage, res: ServerResponse, route: () => string): void {
  const end = httpDuration.startTimer();
  res.on('finish', () => {
    const label = route();
    end({ method: req.method, route: label });
    httpRequests.inc({ method: req.method, route: label, status: String(res.statusCode) });
  });
}

@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    recordHttpMetrics(req, res, () => expressRouteLabel(req));
    next();
  }
}

@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  @Get()
  @Header('Content-Type', metricsRegistry.contentType)
  async metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
