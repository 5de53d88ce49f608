/**
 * What "the stored plays equal the emulator's ground truth" means, exactly.
 *
 * The truth of an account is every listen the emulator exposes (music, >= 30 s, not private)
 * that has ended by the end of the run. Each such listen must be stored exactly once, with its
 * track id, at one of the instants the two sources give it:
 *  - polled: recently-played's `played_at`, the end of the listen (or seconds before it) to the
 *    millisecond, which the stored play's `ended_at` keeps (stored with source `poll`);
 *  - imported (only listens in the export, i.e. ended before it was generated): the file's
 *    `ts − ms_played`, where `ts` is the end truncated to the second, so the instant lies in
 *    (start − 1000 ms, start] (stored with source `extended_history`).
 * Which of the two a listen in both sources keeps depends on which load committed first (the
 * later one is a duplicate inside the ±10 s dedupe window), so either is right, but never both,
 * never another instant, and never a play that matches no listen.
 */
export interface ExpectedPlay {
  trackId: string;
  /** recently-played played_at (the end of the listen, = the polled play's ended_at), ms */
  polledMs: number;
  /** ts − ms_played of the export row, when the listen is in the imported export */
  importMs?: number;
}

export interface StoredPlay {
  /** polled plays: ended_at; imported plays: played_at */
  playedAtMs: number;
  trackId: string | null;
  source: string;
}

export interface PlayDiff {
  /** true listens with no stored play */
  missing: ExpectedPlay[];
  /** stored plays that match no true listen (or a second play of a listen already matched) */
  extra: StoredPlay[];
  /** listens stored twice (at the polled and at the imported instant) */
  duplicates: Array<{ expected: ExpectedPlay; stored: StoredPlay[] }>;
  /** matched listens whose stored source does not fit the instant (poll at the import instant or the reverse) */
  wrongSource: Array<{ expected: ExpectedPlay; stored: StoredPlay }>;
  matchedPolled: number;
  matchedImported: number;
}

export function expectedFromTruth(
  truth: Array<{ trackId: string | null; playedAtMs: number; reportedAtMs: number; exposed: boolean }>,
  exported: Map<string, number>,
): ExpectedPlay[] {
  return truth
    .filter((t) => t.exposed && t.trackId)
    .map((t) => {
      const importMs = exported.get(exportKey(t.trackId!, t.playedAtMs));
      return { trackId: t.trackId!, polledMs: t.reportedAtMs, ...(importMs !== undefined ? { importMs } : {}) };
    });
}

/** Key of a listen in the export map: track and start. */
export function exportKey(trackId: string, polledMs: number): string {
  return `${trackId}@${polledMs}`;
}

/** The import instant of a listen: `ts` (end, truncated to the second) − ms_played. */
export function importInstant(startMs: number, msPlayed: number): number {
  return Math.floor((startMs + msPlayed) / 1000) * 1000 - msPlayed;
}

export function comparePlays(expected: ExpectedPlay[], stored: StoredPlay[]): PlayDiff {
  const byInstant = new Map<number, StoredPlay[]>();
  for (const s of stored) {
    const list = byInstant.get(s.playedAtMs) ?? [];
    list.push(s);
    byInstant.set(s.playedAtMs, list);
  }
  const used = new Set<StoredPlay>();
  const diff: PlayDiff = { missing: [], extra: [], duplicates: [], wrongSource: [], matchedPolled: 0, matchedImported: 0 };
  const take = (at: number | undefined, trackId: string): StoredPlay | undefined => {
    if (at === undefined) return undefined;
    const hit = byInstant.get(at)?.find((s) => s.trackId === trackId && !used.has(s));
    if (hit) used.add(hit);
    return hit;
  };
  for (const e of expected) {
    const polled = take(e.polledMs, e.trackId);
    const imported = e.importMs !== e.polledMs ? take(e.importMs, e.trackId) : undefined;
    const hits = [polled, imported].filter((x): x is StoredPlay => x !== undefined);
    if (hits.length === 0) {
      diff.missing.push(e);
      continue;
    }
    if (hits.length > 1) {
      diff.duplicates.push({ expected: e, stored: hits });
      continue;
    }
    const hit = hits[0];
    if (hit === polled && e.importMs === e.polledMs) {
      // the rare listen ending on a whole second: both sources give the same instant
      if (hit.source === 'poll') diff.matchedPolled++;
      else diff.matchedImported++;
    } else if (hit === polled) {
      if (hit.source !== 'poll') diff.wrongSource.push({ expected: e, stored: hit });
      else diff.matchedPolled++;
    } else if (hit.source !== 'extended_history') {
      diff.wrongSource.push({ expected: e, stored: hit });
    } else {
      diff.matchedImported++;
    }
  }
  for (const s of stored) if (!used.has(s)) diff.extra.push(s);
  return diff;
}

export function diffIsClean(d: PlayDiff): boolean {
  return !d.missing.length && !d.extra.length && !d.duplicates.length && !d.wrongSource.length;
}

/** A readable account of a difference (at most `max` lines per kind). */
export function describeDiff(label: string, d: PlayDiff, max = 15): string {
  const iso = (ms: number | undefined) => (ms === undefined ? '-' : new Date(ms).toISOString());
  const lines = [
    `${label}: ${d.matchedPolled} polled + ${d.matchedImported} imported matched; ${d.missing.length} missing, ${d.extra.length} extra, ${d.duplicates.length} stored twice, ${d.wrongSource.length} with the wrong source`,
  ];
  const some = <T>(items: T[], f: (x: T) => string, title: string) => {
    if (!items.length) return;
    lines.push(`  ${title}:`);
    for (const x of items.slice(0, max)) lines.push(`    ${f(x)}`);
    if (items.length > max) lines.push(`    ... and ${items.length - max} more`);
  };
  some(
    d.missing,
    (e) => `track ${e.trackId} played at ${iso(e.polledMs)}${e.importMs !== undefined ? ` (import instant ${iso(e.importMs)})` : ''}`,
    'missing',
  );
  some(d.extra, (s) => `track ${s.trackId} at ${iso(s.playedAtMs)} (source ${s.source})`, 'extra');
  some(
    d.duplicates,
    (x) =>
      `track ${x.expected.trackId} played at ${iso(x.expected.polledMs)} stored at ${x.stored.map((s) => `${iso(s.playedAtMs)} (${s.source})`).join(' and ')}`,
    'stored twice',
  );
  some(d.wrongSource, (x) => `track ${x.expected.trackId} at ${iso(x.stored.playedAtMs)} has source ${x.stored.source}`, 'wrong source');
  return lines.join('\n');
}
