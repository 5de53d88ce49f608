import Table from 'cli-table3';
import os from 'node:os';

/** One line of the combined report: a figure next to its same-run baseline and its target. */
export interface BenchRow {
  bench: string;
  metric: string;
  value: string;
  baseline: string;
  target: string;
  /** null when the figure has no target (context only). */
  pass: boolean | null;
}

export function machine(): { cpu: string; cores: number; memoryGb: number; node: string; platform: string } {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

export function renderReport(rows: BenchRow[]): string {
  const table = new Table({ head: ['bench', 'metric', 'value', 'baseline (same run)', 'target', 'result'] });
  for (const r of rows) table.push([r.bench, r.metric, r.value, r.baseline, r.target, r.pass === null ? '' : r.pass ? 'PASS' : 'FAIL']);
  return table.toString();
}

/** The same table as Markdown, for the README. */
export function renderMarkdown(rows: BenchRow[]): string {
  const lines = ['| bench | metric | value | baseline (same run) | target | result |', '|---|---|---|---|---|---|'];
  for (const r of rows)
    lines.push(
      `| ${r.bench} | ${r.metric} | ${r.value} | ${r.baseline} | ${r.target} | ${r.pass === null ? '' : r.pass ? 'PASS' : 'FAIL'} |`,
    );
  return lines.join('\n');
}
