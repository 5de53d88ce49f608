export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RetryOptions {
  /** attempts in total for 5xx and timeouts (default 4) */
  maxAttempts?: number;
  /** first back-off delay, ms (default 500) */
  baseBackoffMs?: number;
  /** back-off ceiling, ms (default 8000) */
  maxBackoffMs?: number;
  /** injectable sleep (tests) */
  sleep?: Sleep;
  /** injectable randomness for jitter, [0, 1) */
  random?: () => number;
  /** injectable clock, ms */
  now?: () => number;
}

/** Exponential back-off with "equal jitter": half fixed, half random. */
export function backoffDelay(attempt: number, base: number, max: number, random: () => number): number {
  const exp = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}

export function isTransientStatus(status: number): boolean {
  return status === 500 || status === 502 || status === 503 || status === 504;
}

/** Retry-After in seconds (integer or HTTP date); undefined when absent or unreadable (real 429s often have none). */
export function parseRetryAfter(value: unknown, now: number): number | undefined {
  if (typeof value === 'string' || typeof value === 'number') {
    if (String(value).trim() === '') return undefined;
    const n = Number(value);
    if (Number.isFinite(n) && n >= 0) return n;
    const at = Date.parse(String(value));
    if (!Number.isNaN(at)) return Math.max(0, Math.ceil((at - now) / 1000));
  }
  return undefined;
}

/** First wait after a 429 that names none (Spotify's rolling window is 30 s); doubles while they keep coming. */
export const DEFAULT_RETRY_AFTER_MS = 5_000;
/** Longest such default wait. */
export const MAX_DEFAULT_RETRY_AFTER_MS = 15 * 60_000;

/** The wait after a 429 without Retry-After: `base`, doubling with each such 429 in a row, at most `max` (ms). */
export function defaultRateLimitWait(inARow: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** Math.max(0, inARow - 1));
}
