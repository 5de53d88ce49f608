import type { IncomingMessage, ServerResponse } from 'node:http';
import { Agent } from 'node:http';
import type { Socket } from 'node:net';
import { serviceUrls } from '@rewind/config';
import httpProxy from 'http-proxy';
import { debugProxyErrorsPlugin } from 'http-proxy-middleware';
import type { GatewayConfig } from '../config/gateway.config';
import { sendApiError } from '../http/api-error-response';

export interface ProxyTarget {
  /** Public prefix, e.g. "/api/stats". */
  prefix: string;
  /** Service base URL, e.g. "http://127.0.0.1:3004". */
  target: string;
  /** Name used in error messages, e.g. "stats-api". */
  service: string;
}

export function proxyTargets(config: GatewayConfig): ProxyTarget[] {
  const urls = serviceUrls(config);
  return [
    { prefix: '/api/auth', target: urls.auth, service: 'auth-service' },
    { prefix: '/api/ingest', target: urls.ingest, service: 'ingest-service' },
    { prefix: '/api/transform', target: urls.transform, service: 'transform-service' },
    { prefix: '/api/stats', target: urls.stats, service: 'stats-api' },
  ];
}

function sendUnavailable(res: ServerResponse | Socket, status: 502 | 504, message: string): void {
  if (!('setHeader' in res)) {
    res.destroy();
    return;
  }
  if (res.headersSent) {
    res.end();
    return;
  }
  sendApiError(res, { statusCode: status, error: status === 504 ? 'Gateway Timeout' : 'Bad Gateway', message });
}

/**
 * Streams requests and responses to a backend service, path, status codes and headers untouched.
 * The user's API token stops here: services are never handed it.
 *
 * http-proxy itself (what http-proxy-middleware wraps): the request URL is already the one to
 * forward, and the middleware's per-request option copying and target parsing cost more than
 * the rest of the proxying.
 */
export function serviceProxy({ target, service }: ProxyTarget): (req: IncomingMessage, res: ServerResponse) => void {
  const proxy = httpProxy.createProxyServer({
    target,
    // Reuse connections to the service: a new TCP connection per request costs more than the request.
    agent: new Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64 }),
    changeOrigin: false,
    xfwd: true,
    proxyTimeout: 120_000,
  });
  // The guards http-proxy-middleware installs: socket errors never crash the process, and a
  // client that goes away stops the service's response. (Its types name http-proxy's server differently.)
  debugProxyErrorsPlugin(proxy as unknown as Parameters<typeof debugProxyErrorsPlugin>[0], {});
  proxy.on('proxyReq', (proxyReq, req) => {
    proxyReq.removeHeader('authorization');
    const requestId = req.headers['x-request-id'];
    if (typeof requestId === 'string') proxyReq.setHeader('x-request-id', requestId);
  });
  proxy.on('error', (error, _req, res) => {
    const code = (error as NodeJS.ErrnoException).code;
    const timedOut = code === 'ECONNRESET' || code === 'ETIMEDOUT' || /timeout/i.test(error.message);
    sendUnavailable(res, timedOut && code !== 'ECONNRESET' ? 504 : 502, `${service} is unavailable; try again shortly (GET /api/health shows which services are up)`);
  });
  return (req, res) => proxy.web(req, res);
}
