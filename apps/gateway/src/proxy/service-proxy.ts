import type { IncomingMessage, ServerResponse } from 'node:http';
import { Agent, ClientRequest, request } from 'node:http';
import { serviceUrls } from '@rewind/config';
import { REQUEST_ID_HEADER } from '@rewind/observability';
import { INTERNAL_TOKEN_HEADER, PRINCIPAL_HEADER, sendApiError } from '@rewind/service-kit';
import { ApiRateLimit } from '../auth/rate-limit';
import type { GatewayConfig } from '../config/gateway.config';

export interface ProxyTarget {
  /** Public prefix, e.g. "/api/stats". */
  prefix: string;
  /** Service base URL, e.g. "http://127.0.0.1:3004". */
  target: string;
  /** Name used in error messages, e.g. "stats-api". */
  service: string;
  /** Sent to the service on every request: services answer only the gateway. */
  internalToken: string;
  /** A limit of this prefix's own, on top of the one of every /api route. */
  rateLimit?: ApiRateLimit;
  /** Default SERVICE_TIMEOUT_MS. */
  timeoutMs?: number;
}

export function proxyTargets(config: GatewayConfig): ProxyTarget[] {
  const urls = serviceUrls(config);
  return [
    { prefix: '/api/auth', target: urls.auth, service: 'auth-service', internalToken: config.INTERNAL_TOKEN },
    { prefix: '/api/ingest', target: urls.ingest, service: 'ingest-service', internalToken: config.INTERNAL_TOKEN },
    { prefix: '/api/transform', target: urls.transform, service: 'transform-service', internalToken: config.INTERNAL_TOKEN },
    { prefix: '/api/stats', target: urls.stats, service: 'stats-api', internalToken: config.INTERNAL_TOKEN },
    // A share link's public data: no credentials, so a tighter limit against guessing.
    {
      prefix: '/api/share',
      target: urls.stats,
      service: 'stats-api',
      internalToken: config.INTERNAL_TOKEN,
      rateLimit: new ApiRateLimit(config.SHARE_RATE_LIMIT_PER_MINUTE),
    },
  ];
}

/** A service that has not answered within this time gets a 504 (imports of big exports included). */
export const SERVICE_TIMEOUT_MS = 120_000;

/** Headers that describe one connection, not the message (RFC 9110 §7.6.1): never passed on. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);
/**
 * Besides the hop-by-hop ones: the user's API token (services are never handed it), a client's
 * internal token (only the gateway's own reaches a service) and the headers the gateway writes
 * itself (below; Host names the service, the client's goes in X-Forwarded-Host).
 */
const NOT_FORWARDED = new Set([
  ...HOP_BY_HOP,
  'authorization',
  // written by the gateway: a client's copy is never passed on
  PRINCIPAL_HEADER,
  'host',
  INTERNAL_TOKEN_HEADER,
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-host',
  REQUEST_ID_HEADER,
]);

/** Names a Connection header lists are hop-by-hop as well. */
function connectionTokens(value: string | undefined): Set<string> | null {
  if (!value || value === 'keep-alive' || value === 'close') return null;
  const tokens = new Set(value.toLowerCase().split(/\s*,\s*/));
  tokens.delete('close');
  tokens.delete('keep-alive');
  return tokens.size ? tokens : null;
}

/**
 * Appends the end-to-end headers of `raw` (a message's rawHeaders) to `into`, names lower-cased.
 * Headers stay flat name/value lists all the way: node writes such a list as it is, where an
 * object costs a validated setHeader call per header.
 */
function appendEndToEnd(raw: string[], dropped: ReadonlySet<string>, into: string[]): string[] {
  const start = into.length;
  let connection: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    if (name === 'connection') connection = connection ? `${connection}, ${raw[i + 1]}` : raw[i + 1];
    if (!dropped.has(name)) into.push(name, raw[i + 1]);
  }
  const listed = connectionTokens(connection);
  if (!listed) return into;
  const kept = into.slice(0, start);
  for (let i = start; i < into.length; i += 2) if (!listed.has(into[i])) kept.push(into[i], into[i + 1]);
  return kept;
}

function appended(earlier: string | string[] | undefined, value: string): string {
  return earlier ? `${String(earlier)}, ${value}` : value;
}

/**
 * The client's end-to-end headers, its request id, the service's Host and the internal token, and
 * X-Forwarded-For/-Proto/-Host appended to any a proxy in front set.
 */
function requestHeaders(req: IncomingMessage, serviceHost: string, internalToken: string, principal: string): string[] {
  const { headers } = req;
  const out = appendEndToEnd(req.rawHeaders, NOT_FORWARDED, []);
  const requestId = headers[REQUEST_ID_HEADER];
  if (typeof requestId === 'string') out.push(REQUEST_ID_HEADER, requestId);
  out.push('host', serviceHost, INTERNAL_TOKEN_HEADER, internalToken, PRINCIPAL_HEADER, principal);
  out.push(
    'x-forwarded-for',
    appended(headers['x-forwarded-for'], req.socket.remoteAddress ?? ''),
    'x-forwarded-proto',
    appended(headers['x-forwarded-proto'], 'http'),
    'x-forwarded-host',
    String(headers['x-forwarded-host'] ?? headers.host ?? ''),
  );
  return out;
}

/** A request with neither Content-Length nor Transfer-Encoding has no body (RFC 9112 §6.3). */
function hasBody(req: IncomingMessage): boolean {
  return req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
}

function unavailable(res: ServerResponse, status: 502 | 504, service: string, timeoutMs: number, headers: string[]): void {
  const message =
    status === 504
      ? `${service} did not answer within ${timeoutMs / 1000} s; try again shortly`
      : `${service} is unavailable; try again shortly (GET /api/health shows which services are up)`;
  sendApiError(res, { statusCode: status, error: status === 504 ? 'Gateway Timeout' : 'Bad Gateway', message }, headers);
}

/**
 * Passes a request to its service and the answer back. `gatewayHeaders` (a flat name, value list)
 * go on the answer, in place of any service header of the same name.
 */
export type ServiceProxy = (req: IncomingMessage, res: ServerResponse, gatewayHeaders: string[], principal: string) => void;

/**
 * Free connections to a service are dropped after this long: before the service's own keep-alive
 * timeout (node's 5 s), so a request is never written to a connection the service is closing.
 * (Node's agent only heeds the service's Keep-Alive hint when it has a timeout of its own.)
 */
export const IDLE_CONNECTION_MS = 4_000;

/** RFC 9110 §9.2.2: a request of these methods may be sent again. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

/**
 * Streams a request to a backend service and its answer back: method, path, query, status, body
 * and end-to-end headers untouched, connections to the service kept alive. `gatewayHeaderNames`
 * (lower case) are the names the gateway's own headers may have.
 *
 * A kept-alive connection the service closed just as a request went out fails with ECONNRESET
 * before any answer: a bodiless idempotent request is then sent once more, on a new connection,
 * instead of answering 502.
 *
 * Built on node:http directly rather than http-proxy, with headers kept as flat lists: on the
 * cheapest stats routes the gateway's CPU per proxied request is ~1.3x that of a bare pass-through
 * proxy (tools/bench/src/bare-proxy.ts), where http-proxy with per-header setHeader calls was ~1.7x.
 */
export function serviceProxy(
  { target, service, internalToken, timeoutMs = SERVICE_TIMEOUT_MS }: ProxyTarget,
  gatewayHeaderNames: Iterable<string> = [],
): ServiceProxy {
  const { hostname, port, host } = new URL(target);
  const notReturned = new Set([...HOP_BY_HOP, ...gatewayHeaderNames]);
  // Reuse connections to the service: a new TCP connection per request costs more than the request.
  const agent = new Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64, timeout: IDLE_CONNECTION_MS });
  return (req, res, gatewayHeaders, principal) => {
    const body = hasBody(req);
    const headers = requestHeaders(req, host, internalToken, principal);
    let clientGone = false;
    const send = (retry: boolean): ClientRequest => {
      const sent = request({
        host: hostname.replace(/^\[|\]$/g, ''),
        port,
        method: req.method,
        path: req.url,
        headers,
        agent,
        timeout: timeoutMs,
      });
      sent.on('response', (answer) => {
        // The service broke off its answer: so does the client's response (it cannot be completed).
        answer.on('close', () => {
          if (!answer.complete) res.destroy();
        });
        res.writeHead(
          answer.statusCode ?? 502,
          answer.statusMessage,
          appendEndToEnd(answer.rawHeaders, notReturned, gatewayHeaders.slice()),
        );
        answer.pipe(res);
      });
      sent.on('timeout', () => sent.destroy(Object.assign(new Error('service timeout'), { code: 'ETIMEDOUT' })));
      sent.on('error', (error: NodeJS.ErrnoException) => {
        if (clientGone) return;
        if (retry && !res.headersSent && sent.reusedSocket && error.code === 'ECONNRESET') upstream = send(false);
        else unavailable(res, error.code === 'ETIMEDOUT' ? 504 : 502, service, timeoutMs, gatewayHeaders);
      });
      if (!body) sent.end();
      return sent;
    };
    let upstream = send(!body && IDEMPOTENT.has(req.method ?? ''));
    // A client that goes away stops the service's request and frees the connection.
    res.on('close', () => {
      if (res.writableFinished) return;
      clientGone = true;
      upstream.destroy();
    });
    if (body) {
      req.on('error', () => upstream.destroy());
      req.pipe(upstream);
    }
  };
}
