import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
// The load bench starts the built system as the end-to-end suite does (one process supervisor).
import { startStack } from '@rewind/testing';
import { freePort } from './free-port';

// autocannon ships no types; this is the part of its result the bench reads.
interface AutocannonResult {
  latency: { p50: number; p99: number; max: number };
  requests: { total: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- autocannon ships no types
const autocannon = require('autocannon') as (options: Record<string, unknown>) => Promise<AutocannonResult>;

export interface LoadBenchResult {
  seconds: number;
  targetRate: number;
  achievedRate: number;
  requests: number;
  errors: number;
  non2xx: number;
  p50Ms: number;
  p99Ms: number;
  polls: { started: number; succeeded: number; failed: number };
  pass: boolean;
  measuredAt: string;
}

/** A dashboard's worth of stats calls over different ranges, zones and measures. */
function mixedWorkload(accountId: string): { method: string; path: string }[] {
  const ranges = ['', '&from=2025-01-01&to=2026-01-01', '&from=2026-06-01', '&from=2026-11-01T06:30:00Z&to=2026-11-20'];
  const routes = [
    'summary',
    'top-artists',
    'top-tracks',
    'top-albums',
    'top-genres',
    'activity?bucket=day',
    'activity?bucket=hour',
    'heatmap',
    'recent',
    'discoveries',
    'streaks',
    'sessions',
  ];
  const requests: { method: string; path: string }[] = [];
  ranges.forEach((range, i) => {
    for (const route of routes) {
      const sep = route.includes('?') ? '&' : '?';
      const extra = i % 2 ? '&by=minutes&tz=America%2FNew_York' : '';
      requests.push({ method: 'GET', path: `/api/stats/${route}${sep}accountId=${accountId}${range}${extra}` });
    }
  });
  requests.push({ method: 'GET', path: `/api/stats/wrapped?accountId=${accountId}&year=2025` });
  return requests;
}

/**
 * `npm run bench -- load`: the whole stack (demo mode, from dist) holds a mixed stats workload
 * through the gateway for a fixed time at a stated rate, while ingest keeps polling.
 * Pass: zero errors, zero non-2xx, the rate held (≥ 95 %), every poll succeeded.
 */
export async function runLoadBench(
  options: { seconds?: number; rate?: number; resultsDir?: string; log?: (line: string) => void } = {},
): Promise<LoadBenchResult> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const seconds = options.seconds ?? Number(process.env.BENCH_LOAD_SECONDS ?? 60);
  const rate = options.rate ?? Number(process.env.BENCH_LOAD_RATE ?? 50);
  log('starting the stack (demo mode) ...');
  const stack = await startStack({
    portBase: 4700,
    pgPort: await freePort(),
    env: { RATE_LIMIT_PER_MINUTE: '1000000', INGEST_CRON: 'off', LOG_LEVEL: 'error' },
  });
  try {
    const auth = { Authorization: `Bearer ${stack.token}` };
    const accounts = (await (await fetch(`${stack.gateway}/api/auth/accounts`, { headers: auth })).json()) as { id: string }[];
    const accountId = accounts[0].id;

    // Polls every 5 s during the load; each must succeed.
    const runIds: string[] = [];
    const poller = setInterval(() => {
      void fetch(`${stack.gateway}/api/ingest/runs`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ accountId }),
      })
        .then((r) => r.json() as Promise<{ runId: string | null }>)
        .then((b) => b.runId && runIds.push(b.runId))
        .catch(() => runIds.push('request-failed'));
    }, 5000);

    log(`loading the gateway: ${rate} req/s for ${seconds} s ...`);
    const result = await autocannon({
      url: stack.gateway,
      headers: auth,
      connections: 8,
      overallRate: rate,
      duration: seconds,
      requests: mixedWorkload(accountId),
    });
    clearInterval(poller);

    // Let the last polls finish, then read their outcome.
    const polls = { started: runIds.length, succeeded: 0, failed: 0 };
    for (let attempt = 0; attempt < 60; attempt++) {
      const runs = (await (await fetch(`${stack.gateway}/api/ingest/runs?accountId=${accountId}&limit=100`, { headers: auth })).json()) as {
        id: string;
        status: string;
      }[];
      const mine = runs.filter((r) => runIds.includes(r.id));
      if (mine.every((r) => r.status !== 'running') && mine.length === runIds.filter((id) => id !== 'request-failed').length) {
        polls.succeeded = mine.filter((r) => r.status === 'succeeded').length;
        polls.failed = runIds.length - polls.succeeded;
        break;
      }
      await new Promise((r) => setTimeout(r, 500));
    }

    const achievedRate = result.requests.total / result.duration;
    const out: LoadBenchResult = {
      seconds,
      targetRate: rate,
      achievedRate: Math.round(achievedRate * 10) / 10,
      requests: result.requests.total,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      polls,
      pass:
        result.errors + result.timeouts === 0 &&
        result.non2xx === 0 &&
        achievedRate >= rate * 0.95 &&
        polls.started > 0 &&
        polls.failed === 0,
      measuredAt: new Date().toISOString(),
    };
    const dir = options.resultsDir ?? path.resolve('bench/results');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'load.json'), `${JSON.stringify(out, null, 2)}\n`);
    log(
      `load: ${out.requests} requests, ${out.errors} errors, ${out.non2xx} non-2xx, p99 ${out.p99Ms} ms, polls ${polls.succeeded}/${polls.started} ok`,
    );
    return out;
  } finally {
    await stack.stop();
  }
}
