// eslint-disable-next-line @typescript-eslint/no-require-imports -- autocannon ships no types
const autocannon = require('autocannon') as Autocannon;

/** The API token the stats bench starts the gateway with (a throwaway, for this process tree only). */
export const BENCH_API_TOKEN = 'bench-api-token-0123456789abcdef';
export const BENCH_INTERNAL_TOKEN = 'bench-internal-token-0123456789abcdef';
/** The API token, and the internal token the gateway adds to what it passes on: direct calls to stats-api need it (the gateway drops a client's). */
export const BENCH_HEADERS = { authorization: `Bearer ${BENCH_API_TOKEN}`, 'x-internal-token': BENCH_INTERNAL_TOKEN };

/** One target's load numbers; `statuses` counts the answers that were not 2xx, by status code. */
export interface LoadNumbers {
  p50: number;
  p99: number;
  rps: number;
  errors: number;
  non2xx: number;
  statuses: Record<string, number>;
}

/** One load run as autocannon reports it with `skipAggregateResult`: its latencies as an encoded histogram, so runs can be pooled. */
interface LoadRound {
  totalCompletedRequests: number;
  duration: number;
  [field: string]: unknown;
}

interface AggregatedResult {
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
}

interface Autocannon {
  (options: Record<string, unknown>): Promise<LoadRound>;
  aggregateResult(rounds: LoadRound[], options: Record<string, unknown>): AggregatedResult;
}

/** What failed under load: socket errors and the non-2xx answers by status code ('' when nothing did). */
export function failuresOf(r: LoadNumbers): string {
  return r.errors > 0 || r.non2xx > 0 ? `${r.errors} socket errors, not 2xx ${JSON.stringify(r.statuses)}` : '';
}

/** One run of `list` (round robin) against `base` on `connections` connections for `seconds`, through the API token. */
export function loadRound(base: string, list: string[], seconds: number, connections: number): Promise<LoadRound> {
  let n = 0;
  return autocannon({
    url: base,
    connections,
    duration: seconds,
    headers: BENCH_HEADERS,
    skipAggregateResult: true,
    requests: [{ method: 'GET', setupRequest: (req: Record<string, unknown>) => ({ ...req, path: list[n++ % list.length] }) }],
  });
}

/**
 * Runs of one target together: p50 and p99 over every request of every run (their latency histograms
 * pooled, so one noisy second among nine weighs what its requests weigh), req/s over their total time.
 */
export function combine(rounds: LoadRound[]): LoadNumbers {
  const pooled = autocannon.aggregateResult(rounds, { url: 'http://127.0.0.1' });
  const statuses = Object.fromEntries(
    Object.entries(pooled.statusCodeStats).flatMap(([code, { count }]) => (code.startsWith('2') ? [] : [[code, count]])),
  );
  const requests = rounds.reduce((sum, r) => sum + r.totalCompletedRequests, 0);
  const seconds = rounds.reduce((sum, r) => sum + r.duration, 0);
  return {
    p50: pooled.latency.p50,
    p99: pooled.latency.p99,
    rps: Math.round(requests / seconds),
    errors: pooled.errors + pooled.timeouts,
    non2xx: pooled.non2xx,
    statuses,
  };
}

/** Loads `base` with `list` once: one run's numbers. */
export async function load(base: string, list: string[], seconds: number, connections: number): Promise<LoadNumbers> {
  return combine([await loadRound(base, list, seconds, connections)]);
}

/** No socket error and every answer 2xx. */
export function clean(r: LoadNumbers): boolean {
  return r.errors === 0 && r.non2xx === 0;
}
