import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendApiError } from './api-error-response';
import { INTERNAL_TOKEN_HEADER, secretsEqual } from './internal-token.guard';

export interface GatewayOnlyOptions {
  internalToken: string;
  /** Host names this service answers to besides the loopback ones (e.g. its docker compose service name). */
  allowedHosts?: readonly string[];
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
/** Liveness and readiness probes (the gateway's /api/health, orchestrators): the only routes open without the token. */
const HEALTH_PATH = /^\/health\/[\w-]+(?:\?|$)/;
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ACCEPTED_BODY_TYPES = /^(application\/json|application\/[\w.+-]+\+json|multipart\/form-data)\s*(;|$)/i;

/** "Host: a:1" → ["a", 1]; the port defaults to 80. */
function parseHost(host: string): [string, number] | null {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(host.trim());
  return match ? [match[1].toLowerCase(), match[2] ? Number(match[2]) : 80] : null;
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/**
 * A service answers only the gateway (and its peers), never a browser or a stranger:
 * - Host must name this service: a loopback name or an allowed host, with the port the connection
 *   came in on (421 otherwise), so a DNS-rebound page cannot reach it by another name;
 * - every route but /health/* needs the internal token (401), which only the gateway and the
 *   services hold;
 * - POST, PUT, PATCH and DELETE with a body or a content type must say JSON or multipart (415):
 *   a page's "simple" text/plain or form POST is refused before anything reads it.
 */
export function gatewayOnly(options: GatewayOnlyOptions): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const names = new Set([...LOOPBACK_NAMES, ...(options.allowedHosts ?? []).map((h) => h.trim().toLowerCase()).filter(Boolean)]);
  return (req, res, next) => {
    const host = req.headers.host;
    const parsed = host ? parseHost(host) : null;
    if (!parsed) return sendApiError(res, { statusCode: 400, error: 'Bad Request', message: 'A valid Host header is required' });
    if (!names.has(parsed[0]) || parsed[1] !== req.socket.localPort)
      return sendApiError(res, {
        statusCode: 421,
        error: 'Misdirected Request',
        message: `This service does not answer to the host ${JSON.stringify(host!.slice(0, 100))}; call it through the gateway`,
      });
    const url = req.url ?? '/';
    if (!HEALTH_PATH.test(url)) {
      const given = req.headers[INTERNAL_TOKEN_HEADER];
      if (typeof given !== 'string' || !secretsEqual(given, options.internalToken))
        return sendApiError(res, {
          statusCode: 401,
          error: 'Unauthorized',
          message: 'This service answers only the gateway: call it through the gateway with Authorization: Bearer <API_TOKEN>',
        });
    }
    if (UNSAFE_METHODS.has(req.method ?? '')) {
      const type = req.headers['content-type'];
      if ((type !== undefined || hasBody(req)) && !ACCEPTED_BODY_TYPES.test(type ?? ''))
        return sendApiError(res, {
          statusCode: 415,
          error: 'Unsupported Media Type',
          message: `${req.method} bodies must be application/json or multipart/form-data (got ${type ? JSON.stringify(type.split(';')[0].slice(0, 60)) : 'no content type'})`,
        });
    }
    next();
  };
}
