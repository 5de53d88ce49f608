import { ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { freePort } from './free-port';
import { BENCH_API_TOKEN, BENCH_HEADERS, BENCH_INTERNAL_TOKEN } from './stats-load';

/** stats-api answers this header with 'memory' or 'sql' while it has two engines; an engine with one sets none. */
const SOURCE_HEADER = 'x-rewind-stats-source';

export interface StatsStack {
  statsUrl: string;
  gatewayUrl: string;
  bareProxyUrl: string;
  /** stats-api's process id (its RSS is read from /proc). */
  statsPid: number;
  /** When stats-api was spawned (Date.now()). */
  statsStartedAt: number;
  stop(): Promise<void>;
}

async function waitFor(url: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up`);
}

/**
 * The gateway, transform-service (runs only when asked: no schedule, no request polling) and a bare
 * pass-through proxy on `databaseUrl`; stats-api is started by startStatsApi() once the marts exist, so
 * that its index build is measured from its start.
 */
export async function startStack(
  databaseUrl: string,
  statsEnv: Record<string, string>,
): Promise<{ gatewayUrl: string; startStatsApi(): Promise<StatsStack>; stop(): Promise<void> }> {
  const children: ChildProcess[] = [];
  const stop = async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
  };
  const [statsPort, gatewayPort, barePort, transformPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const env = { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', HOST: '127.0.0.1', INTERNAL_TOKEN: BENCH_INTERNAL_TOKEN };
  const start = (script: string, extra: Record<string, string>) => {
    const child = spawn(process.execPath, [script], { env: { ...env, ...extra }, stdio: ['ignore', 'ignore', 'inherit'] });
    children.push(child);
    return child;
  };
  const statsUrl = `http://127.0.0.1:${statsPort}`;
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  const bareProxyUrl = `http://127.0.0.1:${barePort}`;
  let bare: ChildProcess;
  try {
    const transform = start('dist/apps/transform-service/src/main.js', {
      PORT: String(transformPort),
      TRANSFORM_POLL_INTERVAL_MS: '0',
      TRANSFORM_CRON: 'off',
      TRANSFORM_FULL_REFRESH_CRON: 'off',
    });
    const gateway = start('dist/apps/gateway/src/main.js', {
      PORT: String(gatewayPort),
      API_TOKEN: BENCH_API_TOKEN,
      STATS_SERVICE_URL: statsUrl,
      TRANSFORM_SERVICE_URL: `http://127.0.0.1:${transformPort}`,
      RATE_LIMIT_PER_MINUTE: '100000000',
    });
    bare = start('dist/tools/bench/src/bare-proxy.js', { PORT: String(barePort), TARGET_URL: statsUrl });
    await waitFor(`http://127.0.0.1:${transformPort}/health/live`, transform);
    await waitFor(`${gatewayUrl}/health/live`, gateway);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    gatewayUrl,
    stop,
    startStatsApi: async () => {
      const statsStartedAt = Date.now();
      const stats = start('dist/apps/stats-api/src/main.js', { PORT: String(statsPort), ...statsEnv });
      await waitFor(`${statsUrl}/health/live`, stats);
      await waitFor(`${bareProxyUrl}/health/live`, bare); // it passes every request through to stats-api
      return { statsUrl, gatewayUrl, bareProxyUrl, statsPid: stats.pid!, statsStartedAt, stop };
    },
  };
}

/** GET through the gateway with the API token; the body parsed as JSON, and where the answer came from. */
export async function getJson<T>(base: string, path: string): Promise<{ body: T; source: string; ms: number }> {
  const started = process.hrtime.bigint();
  const res = await fetch(`${base}${path}`, { headers: BENCH_HEADERS });
  const text = await res.text();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${text.slice(0, 200)}`);
  return { body: JSON.parse(text) as T, source: res.headers.get(SOURCE_HEADER) ?? 'engine', ms };
}

/**
 * Seconds from stats-api's start until it answers `path` from memory (any answer when it no longer
 * names a source): the account's index build as a listener sees it. A 503 or a dropped request while
 * it loads is retried.
 */
export async function secondsUntilMemoryAnswer(stack: StatsStack, path: string, timeoutMs = 900_000): Promise<number> {
  let last = '';
  while (Date.now() - stack.statsStartedAt < timeoutMs) {
    try {
      const { source } = await getJson(stack.statsUrl, path);
      if (source !== 'sql') return (Date.now() - stack.statsStartedAt) / 1000;
      last = `answered from ${source}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`stats-api never answered ${path} from memory (last: ${last})`);
}

/** Resident and peak resident memory of a process, in MB (VmRSS, VmHWM of /proc/<pid>/status). */
export async function memoryOf(pid: number): Promise<{ rssMb: number; peakRssMb: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakRssMb: Math.round(kb('VmHWM') / 1024) };
}

export interface TransformRun {
  runId: string;
  status: string;
  /** When the run finished, by the transform-service's clock (the same machine). */
  finishedAt: number;
  seconds: number;
}

/** Starts a transform run through the gateway (POST /api/transform/runs) and waits until it has finished. */
export async function runTransform(gatewayUrl: string, body: { fullRefresh?: boolean }, timeoutMs = 1_800_000): Promise<TransformRun> {
  const headers = { authorization: `Bearer ${BENCH_API_TOKEN}`, 'content-type': 'application/json' };
  const res = await fetch(`${gatewayUrl}/api/transform/runs`, { method: 'POST', headers, body: JSON.stringify(body) });
  if (res.status !== 202) throw new Error(`POST /api/transform/runs: ${res.status} ${await res.text()}`);
  const { runId } = (await res.json()) as { runId: string };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { body: run } = await getJson<{ status: string; startedAt: string | null; finishedAt: string | null; error: string | null }>(
      gatewayUrl,
      `/api/transform/runs/${runId}`,
    );
    if (run.finishedAt && run.status !== 'running' && run.status !== 'queued') {
      if (run.status !== 'succeeded') throw new Error(`transform run ${runId} ${run.status}: ${run.error ?? ''}`);
      const finishedAt = Date.parse(run.finishedAt);
      return { runId, status: run.status, finishedAt, seconds: (finishedAt - Date.parse(run.startedAt ?? run.finishedAt)) / 1000 };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`transform run ${runId} did not finish in ${timeoutMs / 1000} s`);
}
