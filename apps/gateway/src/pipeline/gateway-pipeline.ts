import { Logger } from '@nestjs/common';
import {
  expressRouteLabel,
  incomingRequestId,
  loggerParams,
  LoggingOptions,
  recordHttpMetrics,
  REQUEST_ID_HEADER,
} from '@rewind/observability';
import { formatPrincipal, sendApiError, setHeaderList, toApiError } from '@rewind/service-kit';
import cors, { CorsOptions } from 'cors';
import type { Application } from 'express';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Options as PinoHttpOptions, pinoHttp } from 'pino-http';
import type { ApiAccess } from '../auth/api-access.module';
import { ApiRateLimit, RATE_LIMIT_HEADERS } from '../auth/rate-limit';
import type { Resolution } from '../auth/who-is-asking';
import { headerNames, Refusal } from '../http/api-error-response';
import type { SecurityHeaders } from '../http/security-headers';
import { ProxyTarget, serviceProxy, ServiceProxy } from '../proxy/service-proxy';

export interface GatewayPipelineOptions {
  targets: ProxyTarget[];
  access: ApiAccess;
  logging: LoggingOptions;
  securityHeaders: SecurityHeaders;
  cors: CorsOptions | null;
}

interface Service {
  prefix: string;
  proxy: ServiceProxy;
  rateLimit?: ApiRateLimit;
}

/** The metrics label of a request the gateway refused itself. */
const GUARD_ROUTE = '/api/{*path}';

const ABSOLUTE_FORM = /^[a-z][a-z\d+.-]*:\/\/[^/?#]*/i;

/** "http://host/path?q" → "/path?q": HTTP/1.1 servers must accept absolute-form targets too. */
function originForm(url: string): string {
  const path = url.replace(ABSOLUTE_FORM, '');
  return path.startsWith('/') ? path : `/${path}`;
}

/** What needs the API token (and counts against the rate limit): /api/** (some paths open, see apiTokenCheck) and /metrics. Case-insensitive like Express routes. */
const GUARDED = /^\/(?:api|metrics)(?:[/?#]|$)/i;

const logger = new Logger('GatewayPipeline');

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function decodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The gateway's one request pipeline: every request takes it, in this order: CORS, request id and
 * log line, metrics, security headers, then for /api/** and /metrics the rate limit and the token
 * check, then the service proxy for /api/<service>/**, or Express (Nest) for the gateway's own
 * routes (health, docs, metrics, dashboard), which runs no cross-cutting middleware of its own.
 *
 * It runs ahead of Express because the router layers cost more CPU than proxying itself; the
 * proxied answer carries the security headers, request id and rate-limit headers in its single
 * writeHead (no setHeader per header).
 */
export function installGatewayPipeline(server: Server, express: Application, options: GatewayPipelineOptions): void {
  const listeners = server.listeners('request');
  if (listeners.length !== 1 || listeners[0] !== express)
    throw new Error('The gateway pipeline expects Express to be the only request listener');
  server.removeListener('request', express);
  server.on('request', gatewayPipeline(express, options));
}

function gatewayPipeline(express: Application, options: GatewayPipelineOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { securityHeaders } = options;
  // The headers the gateway puts on every answer; a service's header of the same name gives way.
  const gatewayHeaderNames = [...headerNames(securityHeaders), REQUEST_ID_HEADER, ...RATE_LIMIT_HEADERS.map((name) => name.toLowerCase())];
  const services = new Map<string, Service>(
    options.targets.map((target) => [
      target.prefix.toLowerCase(),
      { prefix: target.prefix, proxy: serviceProxy(target, gatewayHeaderNames), rateLimit: target.rateLimit },
    ]),
  );
  // Case-insensitive like Express routes; group 2 is the rest of the path, before any query or fragment.
  const servicePath = new RegExp(`^(${options.targets.map((t) => escapeRegExp(t.prefix)).join('|')})(/[^?#]*)?(?=[?#]|$)`, 'i');
  // At "silent" nothing is ever written: the request id (header in and out) is all that is needed.
  const logRequest = options.logging.level === 'silent' ? null : pinoHttp(loggerParams(options.logging).pinoHttp as PinoHttpOptions);
  const applyCors = options.cors ? cors(options.cors) : null;
  const { rateLimit, checkToken, whoIsAsking } = options.access;

  /** The service a request goes to, with the metrics label of its route; null for the gateway's own routes. */
  const serviceOf = (url: string): { service: Service; route: string } | null => {
    const match = servicePath.exec(url);
    // Express answers an undecodable path itself (400): leave those to it.
    if (!match || (match[0].includes('%') && !decodable(match[0]))) return null;
    const service = services.get(match[1].toLowerCase())!;
    // Labelled like the Express routes of the proxies were: "/api/stats" and "/api/stats/{*path}".
    return { service, route: !match[2] || match[2] === '/' ? service.prefix : `${service.prefix}/{*path}` };
  };

  const route = (req: IncomingMessage, res: ServerResponse, requestId: string, setRoute: (label: string) => void) => {
    const url = req.url ?? '/';
    if (!GUARDED.test(url)) {
      setHeaderList(res, securityHeaders);
      res.setHeader(REQUEST_ID_HEADER, requestId);
      return express(req, res);
    }
    const limit = rateLimit.take(req);
    // Sent with whatever answer this request gets, in the one writeHead of a proxied answer.
    const gatewayHeaders = securityHeaders.concat(REQUEST_ID_HEADER, requestId, limit.headers);
    const refuse = (refusal: Refusal) => {
      setRoute(GUARD_ROUTE);
      sendApiError(res, refusal.body, gatewayHeaders.concat(refusal.headers));
    };
    const target = serviceOf(url);
    if (!target) {
      // The gateway's own routes (health, docs, metrics): the API token, as before there were listeners.
      const refusal = limit.refusal ?? checkToken(req);
      if (refusal) return refuse(refusal);
      setHeaderList(res, gatewayHeaders);
      return express(req, res);
    }
    const refusal = limit.refusal ?? target.service.rateLimit?.take(req).refusal;
    if (refusal) return refuse(refusal);
    const forward = (who: Resolution) => {
      if (who.refusal) return refuse(who.refusal);
      setRoute(target.route);
      target.service.proxy(req, res, gatewayHeaders, formatPrincipal(who.principal));
    };
    // Who is asking, once: only a session cookie the gateway does not remember waits for auth-service
    // (a client gone meanwhile is not proxied).
    const who = whoIsAsking(req);
    if (who instanceof Promise)
      who.then(
        (resolved) => (res.destroyed ? undefined : forward(resolved)),
        (error) => sendApiError(res, toApiError(error)),
      );
    else forward(who);
  };

  return (req, res) => {
    if (req.url && ABSOLUTE_FORM.test(req.url)) req.url = originForm(req.url);
    // Before pino-http, which keeps an id it finds on the request.
    const requestId = incomingRequestId(req);
    logRequest?.(req, res);
    let label: string | null = null;
    recordHttpMetrics(req, res, () => label ?? expressRouteLabel(req));
    const setRoute = (value: string) => (label = value);
    if (!applyCors) return route(req, res, requestId, setRoute);
    // cors answers preflight requests itself: they get the security headers here.
    setHeaderList(res, securityHeaders);
    applyCors(req, res, (error) => {
      if (!error) return route(req, res, requestId, setRoute);
      const body = toApiError(error);
      if (body.statusCode >= 500) logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      sendApiError(res, body);
    });
  };
}
