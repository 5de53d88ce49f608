import { migrateDatabase, type ImportFileInfo } from '@rewind/db';
import Table from 'cli-table3';
import { once } from 'node:events';
import { createReadStream, createWriteStream, WriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Client, Pool } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
// The ingest benches time ingest-service's own job classes in-process; they are app code, not a library yet.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { ImportJobRunner } from '../../../apps/ingest-service/src/imports/import-runner';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { ImportsRepository } from '../../../apps/ingest-service/src/imports/imports.repository';

export interface ImportBenchOptions {
  /** A PostgreSQL server URL; a scratch database is created on it and dropped afterwards. */
  serverUrl?: string;
  plays?: number;
  rowsPerFile?: number;
  /** Where bench/results/import.json is written (default: ./bench/results). */
  resultsDir?: string;
  log?: (line: string) => void;
}

export interface ImportBenchResult {
  plays: number;
  files: number;
  exportBytes: number;
  copySeconds: number;
  importSeconds: number;
  ratio: number;
  targetRatio: number;
  peakRssMb: number;
  targetRssMb: number;
  pass: boolean;
  postgres: string;
  node: string;
  measuredAt: string;
}

const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
function trackId(n: number): string {
  let s = '';
  let x = n * 2654435761 + 12345;
  for (let i = 0; i < 22; i++) {
    s += B62[x % 62];
    x = Math.floor(x / 62) + (i + 1) * 7919 + n;
  }
  return s;
}

async function write(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/**
 * Writes `plays` extended-history rows (all plays, real field set and pretty-printing)
 * as Spotify-sized files, and the same plays as COPY text for the baseline.
 */
async function generate(
  dir: string,
  accountId: string,
  plays: number,
  rowsPerFile: number,
): Promise<{ files: string[]; copyFile: string; bytes: number }> {
  const files: string[] = [];
  const copyFile = path.join(dir, 'plays.copy');
  const copyOut = createWriteStream(copyFile);
  let out: WriteStream | null = null;
  let inFile = 0;
  let t = Date.parse('2012-01-01T00:00:00Z');
  const tracks = 40_000;
  const ids = Array.from({ length: tracks }, (_, i) => trackId(i));
  for (let i = 0; i < plays; i++) {
    if (out === null) {
      const file = path.join(dir, `Streaming_History_Audio_${files.length}.json`);
      files.push(file);
      out = createWriteStream(file);
      await write(out, '[\n');
      inFile = 0;
    }
    const n = (i * 7919) % tracks;
    const ms = 30_000 + ((i * 104729) % 270_000);
    t += 1000 * (1 + (i % 600)) + ms;
    const tsMs = Math.floor(t / 1000) * 1000;
    const ts = new Date(tsMs).toISOString().replace('.000Z', 'Z');
    const playedAt = new Date(tsMs - ms).toISOString();
    const name = `Song ${n}`;
    const artist = `Artist ${n % 5000}`;
    const album = `Album ${n % 12000}`;
    const shuffle = i % 3 === 0;
    const row = `    {
        "ts": "${ts}",
        "platform": "android",
        "ms_played": ${ms},
        "conn_country": "SE",
        "ip_addr": "192.0.2.${i % 250}",
        "master_metadata_track_name": "${name}",
        "master_metadata_album_artist_name": "${artist}",
        "master_metadata_album_album_name": "${album}",
        "spotify_track_uri": "spotify:track:${ids[n]}",
        "episode_name": null,
        "episode_show_name": null,
        "spotify_episode_uri": null,
        "audiobook_title": null,
        "audiobook_uri": null,
        "audiobook_chapter_uri": null,
        "audiobook_chapter_title": null,
        "reason_start": "trackdone",
        "reason_end": "trackdone",
        "shuffle": ${shuffle},
        "skipped": false,
        "offline": false,
        "offline_timestamp": ${Math.floor(tsMs / 1000)},
        "incognito_mode": false
    }`;
    inFile++;
    const last = inFile === rowsPerFile || i === plays - 1;
    await write(out, last ? `${row}\n]\n` : `${row},\n`);
    // The same play as a plain COPY row of raw.plays.
    await write(
      copyOut,
      `${accountId}\t${playedAt}\t${ids[n]}\t${name}\t${artist}\t${album}\t${ms}\textended_history\ttrackdone\ttrackdone\t${shuffle ? 't' : 'f'}\tf\tf\t${ts}\tandroid\tSE\n`,
    );
    if (last) {
      out.end();
      await once(out, 'finish');
      out = null;
    }
  }
  copyOut.end();
  await once(copyOut, 'finish');
  let bytes = 0;
  for (const f of files) bytes += (await stat(f)).size;
  return { files, copyFile, bytes };
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
    await c.query('TRUNCATE raw.plays, raw.tracks, raw.enrichment_queue, raw.non_music_listens, raw.transform_requests');
    await c.query('CHECKPOINT');
  });
}

/**
 * `npm run bench -- import`: a million generated plays imported by Rewind (parse, stage,
 * merge, dedupe) against a plain COPY of the same plays into the same table, same process.
 */
export async function runImportBench(opts: ImportBenchOptions = {}): Promise<ImportBenchResult> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const plays = opts.plays ?? 1_000_000;
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
    const { importAccount, copyAccount, postgres } = await withClient(dbUrl, async (c) => {
      const a = await c.query<{ id: string }>(`INSERT INTO auth.accounts (spotify_user_id) VALUES ('bench-import') RETURNING id`);
      const b = await c.query<{ id: string }>(`INSERT INTO auth.accounts (spotify_user_id) VALUES ('bench-copy') RETURNING id`);
      const v = await c.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
      return { importAccount: a.rows[0].id, copyAccount: b.rows[0].id, postgres: v.rows[0].v };
    });
    log(`generating ${plays} plays in ${dir} ...`);
    const generated = await generate(dir, copyAccount, plays, opts.rowsPerFile ?? 15_000);
    log(`${generated.files.length} files, ${(generated.bytes / 1e6).toFixed(0)} MB`);

    // Baseline: COPY the same plays, already in table form, into raw.plays.
    await resetTables(dbUrl);
    const copyStart = process.hrtime.bigint();
    await withClient(dbUrl, async (c) => {
      const copy = c.query(
        copyFrom(
          `COPY raw.plays (account_id, played_at, track_id, track_name, artist_name, album_name, ms_played, source, reason_start, reason_end, shuffle, skipped, offline, offline_at, platform, conn_country) FROM STDIN`,
        ),
      );
      await pipeline(createReadStream(generated.copyFile, { highWaterMark: 1 << 20 }), copy);
    });
    const copySeconds = Number(process.hrtime.bigint() - copyStart) / 1e9;
    log(`plain COPY: ${copySeconds.toFixed(2)} s`);

    // Rewind: the import job, exactly as the CLI runs it.
    await resetTables(dbUrl);
    const pool = new Pool({ connectionString: dbUrl, max: 3 });
    const repository = new ImportsRepository(pool);
    const runner = new ImportJobRunner(pool, repository, { progressIntervalMs: 500 });
    const files: ImportFileInfo[] = [];
    for (const f of generated.files) files.push({ name: path.basename(f), bytes: (await stat(f)).size, path: f });
    const id = crypto.randomUUID();
    global.gc?.();
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
    const importStart = process.hrtime.bigint();
    const outcome = await runner.runJob(id, undefined, (client) =>
      repository.create(client, { id, accountId: importAccount, files, storagePath: null }),
    );
    const importSeconds = Number(process.hrtime.bigint() - importStart) / 1e9;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    await pool.end();
    if (outcome?.job.status !== 'succeeded') throw new Error(`the import did not succeed: ${outcome?.job.error}`);
    if (outcome.job.playsInserted !== plays) throw new Error(`the import stored ${outcome.job.playsInserted} plays, expected ${plays}`);
    log(`Rewind import: ${importSeconds.toFixed(2)} s`);

    const ratio = importSeconds / copySeconds;
    const peakRssMb = peakRss / (1024 * 1024);
    const result: ImportBenchResult = {
      plays,
      files: generated.files.length,
      exportBytes: generated.bytes,
      copySeconds: round(copySeconds),
      importSeconds: round(importSeconds),
      ratio: round(ratio),
      targetRatio: 3,
      peakRssMb: Math.round(peakRssMb),
      targetRssMb: 300,
      pass: ratio <= 3 && peakRssMb < 300,
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
  const table = new Table({ head: ['import bench', 'measured', 'target'] });
  table.push(
    ['plays', r.plays.toLocaleString('en'), '1,000,000'],
    ['export files / size', `${r.files} files, ${(r.exportBytes / 1e6).toFixed(0)} MB`, ''],
    ['plain COPY of the same rows', `${r.copySeconds.toFixed(2)} s`, ''],
    ['Rewind import (parse + stage + merge)', `${r.importSeconds.toFixed(2)} s`, ''],
    ['ratio', `${r.ratio.toFixed(2)}×`, '≤ 3×'],
    ['peak RSS during import', `${r.peakRssMb} MB`, '< 300 MB'],
    ['result', r.pass ? 'PASS' : 'FAIL', ''],
  );
  process.stdout.write(`${table.toString()}\n`);
}

if (require.main === module) {
  const plays = process.argv[2] ? Number(process.argv[2]) : undefined;
  runImportBench({ plays }).then(
    (r) => process.exit(r.pass ? 0 : 1),
    (error) => {
      process.stderr.write(`import bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
