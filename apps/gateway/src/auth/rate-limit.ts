import type { IncomingMessage } from 'node:http';
import { ipKeyGenerator } from 'express-rate-limit';
import type { Refusal } from '../http/api-error-response';

export interface RateLimitDecision {
  /** RateLimit-Policy and RateLimit (IETF draft 7) as a flat name, value list: for every answer. */
  headers: string[];
  /** The 429 (with Retry-After) when the client is over its limit. */
  refusal: Refusal | null;
}

/** The names of the headers every /api answer carries (IETF draft 7). */
export const RATE_LIMIT_HEADERS = ['RateLimit-Policy', 'RateLimit'] as const;

interface Window {
  hits: number;
  resetAt: number;
}

/**
 * Per-client (IP) limit on /api/**, so one client cannot starve the others or guess tokens quickly:
 * a fixed window per client from its first request, like express-rate-limit's memory store, with
 * its client key (IPv6 addresses grouped by /56) and its draft-7 headers.
 *
 * Synchronous on purpose: the gateway pipeline counts every request, and express-rate-limit's
 * promise chain was a measurable part of the gateway's CPU per request there.
 */
export class ApiRateLimit {
  private readonly windows = new Map<string, Window>();
  private readonly policy: string;
  private nextSweep: number;

  constructor(
    readonly perMinute: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {
    this.policy = `${perMinute};w=${Math.ceil(windowMs / 1000)}`;
    this.nextSweep = now() + windowMs;
  }

  /** Counts one request of the client that sent `req`. */
  take(req: IncomingMessage): RateLimitDecision {
    const now = this.now();
    if (now >= this.nextSweep) this.forgetExpired(now);
    const key = ipKeyGenerator(req.socket.remoteAddress ?? '');
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { hits: 0, resetAt: now + this.windowMs };
      this.windows.set(key, window);
    }
    window.hits++;
    const resetSeconds = Math.max(1, Math.ceil((window.resetAt - now) / 1000));
    const remaining = Math.max(0, this.perMinute - window.hits);
    return {
      headers: [
        RATE_LIMIT_HEADERS[0],
        this.policy,
        RATE_LIMIT_HEADERS[1],
        `limit=${this.perMinute}, remaining=${remaining}, reset=${resetSeconds}`,
      ],
      refusal: window.hits > this.perMinute ? this.refusal(resetSeconds) : null,
    };
  }

  private refusal(resetSeconds: number): Refusal {
    return {
      body: {
        statusCode: 429,
        error: 'Too Many Requests',
        message: `Rate limit of ${this.perMinute} requests per minute exceeded; retry in ${resetSeconds} s`,
      },
      headers: ['Retry-After', String(resetSeconds)],
    };
  }

  private forgetExpired(now: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
    this.nextSweep = now + this.windowMs;
  }
}
