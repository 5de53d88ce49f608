import { Pool } from 'pg';
import { clean, load, LoadNumbers } from './stats-load';
import { BenchKeys, mixedPaths } from './stats-paths';
import { insertPoll } from './stats-seed';
import { getJson, runTransform, StatsStack } from './stats-stack';

/** Visible means: the all-time summary in `zone` counts the poll's plays. */
export interface Visibility {
  zone: string;
  /** Seconds from the run's end until then; null when it did not happen within the wait. */
  seconds: number | null;
  /** Where the answers seen meanwhile came from (stats-api's source header; 'engine' when it names none). */
  sources: string[];
}

export interface AfterRunResult {
  pollPlays: number;
  /** The incremental run's own duration (startedAt → finishedAt). */
  transformSeconds: number;
  windowSeconds: number;
  /** The same request mix for 5 s before the poll: the steady state the window is read against. */
  before: LoadNumbers;
  /** The request mix through the gateway during the window that starts when the run has finished. */
  after: LoadNumbers;
  visibility: Visibility[];
  pass: boolean;
}

const VISIBLE_WAIT_MS = 120_000;

/** Polls the all-time summary in `zone` until it counts `expected` plays. */
async function watchVisibility(gatewayUrl: string, accountId: string, zone: string, expected: number, runEnd: number): Promise<Visibility> {
  const path = `/api/stats/summary?accountId=${accountId}&tz=${encodeURIComponent(zone)}`;
  const sources = new Set<string>();
  while (Date.now() - runEnd < VISIBLE_WAIT_MS) {
    const { body, source } = await getJson<{ plays: number }>(gatewayUrl, path);
    sources.add(source);
    if (body.plays >= expected) return { zone, seconds: Math.max(0, (Date.now() - runEnd) / 1000), sources: [...sources] };
    await new Promise((r) => setTimeout(r, 50));
  }
  return { zone, seconds: null, sources: [...sources] };
}

/**
 * The "right after a run" row: a 50-play poll lands in raw.plays as ingest writes it, a transform run
 * is requested through the API and waited for; then, from the moment it has finished, the mix of every
 * route in every zone is loaded through the gateway for `windowSeconds`, while the all-time summary in
 * each zone is polled until it counts the new plays.
 */
export async function measureAfterRun(options: {
  pool: Pool;
  stack: StatsStack;
  accountId: string;
  keys: BenchKeys;
  zones: string[];
  connections: number;
  windowSeconds?: number;
  pollPlays?: number;
  log: (line: string) => void;
}): Promise<AfterRunResult> {
  const { pool, stack, accountId, keys, zones, connections, log } = options;
  const windowSeconds = options.windowSeconds ?? 20;
  const mix = mixedPaths(accountId, zones, keys);
  const before = await load(stack.gatewayUrl, mix, 5, connections);
  const counted = await getJson<{ plays: number }>(stack.gatewayUrl, `/api/stats/summary?accountId=${accountId}`);
  const pollPlays = await insertPoll(pool, accountId, options.pollPlays ?? 50);
  const run = await runTransform(stack.gatewayUrl, {});
  log(`a ${pollPlays}-play poll landed; its transform run took ${run.seconds.toFixed(2)} s`);
  const expected = counted.body.plays + pollPlays;
  const [after, visibility] = await Promise.all([
    load(stack.gatewayUrl, mix, windowSeconds, connections),
    Promise.all(zones.map((zone) => watchVisibility(stack.gatewayUrl, accountId, zone, expected, run.finishedAt))),
  ]);
  return {
    pollPlays,
    transformSeconds: run.seconds,
    windowSeconds,
    before,
    after,
    visibility,
    pass: after.p99 < 50 && clean(after) && visibility.every((v) => v.seconds !== null),
  };
}
