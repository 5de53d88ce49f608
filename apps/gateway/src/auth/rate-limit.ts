import type { Request, Response } from 'express';
import { rateLimit } from 'express-rate-limit';

/** Per-client (IP) limit on /api/**, so one client cannot starve the others or guess tokens quickly. */
export function apiRateLimit(perMinute: number) {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req: Request, res: Response) => {
      const resetSeconds = Math.ceil(Number(res.getHeader('retry-after') ?? 60));
      res.setHeader('Retry-After', String(resetSeconds));
      res.status(429).json({ statusCode: 429, error: 'Too Many Requests', message: `Rate limit of ${perMinute} requests per minute exceeded; retry in ${resetSeconds} s` });
    },
  });
}
