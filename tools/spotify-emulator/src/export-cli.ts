import { generateExport } from './export';
import { EXPORT_FORMATS, type ExportFormat } from './export-options';

function flag(flags: Map<string, string[]>, name: string): string | undefined {
  return flags.get(name)?.at(-1);
}

/**
 * `npm run emulator -- export --listener <id> --out <file.zip|dir> [--plays N] [--seed S]
 *   [--days D] [--now ISO] [--format extended|extended-2021|account-data] [--loose] [--compression 0-9] [--rows-per-file N]`
 */
export async function runExportCli(flags: Map<string, string[]>): Promise<void> {
  const listenerId = flag(flags, 'listener');
  const out = flag(flags, 'out');
  if (!listenerId) throw new Error('export: --listener <id> is required');
  if (!out) throw new Error('export: --out <file.zip> is required');
  const playsRaw = flag(flags, 'plays');
  const plays = playsRaw === undefined ? undefined : Number(playsRaw);
  if (plays !== undefined && !(Number.isInteger(plays) && plays > 0)) throw new Error('export: --plays must be a positive integer');
  const format = (flag(flags, 'format') ?? 'extended') as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) throw new Error(`export: --format must be one of ${EXPORT_FORMATS.join(', ')}`);
  const started = process.hrtime.bigint();
  const summary = await generateExport({
    listenerId,
    out,
    plays,
    seed: flag(flags, 'seed') ?? 42,
    historyDays: flag(flags, 'days') ? Number(flag(flags, 'days')) : undefined,
    now: flag(flags, 'now'),
    format,
    loose: flag(flags, 'loose') === 'true',
    compressionLevel: flag(flags, 'compression') ? Number(flag(flags, 'compression')) : undefined,
    rowsPerFile: flag(flags, 'rows-per-file') ? Number(flag(flags, 'rows-per-file')) : undefined,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const { files, ...rest } = summary;
  process.stdout.write(`${JSON.stringify({ out, seconds: Number(seconds.toFixed(2)), fileCount: files.length, ...rest }, null, 2)}\n`);
}
