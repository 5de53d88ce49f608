const LEVEL_NAMES: Record<number, string> = { 40: 'warn', 50: 'error', 60: 'fatal' };

/** Turns a JSON log line into a short console line when it is a warning or worse. */
export function consoleLine(service: string, line: string): string | null {
  try {
    const entry = JSON.parse(line) as { level?: number; message?: string; msg?: string; err?: { message?: string } };
    if ((entry.level ?? 0) < 40) return null;
    return `[${service}] ${LEVEL_NAMES[entry.level!] ?? 'log'}: ${entry.message ?? entry.msg ?? entry.err?.message ?? line}`;
  } catch {
    return line.trim() ? `[${service}] ${line}` : null;
  }
}
