import type { IncomingMessage, ServerResponse } from 'node:http';
import { rateLimit } from 'express-rate-limit';
import { sendApiError } from '../http/api-error-response';

/**
 * Per-client (IP) limit on /api/**, so one client cannot starve the others or guess tokens quickly.
 * The handler uses plain node calls: the proxy path has no Express response.
 */
export function apiRateLimit(perMinute: number) {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req: IncomingMessage, res: ServerResponse) => {
      const resetSeconds = Math.ceil(Number(res.getHeader('retry-after') ?? 60));
      res.setHeader('Retry-After', String(resetSeconds));
      sendApiError(res, { statusCode: 429, error: 'Too Many Requests', message: `Rate limit of ${perMinute} requests per minute exceeded; retry in ${resetSeconds} s` });
    },
  });
}
