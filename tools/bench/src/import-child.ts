/**
 * The import side of the import bench, in a process of its own so that its peak RSS is the
 * import's alone: runs one import job exactly as the CLI does and prints
 * `{ seconds, peakRssMb, status, playsInserted, error }` as JSON on stdout.
 *
 * `node import-child.js <database url> <account id> <export zip>`
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Pool } from 'pg';
// The import bench times ingest-service's own job classes; they are app code, not a library yet.
import { ImportJobRunner } from '../../../apps/ingest-service/src/imports/import-runner';
import { ImportsRepository } from '../../../apps/ingest-service/src/imports/imports.repository';

export interface ImportChildResult {
  seconds: number;
  peakRssMb: number;
  status: string;
  playsInserted: number;
  error: string | null;
}

async function main(): Promise<void> {
  const [databaseUrl, accountId, zip] = process.argv.slice(2);
  if (!databaseUrl || !accountId || !zip) throw new Error('usage: import-child <database url> <account id> <export zip>');
  const pool = new Pool({ connectionString: databaseUrl, max: 3 });
  const repository = new ImportsRepository(pool);
  const runner = new ImportJobRunner(pool, repository, { progressIntervalMs: 500 });
  const files = [{ name: path.basename(zip), bytes: (await stat(zip)).size, path: zip }];
  const id = randomUUID();
  const started = process.hrtime.bigint();
  const outcome = await runner.runJob(id, undefined, (client) => repository.create(client, { id, accountId, files, storagePath: null }));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await pool.end();
  const result: ImportChildResult = {
    seconds,
    // resourceUsage().maxRSS is the process's peak resident set, in KiB
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    status: outcome?.job.status ?? 'not run',
    playsInserted: outcome?.job.playsInserted ?? 0,
    error: outcome?.job.error ?? null,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
