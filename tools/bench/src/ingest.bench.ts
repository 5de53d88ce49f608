import { migrateDatabase } from '@rewind/db';
import { createSpotifyAccountsClient, createSpotifyClient, type SpotifyPlayHistoryItem, type SpotifyTokenProvider } from '@rewind/spotify';
import { Logger } from '@nestjs/common';
import Table from 'cli-table3';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Client, Pool } from 'pg';
// The ingest benches time ingest-service's own job classes in-process; they are app code, not a library yet.
import { PollingRepository } from '../../../apps/ingest-service/src/polling/polling.repository';
import { PollingService } from '../../../apps/ingest-service/src/polling/polling.service';
import { RunsRepository } from '../../../apps/ingest-service/src/runs/runs.repository';
import { startEmulator } from '@rewind/spotify-emulator';

export interface IngestBenchOptions {
  /** A PostgreSQL server URL; a scratch database is created on it and dropped afterwards. */
  serverUrl?: string;
  /** plays already stored for the polled account (the load works against a realistic table) */
  storedPlays?: number;
  /** 50-play loads measured */
  loads?: number;
  /** accounts in the tick */
  accounts?: number;
  /** accounts polled at once by the replica */
  concurrency?: number;
  resultsDir?: string;
  log?: (line: string) => void;
}

export interface IngestBenchResult {
  storedPlays: number;
  loads: number;
  loadMs: { median: number; p95: number; max: number };
  cursorMs: { median: number };
  tick: {
    accounts: number;
    concurrency: number;
    seconds: number;
    playsInserted: number;
    apiCalls: number;
    accountsPerSecond: number;
    failedRuns: number;
  };
  postgres: string;
  node: string;
  measuredAt: string;
}

const HALF_HOUR = 30 * 60_000;

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))] * 100) / 100;
}

export async function runIngestBench(opts: IngestBenchOptions = {}): Promise<IngestBenchResult> {
  Logger.overrideLogger(false); // the per-poll logs would drown the table
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const serverUrl =
    opts.serverUrl ?? process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const storedPlays = opts.storedPlays ?? 1_000_000;
  const loads = opts.loads ?? 30;
  const accounts = opts.accounts ?? 100;
  const concurrency = opts.concurrency ?? 4;
  const dbName = `rewind_bench_ingest_${randomBytes(4).toString('hex')}`;
  const dbUrl = (() => {
    const u = new URL(serverUrl);
    u.pathname = `/${dbName}`;
    return u.toString();
  })();
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE "${dbName}"`));
  const emu = await startEmulator({ seed: 99, devMode: false, catalog: { artists: 400 } });
  const pool = new Pool({ connectionString: dbUrl, max: concurrency + 2 });
  try {
    await migrateDatabase(dbUrl);
    const postgres = await withClient(
      dbUrl,
      async (c) => (await c.query<{ server_version: string }>(`SHOW server_version`)).rows[0].server_version,
    );
    const repo = new PollingRepository(pool);

    // ---- 1. the database work of one 50-play poll, on an account with `storedPlays` plays --------------
    log(`seeding ${storedPlays} plays...`);
    const cat = emu.world.catalog;
    const [{ id: benchAccount }] = (
      await pool.query<{ id: string }>(`INSERT INTO auth.accounts (spotify_user_id) VALUES ('bench-load') RETURNING id`)
    ).rows;
    await pool.query(`INSERT INTO raw.tracks (id, name) SELECT unnest($1::text[]), 'seed' ON CONFLICT DO NOTHING`, [
      cat.tracks.map((t) => t.id),
    ]);
    await pool.query(
      `INSERT INTO raw.plays (account_id, played_at, track_id, source)
       SELECT $1, timestamptz '2020-01-01' + g * interval '200 seconds', ($2::text[])[1 + g % array_length($2::text[], 1)], 'poll'
       FROM generate_series(1, $3::int) g`,
      [benchAccount, cat.tracks.map((t) => t.id), storedPlays],
    );
    await pool.query(`ANALYZE raw.plays`);
    // fifty full track objects as recently-played returns them (taken from the emulator)
    emu.admin.addListener({ id: 'bench-source', historyDays: 2 });
    const tokens = new EmulatorTokens(emu);
    tokens.add('bench-source', emu.admin.issueTokens('bench-source').refreshToken);
    const client = createSpotifyClient(tokens, { apiUrl: emu.apiUrl });
    const sample = (await client.getRecentlyPlayed('bench-source', { limit: 50 })).items;
    if (!sample.length) throw new Error('the emulator listed no plays to copy');
    let cursor = Date.parse('2020-01-01') + (storedPlays + 1) * 200_000;
    const loadTimes: number[] = [];
    const cursorTimes: number[] = [];
    for (let i = 0; i < loads; i++) {
      const items: SpotifyPlayHistoryItem[] = Array.from({ length: 50 }, (_, k) => ({
        ...sample[k % sample.length],
        played_at: new Date(cursor + (50 - k) * 200_000 + 123).toISOString(),
      }));
      cursor += 51 * 200_000;
      const [run] = await repo.lease({ owner: 'bench', tickAt: null, leaseSeconds: 600, trigger: 'manual', accountId: benchAccount });
      const c0 = performance.now();
      await repo.newestEndedMs(benchAccount);
      cursorTimes.push(performance.now() - c0);
      const t0 = performance.now();
      const outcome = await repo.load({ runId: run.runId, accountId: benchAccount, owner: 'bench', items, gap: null });
      loadTimes.push(performance.now() - t0);
      if (outcome.inserted !== 50) throw new Error(`expected 50 plays inserted, got ${outcome.inserted}`);
    }
    log(`50-play load: median ${quantile(loadTimes, 0.5)} ms`);

    // ---- 2. one tick over `accounts` accounts against the emulator ---------------------------------------
    await pool.query(`UPDATE auth.accounts SET status = 'disabled'`);
    for (let i = 0; i < accounts; i++) {
      const id = `bench-${i}`;
      emu.admin.addListener({ id, historyDays: 0 });
      const [{ id: uuid }] = (
        await pool.query<{ id: string }>(`INSERT INTO auth.accounts (spotify_user_id) VALUES ($1) RETURNING id`, [id])
      ).rows;
      tokens.add(uuid, emu.admin.issueTokens(id).refreshToken, id);
    }
    const polling = new PollingService(repo, new RunsRepository(pool), client, { owner: 'bench-replica', leaseSeconds: 600, concurrency });
    emu.admin.advance(HALF_HOUR); // warm-up tick: tokens, catalog
    await (
      await polling.tick('schedule', new Date())
    ).done;
    emu.admin.advance(HALF_HOUR);
    emu.admin.resetCounters();
    const before = (await pool.query<{ n: string }>(`SELECT count(*) AS n FROM raw.plays`)).rows[0].n;
    const t0 = performance.now();
    const tick = await polling.tick('schedule', new Date());
    await tick.done;
    const seconds = (performance.now() - t0) / 1000;
    const after = (await pool.query<{ n: string }>(`SELECT count(*) AS n FROM raw.plays`)).rows[0].n;
    const failed = (
      await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM raw.ingest_runs WHERE id = ANY($1::uuid[]) AND status <> 'succeeded'`,
        [tick.runs.map((r) => r.runId)],
      )
    ).rows[0].n;
    const apiCalls = Object.values(emu.admin.allCounters().listeners).reduce((n, c) => n + c.apiCalls, 0);
    if (tick.runs.length !== accounts) throw new Error(`expected ${accounts} runs, got ${tick.runs.length}`);

    const result: IngestBenchResult = {
      storedPlays,
      loads,
      loadMs: { median: quantile(loadTimes, 0.5), p95: quantile(loadTimes, 0.95), max: quantile(loadTimes, 1) },
      cursorMs: { median: quantile(cursorTimes, 0.5) },
      tick: {
        accounts,
        concurrency,
        seconds: Math.round(seconds * 1000) / 1000,
        playsInserted: Number(after) - Number(before),
        apiCalls,
        accountsPerSecond: Math.round((accounts / seconds) * 10) / 10,
        failedRuns: failed,
      },
      postgres,
      node: process.version,
      measuredAt: new Date().toISOString(),
    };
    const resultsDir = opts.resultsDir ?? path.resolve('bench/results');
    await mkdir(resultsDir, { recursive: true });
    await writeFile(path.join(resultsDir, 'ingest.json'), `${JSON.stringify(result, null, 2)}\n`);
    printTable(result);
    return result;
  } finally {
    await pool.end().catch(() => undefined);
    await emu.close();
    await withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`)).catch(() => undefined);
  }
}

/** Tokens straight from the emulator's accounts service (what auth-service does in production). */
class EmulatorTokens implements SpotifyTokenProvider {
  private readonly accounts;
  private readonly tokens = new Map<string, { refresh: string; access?: string }>();
  constructor(emu: { accountsUrl: string; clientId: string; clientSecret: string }) {
    this.accounts = createSpotifyAccountsClient({ accountsUrl: emu.accountsUrl, clientId: emu.clientId, clientSecret: emu.clientSecret });
  }
  add(accountId: string, refresh: string, _listener?: string): void {
    this.tokens.set(accountId, { refresh });
  }
  async getAccessToken(accountId: string, options: { forceRefresh?: boolean } = {}): Promise<string> {
    const t = this.tokens.get(accountId);
    if (!t) throw new Error(`no tokens for ${accountId}`);
    if (!t.access || options.forceRefresh) {
      const r = await this.accounts.refresh(t.refresh, { accountId, pkce: false });
      t.access = r.accessToken;
      if (r.refreshToken) t.refresh = r.refreshToken;
    }
    return t.access;
  }
}

function printTable(r: IngestBenchResult): void {
  const table = new Table({ head: ['ingest bench', 'measured', 'note'] });
  table.push(
    [
      '50-play poll load (one transaction)',
      `${r.loadMs.median} ms median, ${r.loadMs.p95} ms p95`,
      `catalog + plays + ledger + transform request; ${r.storedPlays.toLocaleString('en')} plays stored`,
    ],
    ['cursor (newest played_at)', `${r.cursorMs.median} ms median`, 'PK (account_id, played_at) backward scan'],
    [
      `one tick, ${r.tick.accounts} accounts`,
      `${r.tick.seconds} s (${r.tick.accountsPerSecond} accounts/s)`,
      `emulator over HTTP, ${r.tick.concurrency} at once; ${r.tick.playsInserted} plays, ${r.tick.apiCalls} API calls, ${r.tick.failedRuns} failed runs`,
    ],
    ['PostgreSQL / Node', `${r.postgres} / ${r.node}`, r.measuredAt],
  );
  process.stdout.write(`${table.toString()}\n`);
}

if (require.main === module) {
  runIngestBench().then(
    () => process.exit(0),
    (error) => {
      process.stderr.write(`ingest bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
