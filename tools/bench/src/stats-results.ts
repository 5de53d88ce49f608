import type { AfterRunResult } from './stats-after-run';
import type { LoadNumbers } from './stats-load';
import type { StorageBytes } from './storage';

/** What the stats bench measures (stats.bench.ts), as written to bench/results/stats.json. */
export interface ZoneResult {
  zone: string;
  gateway: LoadNumbers;
  /** This zone's gateway p99 ÷ the account's zone's. */
  ratioToOwn: number;
  /** stats-api's source header on a warm request in this zone ('engine' when it names none). */
  source: string;
}

export interface StatsRouteResult {
  route: string;
  /** Through the gateway in the account's zone. */
  gateway: LoadNumbers;
  /** The direct and bare-proxy numbers and their ratios are measured at the first size only (null otherwise). */
  direct: LoadNumbers | null;
  /** The floor of any proxy hop on this machine: bare-proxy.ts in front of the same stats-api. */
  bareProxy: LoadNumbers | null;
  /** Gateway req/s ÷ direct req/s. */
  throughputRatio: number | null;
  /** Bare proxy req/s ÷ direct req/s. */
  bareProxyRatio: number | null;
  /** stats-api's source header on a warm request in the account's zone ('engine' when it names none). */
  source: string;
  /** Through the gateway in each other zone. */
  zones: ZoneResult[];
  rawSqlMs: number | null;
  /** Median time of a first (uncached) request, direct, over 4 ranges. */
  coldMs: number | null;
  pass: boolean;
}

export interface ScaleResult {
  plays: number;
  /** The full-refresh transform run that built the marts. */
  martsBuildSeconds: number;
  /** What PostgreSQL holds after that run (raw plays and catalog, marts). */
  storage: StorageBytes;
  /** From stats-api's start until it answers the account's all-time summary from memory. */
  indexBuildSeconds: number;
  memory: { afterBuild: { rssMb: number; peakRssMb: number }; afterLoad: { rssMb: number; peakRssMb: number } };
  /** The first request in each zone on the fresh process (all-time summary, direct). */
  firstAnswerMs: Record<string, { ms: number; source: string }>;
  routes: StatsRouteResult[];
  /** The worst gateway p99 over every route and zone. */
  worstP99Ms: number;
}

export interface StatsBenchResult {
  machine: { cpu: string; cores: number; memoryGb: number; loadAverageAtStart: number[] };
  durationSeconds: number;
  connections: number;
  responseCache: string;
  targets: { p99Ms: number; otherZoneP99Ratio: number; gatewayThroughputRatio: number };
  main: ScaleResult;
  afterRun: AfterRunResult;
  big:
    | (ScaleResult & { growth: { indexBuild: number; rss: number; worstP99: number; martsBuildPerPlay: number; storagePerPlay: number } })
    | null;
  pass: boolean;
  measuredAt: string;
  node: string;
}
