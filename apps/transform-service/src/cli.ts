import Table from 'cli-table3';
import { ModelProjectError, RunResult, TransformRunner } from '@rewind/models';
import { cliDatabaseUrl } from '@rewind/config';
import { createPgPool } from '@rewind/service-kit';

const USAGE = `usage: npm run transform -- [--select <selector>] [--full-refresh]
  --select <s>     model names; name+ adds descendants, +name ancestors; comma-separated (default: all)
  --full-refresh   rebuild the selected models from scratch
  DATABASE_URL     PostgreSQL connection (default: the embedded database of npm start)`;

export function parseArgs(argv: string[]): { select: string | null; fullRefresh: boolean } {
  let select: string | null = null;
  let fullRefresh = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--full-refresh') fullRefresh = true;
    else if (arg === '--select' || arg === '-s') {
      const value = argv[++i];
      if (!value || value.startsWith('--')) throw new Error('--select needs a value');
      select = select ? `${select},${value}` : value;
    } else if (arg.startsWith('--select=')) select = arg.slice('--select='.length);
    else if (arg === '--help' || arg === '-h') throw new Error(USAGE);
    else throw new Error(`unknown argument "${arg}"\n${USAGE}`);
  }
  return { select, fullRefresh };
}

export function formatRun(result: RunResult): string {
  const models = new Table({ head: ['model', 'materialization', 'mode', 'status', 'rows', 'ms'] });
  for (const m of result.models) models.push([m.name, m.materialization, m.mode ?? '', m.status, m.rows ?? '', m.durationMs ?? '']);
  const failedTests = result.tests.filter((t) => t.status !== 'pass');
  const lines = [models.toString(), `tests: ${result.tests.length - failedTests.length} passed, ${failedTests.length} failed`];
  for (const t of failedTests) lines.push(`  ${t.status.toUpperCase()} ${t.name} (${t.model}): ${t.error ?? `${t.failures} failing rows`}`);
  lines.push(`run ${result.runId}: ${result.status}${result.error ? ` — ${result.error}` : ''}`);
  return lines.join('\n');
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 64;
  }
  let url: string;
  try {
    url = cliDatabaseUrl();
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 78;
  }
  const pool = createPgPool({ connectionString: url, max: 2, application_name: 'transform-cli' });
  try {
    const runner = new TransformRunner(pool);
    const result = await runner.run({ select: args.select, fullRefresh: args.fullRefresh, trigger: 'cli' });
    process.stdout.write(`${formatRun(result)}\n`);
    return result.status === 'succeeded' ? 0 : 1;
  } catch (e) {
    process.stderr.write(`${e instanceof ModelProjectError ? e.message : `transform failed: ${(e as Error).message}`}\n`);
    return e instanceof ModelProjectError ? 64 : 1;
  } finally {
    await pool.end();
  }
}

if (require.main === module) {
  main().then((code) => process.exit(code));
}
