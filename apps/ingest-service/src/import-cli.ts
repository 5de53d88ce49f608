import 'reflect-metadata';
import { cliDatabaseUrl, loadEnv } from '@rewind/config';
import type { ImportFileInfo } from '@rewind/db';
import { createPgPool } from '@rewind/service-kit';
import { SingleBar } from 'cli-progress';
import Table from 'cli-table3';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { importEnv } from './config/ingest.config';
import { ImportJobRunner } from './imports/import-runner';
import { ImportsRepository } from './imports/imports.repository';
import { ImportInputError } from './imports/parsing/import-error';
import { resolveHistoryEntries, zipLimitsOf } from './imports/parsing/import-sources';
import { newImportId } from './imports/upload';

const USAGE = 'usage: npm run import -- --account <account-id> <file.zip | file.json ...>';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parseArgs(argv: string[]): { account: string; files: string[] } {
  let account = '';
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--account' || arg === '-a') account = argv[++i] ?? '';
    else if (arg.startsWith('--account=')) account = arg.slice('--account='.length);
    else if (arg === '--help' || arg === '-h') throw new UsageError('');
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else files.push(arg);
  }
  if (!account) throw new UsageError('--account is required');
  if (!UUID.test(account)) throw new UsageError('--account must be an account id (a UUID; see GET /api/auth/accounts)');
  if (files.length === 0) throw new UsageError('name at least one .zip or .json file');
  return { account, files };
}

class UsageError extends Error {}

/** `npm run import -- --account <id> <files...>`: the same import as POST /api/ingest/imports, in this process. */
export async function main(argv = process.argv.slice(2)): Promise<number> {
  let args: { account: string; files: string[] };
  try {
    args = parseArgs(argv);
  } catch (error) {
    process.stderr.write(`${error instanceof Error && error.message ? `${error.message}\n` : ''}${USAGE}\n`);
    return 2;
  }
  let databaseUrl: string;
  try {
    databaseUrl = cliDatabaseUrl();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 78;
  }
  const env = loadEnv(importEnv);
  const pool = createPgPool({ connectionString: databaseUrl, application_name: 'rewind-import-cli', max: 3 });
  try {
    const repository = new ImportsRepository(pool);
    if (!(await repository.accountExists(args.account))) {
      process.stderr.write(`No account with id ${args.account}\n`);
      return 2;
    }
    const files: ImportFileInfo[] = [];
    for (const file of args.files) {
      const full = path.resolve(file);
      const info = await stat(full).catch(() => null);
      if (!info?.isFile()) {
        process.stderr.write(`${file}: no such file\n`);
        return 2;
      }
      files.push({ name: path.basename(full), bytes: info.size, path: full });
    }
    const limits = zipLimitsOf(env);
    await resolveHistoryEntries(
      files.map((f) => ({ name: f.name, path: f.path! })),
      limits,
    );

    const runner = new ImportJobRunner(pool, repository, { zipLimits: limits, progressIntervalMs: env.IMPORT_PROGRESS_MS });
    // An interrupted run of the same command is resumed rather than started twice.
    const resumable = await repository.findUnfinishedFor(args.account, files);
    const id = resumable ?? newImportId();
    if (resumable) process.stderr.write(`Resuming interrupted import ${id}\n`);
    const bar = process.stderr.isTTY
      ? new SingleBar({ format: 'importing [{bar}] {percentage}% | {rows} rows | {eta_formatted} left', hideCursor: true })
      : null;
    bar?.start(100, 0, { rows: 0 });
    const outcome = await runner.runJob(
      id,
      (p) => bar?.update(Math.floor(p.fraction * 100), { rows: p.counts.rowsRead }),
      resumable ? undefined : (client) => repository.create(client, { id, accountId: args.account, files, storagePath: null }),
    );
    bar?.update(100);
    bar?.stop();
    if (!outcome) {
      process.stderr.write(`Import ${id} is being run by another process; follow it with GET /api/ingest/imports/${id}\n`);
      return 1;
    }
    const job = outcome.job;
    const table = new Table({ head: ['import', job.id], ...(process.stdout.isTTY ? {} : { style: { head: [], border: [] } }) });
    table.push(
      ['status', job.status],
      ['files', job.files.map((f) => `${f.name}${f.format ? ` (${f.format})` : ''}`).join('\n')],
      ['rows read', job.rowsRead],
      ['plays inserted', job.playsInserted],
      ['duplicates', job.duplicates],
      ['skipped: under 30 s', job.skippedShort],
      ['skipped: incognito', job.skippedIncognito],
      ['skipped: podcast/audiobook/video', job.skippedPodcast],
      ['skipped: invalid', job.skippedInvalid],
    );
    if (job.invalidReasons.length) table.push(['first invalid rows', job.invalidReasons.join('\n')]);
    // Files of the export that are not listening history: not imported, each with the reason.
    if (job.skippedFiles.length) table.push(['skipped files', job.skippedFiles.map((f) => `${f.name}: ${f.reason}`).join('\n')]);
    if (job.error) table.push(['error', job.error]);
    process.stdout.write(`${table.toString()}\n`);
    return job.status === 'succeeded' ? 0 : 1;
  } catch (error) {
    if (error instanceof ImportInputError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await pool.end();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`import failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
