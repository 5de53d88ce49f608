// eslint-disable-next-line @typescript-eslint/no-require-imports -- autocannon ships no types
const autocannon = require('autocannon') as (options: Record<string, unknown>) => Promise<AutocannonResult>;

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

interface AutocannonResult {
  latency: { p50: number; p99: number };
  requests: { average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
}

/** What failed under load: socket errors and the non-2xx answers by status code ('' when nothing did). */
export function failuresOf(r: LoadNumbers): string {
  return r.errors > 0 || r.non2xx > 0 ? `${r.errors} socket errors, not 2xx ${JSON.stringify(r.statuses)}` : '';
}

/** Loads `base` with `list` (round robin) on `connections` connections for `seconds`, through the API token. */
export async function load(base: string, list: string[], seconds: number, connections: number): Promise<LoadNumbers> {
  let n = 0;
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    headers: BENCH_HEADERS,
    requests: [{ method: 'GET', setupRequest: (req: Record<string, unknown>) => ({ ...req, path: list[n++ % list.length] }) }],
  });
  const statuses = Object.fromEntries(
    Object.entries(result.statusCodeStats).flatMap(([code, { count }]) => (code.startsWith('2') ? [] : [[code, count]])),
  );
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: Math.round(result.requests.average),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    statuses,
  };
}

/** Rounds of one target together: mean p50 and req/s, the worst p99, all errors. */
export function combine(rounds: LoadNumbers[]): LoadNumbers {
  const mean = (f: (r: LoadNumbers) => number) => Math.round(rounds.reduce((sum, r) => sum + f(r), 0) / rounds.length);
  const total = (f: (r: LoadNumbers) => number) => rounds.reduce((sum, r) => sum + f(r), 0);
  const statuses: Record<string, number> = {};
  for (const r of rounds) for (const [code, count] of Object.entries(r.statuses)) statuses[code] = (statuses[code] ?? 0) + count;
  return {
    p50: mean((r) => r.p50),
    p99: Math.max(...rounds.map((r) => r.p99)),
    rps: mean((r) => r.rps),
    errors: total((r) => r.errors),
    non2xx: total((r) => r.non2xx),
    statuses,
  };
}

/** No socket error and every answer 2xx. */
export function clean(r: LoadNumbers): boolean {
  return r.errors === 0 && r.non2xx === 0;
}
