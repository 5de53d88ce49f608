import { Logger } from '@nestjs/common';
import { httpDuration, httpRequests, incomingRequestId, loggerParams, LoggingOptions, REQUEST_ID_HEADER } from '@rewind/observability';
import { sendApiError, setHeaderList, toApiError } from '@rewind/service-kit';
import cors, { CorsOptions } from 'cors';
import type { Application } from 'express';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Options as PinoHttpOptions, pinoHttp } from 'pino-http';
import type { ApiAccess } from '../auth/api-access.module';
import { RATE_LIMIT_HEADERS } from '../auth/rate-limit';
import { headerNames } from '../http/api-error-response';
import type { SecurityHeaders } from '../http/security-headers';
import { ProxyTarget, serviceProxy, ServiceProxy } from './service-proxy';

export interface ProxyPathOptions {
  targets: ProxyTarget[];
  access: ApiAccess;
  logging: LoggingOptions;
  securityHeaders: SecurityHeaders;
  cors: CorsOptions | null;
}

interface Service {
  prefix: string;
  proxy: ServiceProxy;
}

/** The metrics label of a request refused before the proxy: the route the Nest guard middleware has. */
const GUARD_ROUTE = '/api/{*path}';

const ABSOLUTE_FORM = /^[a-z][a-z\d+.-]*:\/\/[^/?#]*/i;

/** "http://host/path?q" → "/path?q": HTTP/1.1 servers must accept absolute-form targets too, and Express routed them by path. */
function originForm(url: string): string {
  const path = url.replace(ABSOLUTE_FORM, '');
  return path.startsWith('/') ? path : `/${path}`;
}

const logger = new Logger('ProxyPath');

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
 * Serves /api/<service>/** ahead of Express, with the steps the Nest pipeline runs for them and in
 * the same order (CORS, request id and log line, metrics, rate limit, token, proxy) but without the
 * router layers, which cost more CPU than the proxying itself. The security headers, request id and
 * rate-limit headers go out in the answer's single writeHead (no setHeader per header).
 * Every other request goes to Express untouched.
 */
export function installProxyPath(server: Server, express: Application, options: ProxyPathOptions): void {
  const listeners = server.listeners('request');
  if (listeners.length !== 1 || listeners[0] !== express) throw new Error('The proxy path expects Express to be the only request listener');
  const handle = proxyPath(options);
  server.removeListener('request', express);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.url && ABSOLUTE_FORM.test(req.url)) req.url = originForm(req.url);
    if (!handle(req, res)) express(req, res);
  });
}

/** Returns false for requests it leaves to Express. */
function proxyPath(options: ProxyPathOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  const { securityHeaders } = options;
  // The headers the gateway puts on every answer; a service's header of the same name gives way.
  const gatewayHeaderNames = [...headerNames(securityHeaders), REQUEST_ID_HEADER, ...RATE_LIMIT_HEADERS.map((name) => name.toLowerCase())];
  const services = new Map<string, Service>(
    options.targets.map((target) => [
      target.prefix.toLowerCase(),
      { prefix: target.prefix, proxy: serviceProxy(target, gatewayHeaderNames) },
    ]),
  );
  // Case-insensitive like Express routes; group 2 is the rest of the path, before any query or fragment.
  const pattern = new RegExp(`^(${options.targets.map((t) => escapeRegExp(t.prefix)).join('|')})(/[^?#]*)?(?=[?#]|$)`, 'i');
  // At "silent" nothing is ever written: the request id (header in and out) is all that is needed.
  const logRequest = options.logging.level === 'silent' ? null : pinoHttp(loggerParams(options.logging).pinoHttp as PinoHttpOptions);
  const applyCors = options.cors ? cors(options.cors) : null;
  const { rateLimit, checkToken } = options.access;

  const fail = (res: ServerResponse, error: unknown) => {
    const body = toApiError(error);
    if (body.statusCode >= 500) logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    sendApiError(res, body);
  };

  const guardAndProxy = (req: IncomingMessage, res: ServerResponse, service: Service, rest: string | undefined) => {
    // Before pino-http, which keeps an id it finds on the request.
    const requestId = incomingRequestId(req);
    logRequest?.(req, res);
    let route = GUARD_ROUTE;
    const end = httpDuration.startTimer();
    res.on('finish', () => {
      end({ method: req.method, route });
      httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
    });
    const limit = rateLimit.take(req);
    // Sent with whatever answer this request gets, in the one writeHead of the answer.
    const gatewayHeaders = securityHeaders.concat(REQUEST_ID_HEADER, requestId, limit.headers);
    const refusal = limit.refusal ?? checkToken(req);
    if (refusal) return sendApiError(res, refusal.body, gatewayHeaders.concat(refusal.headers));
    // Labelled like the Express routes of the proxies were: "/api/stats" and "/api/stats/{*path}".
    route = !rest || rest === '/' ? service.prefix : `${service.prefix}/{*path}`;
    service.proxy(req, res, gatewayHeaders);
  };

  return (req, res) => {
    const match = pattern.exec(req.url ?? '');
    // Express answers an undecodable path itself (400, before any middleware): leave those to it.
    if (!match || (match[0].includes('%') && !decodable(match[0]))) return false;
    const service = services.get(match[1].toLowerCase())!;
    if (!applyCors) guardAndProxy(req, res, service, match[2]);
    else {
      // cors answers preflight requests itself: they get the security headers here.
      setHeaderList(res, securityHeaders);
      applyCors(req, res, (error) => (error ? fail(res, error) : guardAndProxy(req, res, service, match[2])));
    }
    return true;
  };
}
