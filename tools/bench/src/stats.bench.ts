import { STATS_ROUTES, type StatsRoute } from '@rewind/contracts';
import { migrateDatabase } from '@rewind/db';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Pool } from 'pg';
import { type AfterRunResult, measureAfterRun } from './stats-after-run';
import { rawSqlBaselines } from './stats-raw-sql';
import { clean, combine, load, loadRound } from './stats-load';
import { BenchKeys, pickBenchKeys, statsPaths } from './stats-paths';
import { printStatsTables } from './stats-report';
import type { ScaleResult, StatsBenchResult, StatsRouteResult, ZoneResult } from './stats-results';
import { ACCOUNT_ZONE, seedStatsAccount } from './stats-seed';
import { storageOf } from './storage';
import { getJson, memoryOf, runTransform, secondsUntilMemoryAnswer, startStack, StatsStack } from './stats-stack';

/**
 * Stats bench: one account (zone Europe/Berlin) with 1,000,000 plays over five years; the marts built by
 * a full-refresh transform run requested through the gateway; then stats-api started from dist/ and every
 * stats route (STATS_ROUTES of libs/contracts; the entity pages, search and behaviour ask about the
 * all-time top artist, track, album and genre, see stats-paths.ts) loaded with autocannon (64 ranges
 * per route: all time, years, months, unaligned date-times)
 * in the account's zone directly, through the gateway and through a bare pass-through proxy
 * (bare-proxy.ts: what any HTTP hop costs here, the floor the gateway's ratio is read against), and in
 * America/New_York and Asia/Kolkata through the gateway, alternating in three rounds (p50 and p99 over
 * every request of the three rounds: their latency histograms pooled). Listeners in other zones ask the
 * same questions, so their p99 must be as good: under 50 ms and at most 1.5× the own zone's. Next to
 * it: the best of three runs of a plain SQL over raw.plays.
 * Under load the response cache is OFF (STATS_CACHE_ENTRIES=0): every request computes its answer.
 *
 * Then the "right after a run" row (stats-after-run.ts), and, when BENCH_STATS_BIG gives a play count
 * (e.g. 5000000), the same account at that size in a fresh database: index build time, stats-api's RSS,
 * p99 of every route in every zone (one round), and the growth from the first size as ratios.
 */
export interface StatsBenchOptions {
  serverUrl?: string;
  plays?: number;
  /** A second, larger history measured after the first (0: none). */
  bigPlays?: number;
  durationSeconds?: number;
  connections?: number;
  resultsDir?: string;
  log?: (line: string) => void;
}

/** The zones every route is asked in: the account's own first. */
export const ZONES = [ACCOUNT_ZONE, 'America/New_York', 'Asia/Kolkata'];
const OTHER_ZONES = ZONES.slice(1);
/** Rounds of each target per route: single 3 s rounds move by ±15 % on these shared machines. */
const ROUNDS = 3;
const TARGET_P99_MS = 50;
const TARGET_ZONE_RATIO = 1.5;
const TARGET_GATEWAY_RATIO = 0.8;

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 100) / 100 : 0);

/** Loads one route: per round the own zone direct, via the gateway and via the bare proxy (full), then every other zone via the gateway. */
async function measureRoute(
  stack: StatsStack,
  route: StatsRoute,
  accountId: string,
  keys: BenchKeys,
  opts: { rounds: number; seconds: number; connections: number; full: boolean },
): Promise<Omit<StatsRouteResult, 'rawSqlMs' | 'pass'>> {
  const list = (tz: string) => statsPaths(route, accountId, 64, tz, keys);
  let coldMs: number | null = null;
  if (opts.full) {
    const cold: number[] = [];
    for (const p of list(ACCOUNT_ZONE).slice(0, 4)) cold.push((await getJson(stack.statsUrl, p)).ms);
    coldMs = Math.round(cold.sort((a, b) => a - b)[2]);
  }
  for (const zone of ZONES) await load(zone === ACCOUNT_ZONE ? stack.statsUrl : stack.gatewayUrl, list(zone), 1, opts.connections); // warm-up
  // The targets alternate, so drift in the machine's other load hits all alike.
  const runs = new Map<string, Awaited<ReturnType<typeof loadRound>>[]>();
  const push = (name: string, r: Awaited<ReturnType<typeof loadRound>>) => runs.set(name, [...(runs.get(name) ?? []), r]);
  for (let round = 0; round < opts.rounds; round++) {
    if (opts.full) push('direct', await loadRound(stack.statsUrl, list(ACCOUNT_ZONE), opts.seconds, opts.connections));
    for (const zone of ZONES) push(zone, await loadRound(stack.gatewayUrl, list(zone), opts.seconds, opts.connections));
    if (opts.full) push('bare', await loadRound(stack.bareProxyUrl, list(ACCOUNT_ZONE), opts.seconds, opts.connections));
  }
  const gateway = combine(runs.get(ACCOUNT_ZONE)!);
  const direct = runs.has('direct') ? combine(runs.get('direct')!) : null;
  const bareProxy = runs.has('bare') ? combine(runs.get('bare')!) : null;
  const zones: ZoneResult[] = [];
  for (const zone of OTHER_ZONES) {
    const r = combine(runs.get(zone)!);
    zones.push({ zone, gateway: r, ratioToOwn: ratio(r.p99, gateway.p99), source: (await getJson(stack.statsUrl, list(zone)[0])).source });
  }
  return {
    route,
    gateway,
    direct,
    bareProxy,
    throughputRatio: direct && ratio(gateway.rps, direct.rps),
    bareProxyRatio: direct && bareProxy && ratio(bareProxy.rps, direct.rps),
    source: (await getJson(stack.statsUrl, list(ACCOUNT_ZONE)[0])).source,
    zones,
    coldMs,
  };
}

function routePasses(r: Omit<StatsRouteResult, 'pass'>, full: boolean): boolean {
  const zonesOk = r.zones.every((z) => z.gateway.p99 < TARGET_P99_MS && z.ratioToOwn <= TARGET_ZONE_RATIO && clean(z.gateway));
  return r.gateway.p99 < TARGET_P99_MS && clean(r.gateway) && zonesOk && (!full || (r.throughputRatio ?? 0) >= TARGET_GATEWAY_RATIO);
}

/**
 * One size in its own scratch database: seed, marts by a full-refresh run through the gateway, stats-api
 * started and its index build timed, every route in every zone; `during` runs on the live stack before it stops.
 */
async function measureScale(
  serverUrl: string,
  plays: number,
  opts: { rounds: number; seconds: number; connections: number; full: boolean; log: (line: string) => void },
  during?: (ctx: { pool: Pool; stack: StatsStack; accountId: string; keys: BenchKeys }) => Promise<void>,
): Promise<ScaleResult> {
  const { log } = opts;
  const database = `rewind_stats_bench_${Date.now()}`;
  const admin = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  await admin.query(`create database "${database}"`);
  const url = withDatabase(serverUrl, database);
  const pool = new Pool({ connectionString: url, max: 2 });
  let stopStack = async () => undefined as void;
  try {
    await migrateDatabase(url);
    let t = Date.now();
    const accountId = await seedStatsAccount(pool, plays);
    log(`seeded ${plays.toLocaleString('en')} plays in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    const poolSize = Number(process.env.BENCH_STATS_POOL_SIZE) || 4; // two cores: more only queue inside PostgreSQL
    const partial = await startStack(url, { STATS_CACHE_ENTRIES: '0', STATS_DB_POOL_SIZE: String(poolSize) });
    stopStack = partial.stop;
    t = Date.now();
    await runTransform(partial.gatewayUrl, { fullRefresh: true });
    const martsBuildSeconds = (Date.now() - t) / 1000;
    log(`built the marts (full-refresh run through the gateway) in ${martsBuildSeconds.toFixed(1)} s`);
    const storage = await storageOf(pool);
    log(`storage: raw ${storage.raw} B, marts ${storage.marts} B, database ${storage.database} B`);
    const rawMs = opts.full ? await rawSqlBaselines(pool, accountId) : null;
    if (rawMs) log(`raw SQL baselines: ${JSON.stringify(rawMs)}`);

    const stack = await partial.startStatsApi();
    const indexBuildSeconds = await secondsUntilMemoryAnswer(stack, `/api/stats/summary?accountId=${accountId}`);
    const afterBuild = await memoryOf(stack.statsPid);
    log(`stats-api answered from memory ${indexBuildSeconds.toFixed(1)} s after its start; RSS ${afterBuild.rssMb} MB`);
    const firstAnswerMs: ScaleResult['firstAnswerMs'] = {};
    for (const zone of OTHER_ZONES) {
      const first = await getJson(stack.statsUrl, `/api/stats/summary?accountId=${accountId}&tz=${encodeURIComponent(zone)}`);
      firstAnswerMs[zone] = { ms: Math.round(first.ms), source: first.source };
    }
    log(`first answer in other zones: ${JSON.stringify(firstAnswerMs)}`);

    const keys = await pickBenchKeys(stack.statsUrl, accountId);
    log(`entity, search and behaviour routes ask about: ${JSON.stringify(keys)}`);
    const routes: StatsRouteResult[] = [];
    for (const route of STATS_ROUTES) {
      const measured = await measureRoute(stack, route, accountId, keys, opts);
      const r = { ...measured, rawSqlMs: rawMs?.[route] ?? null };
      routes.push({ ...r, pass: routePasses(r, opts.full) });
      const zones = r.zones.map((z) => `${z.zone} p99 ${z.gateway.p99} ms (${z.ratioToOwn}×, ${z.source})`).join('; ');
      log(`${route}: own zone p99 ${r.gateway.p99} ms (${r.source}) ${r.gateway.rps} req/s (direct ${r.direct?.rps ?? '-'}); ${zones}`);
    }
    const afterLoad = await memoryOf(stack.statsPid);
    await during?.({ pool, stack, accountId, keys });
    const worstP99Ms = Math.max(...routes.flatMap((r) => [r.gateway.p99, ...r.zones.map((z) => z.gateway.p99)]));
    return { plays, martsBuildSeconds, storage, indexBuildSeconds, memory: { afterBuild, afterLoad }, firstAnswerMs, routes, worstP99Ms };
  } finally {
    await stopStack();
    await pool.end().catch(() => undefined);
    await admin.query(`drop database if exists "${database}" with (force)`).catch(() => undefined);
    await admin.end();
  }
}

export async function runStatsBench(options: StatsBenchOptions = {}): Promise<StatsBenchResult> {
  const log = options.log ?? ((line: string) => console.error(line));
  const serverUrl = options.serverUrl ?? process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('set BENCH_DATABASE_URL (or run through npm run bench, which starts PostgreSQL)');
  const plays = options.plays ?? (Number(process.env.BENCH_STATS_PLAYS) || 1_000_000);
  const bigPlays = options.bigPlays ?? (Number(process.env.BENCH_STATS_BIG) || 0);
  const seconds = options.durationSeconds ?? (Number(process.env.BENCH_STATS_SECONDS) || 3);
  const connections = options.connections ?? 8;
  const cpus = os.cpus();
  const machine = {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
  log(`machine: ${machine.cpu}, ${machine.cores} cores, load average ${machine.loadAverageAtStart.join(' ')}`);

  let afterRun: AfterRunResult | undefined;
  const main = await measureScale(serverUrl, plays, { rounds: ROUNDS, seconds, connections, full: true, log }, async (ctx) => {
    afterRun = await measureAfterRun({ ...ctx, zones: ZONES, connections, log });
    log(
      `after a run: p99 ${afterRun.after.p99} ms over ${afterRun.windowSeconds} s (before ${afterRun.before.p99} ms); visible after ${afterRun.visibility.map((v) => `${v.zone} ${v.seconds ?? 'never'} s`).join(', ')}`,
    );
  });
  const dir = options.resultsDir ?? path.resolve('bench/results');
  const summaryOf = (big: StatsBenchResult['big']): StatsBenchResult => ({
    machine,
    durationSeconds: seconds,
    connections,
    responseCache: 'off (every request computes its answer)',
    targets: { p99Ms: TARGET_P99_MS, otherZoneP99Ratio: TARGET_ZONE_RATIO, gatewayThroughputRatio: TARGET_GATEWAY_RATIO },
    main,
    afterRun: afterRun!,
    big,
    pass: main.routes.every((r) => r.pass) && afterRun!.pass && (!big || big.routes.every((r) => r.pass)),
    measuredAt: new Date().toISOString(),
    node: process.version,
  });
  const save = async (summary: StatsBenchResult) => {
    printStatsTables(summary);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'stats.json'), `${JSON.stringify(summary, null, 2)}\n`);
    return summary;
  };
  // Saved before the larger size is measured, which takes long on a small machine.
  const first = await save(summaryOf(null));
  if (!bigPlays) return first;
  log(`\n-- ${bigPlays.toLocaleString('en')} plays --`);
  const scale = await measureScale(serverUrl, bigPlays, { rounds: 1, seconds, connections, full: false, log });
  return save(
    summaryOf({
      ...scale,
      growth: {
        indexBuild: ratio(scale.indexBuildSeconds, main.indexBuildSeconds),
        martsBuildPerPlay: ratio(scale.martsBuildSeconds / scale.plays, main.martsBuildSeconds / main.plays),
        storagePerPlay: ratio(scale.storage.database / scale.plays, main.storage.database / main.plays),
        rss: ratio(scale.memory.afterLoad.rssMb, main.memory.afterLoad.rssMb),
        worstP99: ratio(scale.worstP99Ms, main.worstP99Ms),
      },
    }),
  );
}

if (require.main === module) {
  runStatsBench().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
