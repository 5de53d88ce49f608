import type { ServerResponse } from 'node:http';
import { apiError, oauthError, send, sleep } from './http-replies';
import type { World } from './world';
import type { FaultConfig, Listener, ListenerCounters } from './world-types';

export type Surface = 'api' | 'accounts';

/**
 * Transport faults (FaultConfig in world-types.ts) as both surfaces meet them: latency, hangs, 429s
 * (counted or in a rolling 30 s window) and 5xx, per account or global.
 */
export class TransportFaults {
  /** responses deliberately left hanging (timeout faults); destroyed on close */
  readonly hanging = new Set<ServerResponse>();

  constructor(private readonly world: World) {}

  counters(listener: Listener | undefined): ListenerCounters {
    return listener ? listener.counters : this.world.globalCounters;
  }

  /** Decrement a "next N requests" fault on whichever config (account or global) defines it. */
  private consume(listener: Listener | undefined, field: 'rateLimitCount' | 'failNext' | 'hangNext'): boolean {
    const own = listener?.faults;
    const holder: FaultConfig = own && own[field] !== undefined ? own : this.world.globalFaults;
    const n = holder[field];
    if (n === undefined || n <= 0) return false;
    holder[field] = n - 1;
    return true;
  }

  /**
   * Transport faults (latency, hang, 429, 5xx). Returns true when the request was answered
   * (or deliberately left hanging) by a fault.
   */
  async apply(surface: Surface, listener: Listener | undefined, res: ServerResponse): Promise<boolean> {
    const f = this.world.effectiveFaults(listener?.id);
    const target = f.target ?? 'api';
    if (target !== 'all' && target !== surface) return false;
    const counters = this.counters(listener);
    const rng = this.world.faultRng(listener?.id);
    if (f.latencyMs) await sleep(f.latencyMs);
    if (this.consume(listener, 'hangNext') || (f.hangRate && rng.next() < f.hangRate)) {
      counters.hangs++;
      this.hanging.add(res);
      res.on('close', () => this.hanging.delete(res));
      return true;
    }
    if (f.retryAfterSec !== undefined && (f.rateLimitCount === undefined || this.consume(listener, 'rateLimitCount'))) {
      counters.status429++;
      this.tooMany(res, surface, f.omitRetryAfter ? undefined : f.retryAfterSec, f.quotaExceeded ?? false, f.emptyRateLimitBody ?? false);
      return true;
    }
    if (f.windowLimit !== undefined) {
      const hits = listener ? listener.windowHits : this.world.globalWindowHits;
      const t = Date.now();
      while (hits.length && hits[0] <= t - 30_000) hits.shift();
      if (hits.length >= f.windowLimit) {
        counters.status429++;
        const wait = Math.max(1, Math.ceil((hits[0] + 30_000 - t) / 1000));
        this.tooMany(res, surface, f.omitRetryAfter ? undefined : wait, f.quotaExceeded ?? false, f.emptyRateLimitBody ?? false);
        return true;
      }
      hits.push(t);
    }
    if (this.consume(listener, 'failNext') || (f.errorRate && rng.next() < f.errorRate)) {
      const statuses = f.errorStatuses?.length ? f.errorStatuses : [500, 502, 503];
      const status = statuses[Math.floor(rng.next() * statuses.length)];
      counters.status5xx++;
      if (surface === 'api')
        apiError(res, status, status === 503 ? 'Service unavailable' : status === 502 ? 'Bad gateway' : 'Server error.');
      else oauthError(res, status, 'server_error', 'Server error');
      return true;
    }
    return false;
  }

  /** A 429; real ones often come without a body, and sometimes without Retry-After. */
  private tooMany(res: ServerResponse, surface: Surface, retryAfter: number | undefined, quota: boolean, empty: boolean): void {
    const headers: Record<string, string> = retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) };
    if (empty) {
      if (res.destroyed || res.headersSent) return;
      res.writeHead(429, { ...headers, 'content-length': 0 });
      res.end();
      return;
    }
    if (surface === 'accounts') return send(res, 429, { error: 'rate_limited', error_description: 'Too many requests' }, headers);
    apiError(res, 429, 'API rate limit exceeded', headers, quota ? { reason: 'QUOTA_EXCEEDED' } : {});
  }
}
