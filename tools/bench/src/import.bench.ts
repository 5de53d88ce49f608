import { migrateDatabase } from '@rewind/db';
import { exportPlayRows, generateExport } from '@rewind/spotify-emulator';
import Table from 'cli-table3';
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, WriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { ImportChildResult } from './import-child';

export interface ImportBenchOptions {
  /** A PostgreSQL server URL; a scratch database is created on it and dropped afterwards. */
  serverUrl?: string;
  /** Export sizes to measure, in plays (default BENCH_IMPORT_PLAYS, e.g. "1000000,5000000", else 1,000,000). */
  plays?: number[];
  /** Rows per history file (Spotify writes about 15k). */
  rowsPerFile?: number;
  /** Where bench/results/import.json is written (default: ./bench/results). */
  resultsDir?: string;
  log?: (line: string) => void;
}

export interface ImportBenchRun {
  plays: number;
  files: number;
  /** uncompressed size of the history files */
  exportBytes: number;
  zipBytes: number;
  copySeconds: number;
  importSeconds: number;
  ratio: number;
  peakRssMb: number;
  pass: boolean;
}

/** The first size's figures at the top (the report's rows), every size in `runs`. */
export interface ImportBenchResult extends ImportBenchRun {
  targetRatio: number;
  goalRatio: number;
  targetRssMb: number;
  runs: ImportBenchRun[];
  postgres: string;
  node: string;
  measuredAt: string;
}

const TARGET_RATIO = 3;
const GOAL_RATIO = 1.5;
const TARGET_RSS_MB = 200;
const SEED = 2026;
const COPY_COLUMNS =
  'account_id, played_at, track_id, track_name, artist_name, album_name, ms_played, source, reason_start, reason_end, shuffle, skipped, offline, offline_at, platform, conn_country';

export function importBenchSizes(env: string | undefined = process.env.BENCH_IMPORT_PLAYS): number[] {
  const sizes = (env ?? '1000000')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
  return sizes.length ? sizes : [1_000_000];
}

async function write(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

function copyText(value: string | null): string {
  if (value === null) return '\\N';
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** The export's plays as COPY text of raw.plays: the same rows the import stores, for the baseline. */
async function writeCopyFile(file: string, accountId: string, plays: number): Promise<void> {
  const out = createWriteStream(file);
  const iso = (ms: number) => new Date(ms).toISOString();
  const bool = (b: boolean | null) => (b === null ? '\\N' : b ? 't' : 'f');
  for (const p of exportPlayRows({ listenerId: 'bench-import', seed: SEED, plays })) {
    await write(
      out,
      `${accountId}\t${iso(p.playedAtMs)}\t${p.trackId}\t${copyText(p.trackName)}\t${copyText(p.artistName)}\t${copyText(p.albumName)}\t${p.msPlayed}\textended_history\t${copyText(p.reasonStart)}\t${copyText(p.reasonEnd)}\t${bool(p.shuffle)}\t${bool(p.skipped)}\t${bool(p.offline)}\t${p.offlineAtMs === null ? '\\N' : iso(p.offlineAtMs)}\t${copyText(p.platform)}\t${copyText(p.country)}\n`,
    );
  }
  out.end();
  await once(out, 'finish');
}

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function resetTables(url: string): Promise<void> {
  await withClient(url, async (c) => {
    await c.query('TRUNCATE raw.plays, raw.tracks, raw.enrichment_queue, raw.non_music_listens, raw.transform_requests, raw.import_jobs');
    await c.query('CHECKPOINT');
  });
}

/** Runs the import in a process of its own (import-child.ts), so its peak RSS is the import's. */
async function importInChild(dbUrl: string, accountId: string, zip: string): Promise<ImportChildResult> {
  const child = path.join(__dirname, `import-child${path.extname(__filename)}`);
  const { stdout } = await promisify(execFile)(process.execPath, [...process.execArgv, child, dbUrl, accountId, zip], {
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as ImportChildResult;
}

async function measure(
  dbUrl: string,
  dir: string,
  plays: number,
  rowsPerFile: number,
  log: (line: string) => void,
): Promise<ImportBenchRun> {
  const { importAccount, copyAccount } = await withClient(dbUrl, async (c) => {
    const ids = await c.query<{ id: string }>(`INSERT INTO auth.accounts (spotify_user_id) VALUES ($1), ($2) RETURNING id`, [
      `bench-import-${plays}`,
      `bench-copy-${plays}`,
    ]);
    return { importAccount: ids.rows[0].id, copyAccount: ids.rows[1].id };
  });
  const zip = path.join(dir, `my_spotify_data_${plays}.zip`);
  log(`writing a ${plays.toLocaleString('en')}-play export as the emulator writes it (${rowsPerFile} rows a file, deflate 6) ...`);
  const summary = await generateExport({ listenerId: 'bench-import', seed: SEED, plays, out: zip, rowsPerFile, compressionLevel: 6 });
  const copyFile = path.join(dir, `plays_${plays}.copy`);
  await writeCopyFile(copyFile, copyAccount, plays);
  const zipBytes = (await stat(zip)).size;
  const historyFiles = summary.files.filter((f) => f.endsWith('.json')).length;
  log(`${historyFiles} history files in a ${(zipBytes / 1e6).toFixed(0)} MB zip`);

  // Baseline: COPY the same plays, already in table form, into raw.plays.
  await resetTables(dbUrl);
  const copyStart = process.hrtime.bigint();
  await withClient(dbUrl, async (c) => {
    await pipeline(
      createReadStream(copyFile, { highWaterMark: 1 << 20 }),
      c.query(copyFrom(`COPY raw.plays (${COPY_COLUMNS}) FROM STDIN`)),
    );
  });
  const copySeconds = Number(process.hrtime.bigint() - copyStart) / 1e9;
  log(`plain COPY: ${copySeconds.toFixed(2)} s`);
  await rm(copyFile, { force: true });

  // Rewind: the import job, as the CLI runs it, from the zip.
  await resetTables(dbUrl);
  const outcome = await importInChild(dbUrl, importAccount, zip);
  if (outcome.status !== 'succeeded') throw new Error(`the import did not succeed: ${outcome.error}`);
  if (outcome.playsInserted !== summary.plays)
    throw new Error(`the import stored ${outcome.playsInserted} plays, expected ${summary.plays}`);
  log(`Rewind import: ${outcome.seconds.toFixed(2)} s, peak RSS ${Math.round(outcome.peakRssMb)} MB`);
  await rm(zip, { force: true });
  const ratio = outcome.seconds / copySeconds;
  return {
    plays: summary.plays,
    files: historyFiles,
    exportBytes: summary.unpackedBytes,
    zipBytes,
    copySeconds: round(copySeconds),
    importSeconds: round(outcome.seconds),
    ratio: round(ratio),
    peakRssMb: Math.round(outcome.peakRssMb),
    pass: ratio <= TARGET_RATIO && outcome.peakRssMb < TARGET_RSS_MB,
  };
}

/**
 * `npm run bench -- import`: an export laid out as Spotify ships it (a zip of ~15k-row
 * full-field history files, as the emulator writes them) imported by Rewind (unzip, parse,
 * stage, merge, dedupe), against a plain COPY of the same plays into the same table.
 */
export async function runImportBench(opts: ImportBenchOptions = {}): Promise<ImportBenchResult> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const sizes = opts.plays ?? importBenchSizes();
  const serverUrl =
    opts.serverUrl ?? process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `rewind_bench_import_${process.pid}`;
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  const dbUrl = url.toString();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rewind-bench-import-'));
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE "${dbName}"`));
  try {
    await migrateDatabase(dbUrl);
    const postgres = await withClient(
      dbUrl,
      async (c) => (await c.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0].v,
    );
    const runs: ImportBenchRun[] = [];
    for (const plays of sizes) runs.push(await measure(dbUrl, dir, plays, opts.rowsPerFile ?? 15_000, log));
    const result: ImportBenchResult = {
      ...runs[0],
      targetRatio: TARGET_RATIO,
      goalRatio: GOAL_RATIO,
      targetRssMb: TARGET_RSS_MB,
      runs,
      postgres,
      node: process.version,
      measuredAt: new Date().toISOString(),
    };
    const resultsDir = opts.resultsDir ?? path.resolve('bench/results');
    await mkdir(resultsDir, { recursive: true });
    await writeFile(path.join(resultsDir, 'import.json'), `${JSON.stringify(result, null, 2)}\n`);
    printTable(result);
    return result;
  } finally {
    await rm(dir, { recursive: true, force: true });
    await withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`)).catch(() => undefined);
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function printTable(r: ImportBenchResult): void {
  const table = new Table({ head: ['import bench', 'plays', 'measured', 'target'] });
  for (const run of r.runs) {
    const n = run.plays.toLocaleString('en');
    table.push(
      ['export (zip of history files)', n, `${run.files} files, ${(run.zipBytes / 1e6).toFixed(0)} MB zipped`, ''],
      ['plain COPY of the same rows', n, `${run.copySeconds.toFixed(2)} s`, ''],
      ['Rewind import (unzip + parse + stage + merge)', n, `${run.importSeconds.toFixed(2)} s`, ''],
      ['ratio', n, `${run.ratio.toFixed(2)}×`, `≤ ${r.targetRatio}× (goal ${r.goalRatio}×)`],
      ['peak RSS of the import process', n, `${run.peakRssMb} MB`, `< ${r.targetRssMb} MB`],
      ['result', n, run.pass ? 'PASS' : 'FAIL', ''],
    );
  }
  process.stdout.write(`${table.toString()}\n`);
}

if (require.main === module) {
  const plays = process.argv[2] ? importBenchSizes(process.argv[2]) : undefined;
  runImportBench({ plays }).then(
    (r) => process.exit(r.runs.every((x) => x.pass) ? 0 : 1),
    (error) => {
      process.stderr.write(`import bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
