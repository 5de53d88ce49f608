import 'reflect-metadata';
import { startEmbeddedDatabase } from '@rewind/db';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runImportBench } from './import.bench';
import { runIngestBench } from './ingest.bench';
import { runLoadBench } from './load.bench';
import { runStatsBench } from './stats.bench';
import { statsRows } from './stats-report';
import { runTransformBench } from './transform.bench';
import { BenchRow, machine, renderMarkdown, renderReport } from './report';
import { freePort } from './free-port';

/**
 * `npm run bench [-- import ingest transform stats load]`: runs the benchmarks (all by default)
 * on BENCH_DATABASE_URL, DATABASE_URL, or a throwaway embedded PostgreSQL, then prints one table:
 * every figure next to its baseline from the same run, its target and pass/fail. Each bench also
 * writes bench/results/<name>.json; the combined report goes to bench/results/summary.{json,md}.
 */
type BenchRunner = () => Promise<BenchRow[]>;

const fmtS = (s: number) => `${s.toFixed(2)} s`;

const BENCHES: Record<string, BenchRunner> = {
  import: async () => {
    const r = await runImportBench();
    return r.runs.flatMap((run) => {
      const n = run.plays.toLocaleString('en');
      return [
        {
          bench: 'import',
          metric: `${n} plays (zip of ${run.files} files), time`,
          value: fmtS(run.importSeconds),
          baseline: `plain COPY ${fmtS(run.copySeconds)}`,
          target: `≤ ${r.targetRatio}× COPY`,
          pass: run.ratio <= r.targetRatio,
        },
        {
          bench: 'import',
          metric: `${n} plays, ratio to COPY`,
          value: `${run.ratio.toFixed(2)}×`,
          baseline: '1×',
          target: `≤ ${r.targetRatio}× (goal ${r.goalRatio}×)`,
          pass: run.ratio <= r.targetRatio,
        },
        {
          bench: 'import',
          metric: `${n} plays, peak RSS of the import process`,
          value: `${run.peakRssMb} MB`,
          baseline: '',
          target: `< ${r.targetRssMb} MB`,
          pass: run.peakRssMb < r.targetRssMb,
        },
      ];
    });
  },
  ingest: async () => {
    const r = await runIngestBench();
    const stored = `${r.storedPlays.toLocaleString('en')} stored plays`;
    return [
      {
        bench: 'ingest',
        metric: `DB work of one 50-play poll (p95, ${stored})`,
        value: `${r.loadMs.p95.toFixed(1)} ms`,
        baseline: `newest-play lookup ${r.cursorMs.median.toFixed(2)} ms`,
        target: '< 100 ms',
        pass: r.loadMs.p95 < 100,
      },
      {
        bench: 'ingest',
        metric: `one tick over ${r.tick.accounts} accounts (emulator)`,
        value: `${r.tick.seconds.toFixed(2)} s`,
        baseline: `${r.tick.apiCalls} API calls, ${r.tick.failedRuns} failed runs`,
        target: '< 60 s, 0 failed',
        pass: r.tick.seconds < 60 && r.tick.failedRuns === 0,
      },
    ];
  },
  transform: async () => {
    const r = await runTransformBench();
    return r.rows.map((row) => ({
      bench: 'transform',
      metric: `${row.name}, ${r.plays.toLocaleString('en')} plays`,
      value: String(row.value),
      baseline: row.baseline === null ? '' : `${row.baseline}${row.ratio === null ? '' : ` (ratio ${row.ratio}×)`}`,
      target: row.target,
      pass: row.pass,
    }));
  },
  stats: async () => statsRows(await runStatsBench()),
  load: async () => {
    const r = await runLoadBench();
    return [
      {
        bench: 'load',
        metric: `mixed stats via gateway, ${r.seconds} s`,
        value: `${r.achievedRate} req/s, p99 ${r.p99Ms} ms`,
        baseline: `stated rate ${r.targetRate} req/s`,
        target: '≥ 95% of rate',
        pass: r.achievedRate >= r.targetRate * 0.95,
      },
      {
        bench: 'load',
        metric: 'errors / non-2xx',
        value: `${r.errors} / ${r.non2xx}`,
        baseline: `${r.requests} requests`,
        target: '0 / 0',
        pass: r.errors === 0 && r.non2xx === 0,
      },
      {
        bench: 'load',
        metric: 'polls during the load',
        value: `${r.polls.succeeded} of ${r.polls.started} succeeded`,
        baseline: '',
        target: 'all',
        pass: r.polls.started > 0 && r.polls.failed === 0,
      },
    ];
  },
};

async function main(): Promise<void> {
  const requested = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = requested.filter((name) => !BENCHES[name]);
  if (unknown.length) {
    console.error(`Unknown bench: ${unknown.join(', ')}. Available: ${Object.keys(BENCHES).join(', ')}`);
    process.exit(2);
  }
  const selected = requested.length ? requested : Object.keys(BENCHES);

  let stopDatabase: (() => Promise<void>) | undefined;
  let scratch: string | undefined;
  if (!process.env.BENCH_DATABASE_URL && !process.env.DATABASE_URL) {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'rewind-bench-pg-'));
    chmodSync(scratch, 0o711); // the server may run as its own user (root runs)
    const dataDir = path.join(scratch, 'postgres');
    mkdirSync(dataDir);
    const db = await startEmbeddedDatabase({ dataDir, port: await freePort(), password: 'rewind-bench', database: 'postgres' });
    process.env.BENCH_DATABASE_URL = db.url;
    stopDatabase = db.stop;
    console.error(`Benchmarks run on a throwaway embedded PostgreSQL (set BENCH_DATABASE_URL to use another server).`);
  }

  const rows: BenchRow[] = [];
  const failures: string[] = [];
  try {
    for (const name of selected) {
      console.error(`\n== ${name} ==`);
      try {
        rows.push(...(await BENCHES[name]()));
      } catch (error) {
        failures.push(name);
        const message = (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 120);
        rows.push({ bench: name, metric: 'run', value: `error: ${message}`, baseline: '', target: '', pass: false });
        console.error(error);
      }
    }
  } finally {
    await stopDatabase?.();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }

  const summary = { machine: machine(), measuredAt: new Date().toISOString(), benches: selected, rows };
  const resultsDir = path.resolve('bench/results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(path.join(resultsDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  const m = summary.machine;
  writeFileSync(
    path.join(resultsDir, 'summary.md'),
    `Measured ${summary.measuredAt} on ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GiB, Node ${m.node}.\n\n${renderMarkdown(rows)}\n`,
  );
  console.log(`\n${renderReport(rows)}`);
  console.log(`Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GiB, Node ${m.node}. Results in bench/results/.`);
  process.exit(rows.some((r) => r.pass === false) ? 1 : 0);
}

main().catch((error) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
