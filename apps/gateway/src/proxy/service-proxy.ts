import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request } from 'express';
import { Agent } from 'node:http';
import { createProxyMiddleware } from 'http-proxy-middleware';
import type { Socket } from 'node:net';

export interface ProxyTarget {
  /** Public prefix, e.g. "/api/stats". */
  prefix: string;
  /** Service base URL, e.g. "http://127.0.0.1:3004". */
  target: string;
  /** Name used in error messages, e.g. "stats-api". */
  service: string;
}

function sendJson(res: ServerResponse | Socket, status: number, message: string): void {
  if (!('setHeader' in res)) {
    res.destroy();
    return;
  }
  if (res.headersSent) {
    res.end();
    return;
  }
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ statusCode: status, error: status === 504 ? 'Gateway Timeout' : 'Bad Gateway', message }));
}

/**
 * Streams requests and responses to a backend service, status codes and headers untouched.
 * The user's API token stops here: services are never handed it.
 */
export function serviceProxy({ target, service }: ProxyTarget) {
  return createProxyMiddleware<Request, ServerResponse>({
    target,
    // Reuse connections to the service: a new TCP connection per request costs more than the request.
    agent: new Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64 }),
    changeOrigin: false,
    xfwd: true,
    proxyTimeout: 120_000,
    // Nest mounts middleware on a path, which strips it from req.url; forward the original path.
    pathRewrite: (_path, req) => req.originalUrl,
    on: {
      proxyReq: (proxyReq, req) => {
        proxyReq.removeHeader('authorization');
        const requestId = (req as IncomingMessage).headers['x-request-id'];
        if (typeof requestId === 'string') proxyReq.setHeader('x-request-id', requestId);
      },
      error: (error, _req, res) => {
        const code = (error as NodeJS.ErrnoException).code;
        const timedOut = code === 'ECONNRESET' || code === 'ETIMEDOUT' || /timeout/i.test(error.message);
        sendJson(res as ServerResponse | Socket, timedOut && code !== 'ECONNRESET' ? 504 : 502, `${service} is unavailable; try again shortly (GET /api/health shows which services are up)`);
      },
    },
  });
}
