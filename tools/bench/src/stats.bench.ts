import { migrateDatabase } from '@rewind/db';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: Record<string, unknown>) => Promise<AutocannonResult>;
import Table from 'cli-table3';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Client, Pool } from 'pg';
import { buildAllModels as buildMarts } from '@rewind/models';
import { freePort } from './free-port';

/**
 * Stats bench: one account with 1,000,000 plays (5 years, Europe/Berlin), marts built from libs/models,
 * then stats-api and the gateway started from dist/ and every stats route loaded with autocannon
 * (random ranges: all time, years, months and unaligned date-times) through the gateway, directly,
 * and through a bare pass-through proxy (bare-proxy.ts: what any HTTP hop costs here, the floor the
 * gateway's ratio is read against) in three alternating rounds of each (p99 is the worst round's),
 * next to the best of three runs of a plain SQL over raw.plays for a one-year answer.
 * Under load the response cache is OFF (STATS_CACHE_ENTRIES=0): every request computes its answer, so the
 * numbers are those of uncached answers over 64 distinct ranges per route (a warm cache only makes
 * repeats cheaper). stats-api runs as shipped (STATS_MEMORY_INDEX=background): the account's day index
 * is built once before measuring (its build time is reported) and answers every route. The gateway runs with a rate limit far above the load, and any non-2xx (429
 * included) or socket error fails the route. The cold time of each route (first request of a range
 * on a fresh process) is measured separately.
 */
export interface StatsBenchOptions {
  serverUrl?: string;
  plays?: number;
  durationSeconds?: number;
  connections?: number;
  resultsDir?: string;
  log?: (line: string) => void;
}

/** One target's load numbers; `statuses` counts the answers that were not 2xx, by status code. */
export interface LoadNumbers {
  p50: number;
  p99: number;
  rps: number;
  errors: number;
  non2xx: number;
  statuses: Record<string, number>;
}

export interface StatsRouteResult {
  route: string;
  gateway: LoadNumbers;
  direct: LoadNumbers;
  /** The floor of any proxy hop on this machine: bare-proxy.ts in front of the same stats-api. */
  bareProxy: LoadNumbers;
  throughputRatio: number;
  /** Bare proxy req/s ÷ direct req/s. */
  bareProxyRatio: number;
  rawSqlMs: number;
  /** Median time of a first (uncached) request, direct, over 4 ranges. */
  coldMs: number;
  pass: boolean;
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

const ROUTES = [
  'summary',
  'top-artists',
  'top-tracks',
  'top-albums',
  'top-genres',
  'activity',
  'heatmap',
  'recent',
  'discoveries',
  'streaks',
  'sessions',
  'wrapped',
];
/** Rounds of each target per route: single 3 s rounds move by ±15 % on these shared machines. */
const ROUNDS = 3;
const TOKEN = 'bench-api-token-0123456789abcdef';
const INTERNAL = 'bench-internal-token-0123456789abcdef';

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function waitFor(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
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

/** Seconds until stats-api answers from its in-memory day index (the first request starts the build). */
async function waitForMemoryIndex(url: string, timeoutMs = 180_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const res = await fetch(url);
    await res.arrayBuffer();
    if (res.headers.get('x-rewind-stats-source') === 'memory') return (Date.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('stats-api never answered from its memory day index');
}

export async function seed(pool: Pool, plays: number): Promise<string> {
  await pool.query(
    `insert into raw.artists (id, name, image_url) select 'ar' || i, 'Artist ' || i, 'https://img.example/ar' || i from generate_series(1, 4000) i`,
  );
  await pool.query(
    `insert into raw.artist_genres (artist_id, genre) select 'ar' || i, g from generate_series(1, 4000) i, unnest(array['pop','rock','jazz','techno','folk','indie','ambient']) with ordinality u(g, n) where (i + n) % 3 = 0`,
  );
  await pool.query(
    `insert into raw.albums (id, name, image_url) select 'al' || i, 'Album ' || i, 'https://img.example/al' || i from generate_series(1, 8000) i`,
  );
  await pool.query(
    `insert into raw.album_artists (album_id, position, artist_id) select 'al' || i, 0, 'ar' || (1 + i % 4000) from generate_series(1, 8000) i`,
  );
  await pool.query(
    `insert into raw.tracks (id, name, album_id, duration_ms) select 'tr' || i, 'Track ' || i, 'al' || (1 + i % 8000), 120000 + (i * 7919) % 240000 from generate_series(1, 40000) i`,
  );
  await pool.query(
    `insert into raw.track_artists (track_id, position, artist_id) select 'tr' || i, p, 'ar' || (1 + (i * 31 + p * 17) % 4000) from generate_series(1, 40000) i, generate_series(0, 1) p where p = 0 or i % 4 = 0`,
  );
  const { rows } = await pool.query<{ id: string }>(
    `insert into auth.accounts (spotify_user_id, time_zone) values ('bench', 'Europe/Berlin') returning id`,
  );
  const account = rows[0].id;
  // Listening sessions of 24 plays ~1.5 min apart, one every 66 min shifted by up to 10 min: at least
  // 15 min of silence between two, so every session stands apart. 1M plays span a little over five years.
  await pool.query(
    `insert into raw.plays (account_id, played_at, track_id, track_name, artist_name, album_name, ms_played, source)
     select $1, timestamptz '2021-01-01T00:00:00Z'
         + ((i / 24) * 3960000 + ((i / 24 * 7919) % 600) * 1000 + (i % 24) * 90000 + ((i * 7919) % 13) * 1000) * interval '1 millisecond',
       case when i % 10 = 0 then null else 'tr' || (1 + ((i::bigint * 2654435761) % 40000)) end,
       case when i % 10 = 0 then 'Old Song ' || (i % 500) end, case when i % 10 = 0 then 'Old Artist ' || (i % 60) end,
       case when i % 10 = 0 then 'Old Album ' || (i % 90) end, case when i % 10 = 0 then 30000 + (i * 7919) % 200000 end,
       case when i % 10 = 0 then 'account_data' else 'poll' end
     from generate_series(0::bigint, $2::bigint - 1) i`,
    [account, plays],
  );
  await pool.query('analyze');
  return account;
}

/** Random query strings for a route: all time, a year, a month, and unaligned ranges (edges read from fct_plays). */
function paths(route: string, accountId: string, count: number): string[] {
  let x = 12345;
  const rnd = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const q = new URLSearchParams({ accountId });
    const kind = i % 4;
    const year = 2021 + Math.floor(rnd() * 5);
    const month = String(1 + Math.floor(rnd() * 12)).padStart(2, '0');
    if (route === 'wrapped') q.set('year', String(year));
    else if (kind === 1) {
      q.set('from', `${year}-01-01`);
      q.set('to', `${year + 1}-01-01`);
    } else if (kind === 2) {
      q.set('from', `${year}-${month}-01`);
      q.set('to', `${year}-${month}-28T${String(Math.floor(rnd() * 24)).padStart(2, '0')}:30`);
    } else if (kind === 3) {
      q.set('from', `${year}-${month}-03T0${Math.floor(rnd() * 10)}:15:00Z`);
      q.set('to', `${year + 1}-${month}-10T1${Math.floor(rnd() * 10)}:45:00Z`);
    }
    if (route === 'activity') q.set('bucket', ['day', 'week', 'month', 'year', 'weekday', 'hour'][i % 6]);
    if (rnd() < 0.3) q.set('by', 'minutes');
    out.push(`/api/stats/${route}?${q.toString()}`);
  }
  return out;
}

async function load(base: string, route: string, accountId: string, seconds: number, connections: number): Promise<LoadNumbers> {
  const list = paths(route, accountId, 64);
  let n = 0;
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${TOKEN}` },
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
function combine(rounds: LoadNumbers[]): LoadNumbers {
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

/** Plain SQL over raw.plays (no marts) for the 2023 answer of each route; best of three. */
function rawSql(route: string): string {
  const base = `with p as (
      select r.*, t.duration_ms, ta.artist_id, coalesce(ta.artist_id, r.artist_name) as artist_key, coalesce(r.track_id, r.artist_name || ' - ' || r.track_name) as track_key,
        coalesce(t.album_id, r.artist_name || ' - ' || r.album_name) as album_key,
        case when r.source = 'poll' then coalesce(least(t.duration_ms::bigint, (extract(epoch from (lead(r.played_at) over (order by r.played_at) - r.played_at)) * 1000)::bigint), 0) else r.ms_played end as ms,
        r.played_at at time zone 'Europe/Berlin' as local
      from raw.plays r left join raw.tracks t on t.id = r.track_id left join raw.track_artists ta on ta.track_id = r.track_id and ta.position = 0
      where r.account_id = $1 and r.played_at >= timestamptz '2023-01-01 00:00 Europe/Berlin' and r.played_at < timestamptz '2024-01-01 00:00 Europe/Berlin' + interval '1 day')
    `;
  const inRange = `p.played_at < timestamptz '2024-01-01 00:00 Europe/Berlin'`;
  switch (route) {
    case 'summary':
      return `${base} select count(*), sum(ms), count(distinct track_key), count(distinct artist_key), count(distinct album_key), min(played_at), max(played_at) from p where ${inRange}`;
    case 'top-artists':
      return `${base} select artist_key, count(*) n, sum(ms) from p where ${inRange} group by 1 order by n desc, 1 limit 10`;
    case 'top-tracks':
      return `${base} select track_key, count(*) n, sum(ms) from p where ${inRange} group by 1 order by n desc, 1 limit 10`;
    case 'top-albums':
      return `${base} select album_key, count(*) n, sum(ms) from p where ${inRange} and album_key is not null group by 1 order by n desc, 1 limit 10`;
    case 'top-genres':
      return `${base} select g.genre, count(*) n, sum(ms) from p join raw.artist_genres g on g.artist_id = p.artist_id where ${inRange} group by 1 order by n desc, 1 limit 10`;
    case 'activity':
      return `${base} select local::date, count(*), sum(ms) from p where ${inRange} group by 1 order by 1`;
    case 'heatmap':
      return `${base} select extract(isodow from local), extract(hour from local), count(*), sum(ms) from p where ${inRange} group by 1, 2`;
    case 'recent':
      return `select * from raw.plays where account_id = $1 and played_at < timestamptz '2024-01-01 00:00 Europe/Berlin' order by played_at desc limit 10`;
    case 'discoveries':
      return `select * from (select distinct on (coalesce(ta.artist_id, r.artist_name)) coalesce(ta.artist_id, r.artist_name) k, r.played_at from raw.plays r left join raw.track_artists ta on ta.track_id = r.track_id and ta.position = 0 where r.account_id = $1 order by coalesce(ta.artist_id, r.artist_name), r.played_at) d where played_at >= timestamptz '2023-01-01 00:00 Europe/Berlin' and played_at < timestamptz '2024-01-01 00:00 Europe/Berlin' order by played_at limit 10`;
    case 'streaks':
      return `${base} select min(d), max(d), count(*) from (select d, d - (row_number() over (order by d))::int g from (select distinct local::date d from p where ${inRange}) x) y group by g order by 3 desc limit 1`;
    case 'sessions':
      return `${base} select min(played_at), sum(ms) s from (select *, sum(st) over (order by played_at) sn from (select *, case when played_at > lag(played_at + ms * interval '1 ms') over (order by played_at) + interval '10 minutes' then 1 else 0 end st from p) a) b group by sn order by s desc limit 10`;
    default:
      // wrapped: the heaviest of its parts (every top list and the summary over the year).
      return `${base} select (select count(*) from p where ${inRange}), (select count(distinct track_key) from p where ${inRange}), (select count(distinct artist_key) from p where ${inRange}), (select count(distinct album_key) from p where ${inRange})`;
  }
}

export async function runStatsBench(options: StatsBenchOptions = {}): Promise<unknown> {
  const log = options.log ?? ((line: string) => console.error(line));
  const serverUrl = options.serverUrl ?? process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('set BENCH_DATABASE_URL (or run through npm run bench, which starts PostgreSQL)');
  const plays = options.plays ?? 1_000_000;
  const seconds = options.durationSeconds ?? 3;
  const connections = options.connections ?? 8;
  // Two cores: more concurrent queries than ~2x the cores only queue inside PostgreSQL.
  const poolSize = Number(process.env.BENCH_STATS_POOL_SIZE) || 4;
  const database = `rewind_stats_bench_${Date.now()}`;
  const admin = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  await admin.query(`create database "${database}"`);
  const url = withDatabase(serverUrl, database);
  const children: ChildProcess[] = [];
  const pool = new Pool({ connectionString: url, max: 2 });
  try {
    await migrateDatabase(url);
    let t = Date.now();
    const accountId = await seed(pool, plays);
    log(`seeded ${plays.toLocaleString('en')} plays in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    t = Date.now();
    await buildMarts(pool);
    const martsSeconds = (Date.now() - t) / 1000;
    log(`built the marts in ${martsSeconds.toFixed(1)} s`);

    const rawMs: Record<string, number> = {};
    for (const route of ROUTES) {
      let best = Infinity;
      for (let i = 0; i < 3; i++) {
        const s = process.hrtime.bigint();
        await pool.query(rawSql(route), [accountId]);
        best = Math.min(best, Number(process.hrtime.bigint() - s) / 1e6);
      }
      rawMs[route] = Math.round(best * 10) / 10;
    }
    log(`raw SQL baselines: ${JSON.stringify(rawMs)}`);

    const statsPort = await freePort();
    const gatewayPort = await freePort();
    const barePort = await freePort();
    const env = { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent', HOST: '127.0.0.1', INTERNAL_TOKEN: INTERNAL, API_TOKEN: TOKEN };
    const stats = spawn(process.execPath, ['dist/apps/stats-api/src/main.js'], {
      env: { ...env, PORT: String(statsPort), STATS_CACHE_ENTRIES: '0', STATS_DB_POOL_SIZE: String(poolSize) },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(stats);
    const gateway = spawn(process.execPath, ['dist/apps/gateway/src/main.js'], {
      env: { ...env, PORT: String(gatewayPort), STATS_SERVICE_URL: `http://127.0.0.1:${statsPort}`, RATE_LIMIT_PER_MINUTE: '100000000' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(gateway);
    const bare = spawn(process.execPath, ['dist/tools/bench/src/bare-proxy.js'], {
      env: { ...process.env, PORT: String(barePort), TARGET_URL: `http://127.0.0.1:${statsPort}` },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(bare);
    await waitFor(`http://127.0.0.1:${statsPort}/health/live`, stats);
    await waitFor(`http://127.0.0.1:${gatewayPort}/health/live`, gateway).catch(() =>
      waitFor(`http://127.0.0.1:${gatewayPort}/api/health`, gateway),
    );
    await waitFor(`http://127.0.0.1:${barePort}/health/live`, bare);
    const memoryIndexSeconds = await waitForMemoryIndex(`http://127.0.0.1:${statsPort}/api/stats/summary?accountId=${accountId}`);
    log(`stats-api built the account's memory day index in ${memoryIndexSeconds.toFixed(1)} s`);

    const results: StatsRouteResult[] = [];
    for (const route of ROUTES) {
      const cold: number[] = [];
      for (const p of paths(route, accountId, 4)) {
        const s = process.hrtime.bigint();
        const res = await fetch(`http://127.0.0.1:${statsPort}${p}`);
        await res.arrayBuffer();
        cold.push(Number(process.hrtime.bigint() - s) / 1e6);
      }
      const coldMs = Math.round(cold.sort((a, b) => a - b)[2]);
      await load(`http://127.0.0.1:${statsPort}`, route, accountId, 1, connections); // warm-up
      // Direct, via the gateway and via the bare proxy alternate, so drift in the machine's other load hits all alike.
      const runs = { direct: [] as LoadNumbers[], gateway: [] as LoadNumbers[], bare: [] as LoadNumbers[] };
      for (let round = 0; round < ROUNDS; round++) {
        runs.direct.push(await load(`http://127.0.0.1:${statsPort}`, route, accountId, seconds, connections));
        runs.gateway.push(await load(`http://127.0.0.1:${gatewayPort}`, route, accountId, seconds, connections));
        runs.bare.push(await load(`http://127.0.0.1:${barePort}`, route, accountId, seconds, connections));
      }
      const direct = combine(runs.direct);
      const viaGateway = combine(runs.gateway);
      const bareProxy = combine(runs.bare);
      const ofDirect = (r: LoadNumbers) => (direct.rps ? Math.round((r.rps / direct.rps) * 100) / 100 : 0);
      const throughputRatio = ofDirect(viaGateway);
      const bareProxyRatio = ofDirect(bareProxy);
      const pass = viaGateway.p99 < 50 && throughputRatio >= 0.8 && viaGateway.errors === 0 && viaGateway.non2xx === 0;
      results.push({
        route,
        gateway: viaGateway,
        direct,
        bareProxy,
        throughputRatio,
        bareProxyRatio,
        rawSqlMs: rawMs[route],
        coldMs,
        pass,
      });
      const failures = Object.entries({ gateway: viaGateway, direct, 'bare proxy': bareProxy })
        .map(([name, r]) => (failuresOf(r) ? `; ${name}: ${failuresOf(r)}` : ''))
        .join('');
      log(
        `${route}: gateway p50 ${viaGateway.p50} ms p99 ${viaGateway.p99} ms ${viaGateway.rps} req/s; direct ${direct.rps} req/s; bare proxy ${bareProxy.rps} req/s; raw SQL ${rawMs[route]} ms; cold ${coldMs} ms${failures}`,
      );
    }

    const table = new Table({
      head: [
        'route',
        'p50 ms',
        'p99 ms',
        'req/s gateway',
        'req/s direct',
        'gw/direct',
        'bare proxy/direct',
        'raw SQL ms (2023)',
        'cold ms',
        'pass',
      ],
    });
    for (const r of results)
      table.push([
        r.route,
        r.gateway.p50,
        r.gateway.p99,
        r.gateway.rps,
        r.direct.rps,
        r.throughputRatio,
        r.bareProxyRatio,
        r.rawSqlMs,
        r.coldMs,
        r.pass ? 'yes' : 'NO',
      ]);
    console.log(table.toString());
    const summary = {
      plays,
      martsBuildSeconds: martsSeconds,
      memoryIndexSeconds,
      durationSeconds: seconds,
      connections,
      responseCache: 'off (every request computes its answer)',
      statsPoolSize: poolSize,
      targets: { p99Ms: 50, gatewayThroughputRatio: 0.8 },
      routes: results,
      pass: results.every((r) => r.pass),
      measuredAt: new Date().toISOString(),
      node: process.version,
    };
    const dir = options.resultsDir ?? path.resolve('bench/results');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'stats.json'), `${JSON.stringify(summary, null, 2)}\n`);
    return summary;
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await pool.end().catch(() => undefined);
    await new Promise((r) => setTimeout(r, 500));
    await admin.query(`drop database if exists "${database}" with (force)`).catch(() => undefined);
    await admin.end();
  }
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
