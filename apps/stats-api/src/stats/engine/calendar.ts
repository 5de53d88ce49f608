import { lowerBound, PlayLog } from './play-log';
import { dayNumberOf, DAY_MS, HOUR_MS, localDayStart, offsetAt, offsetsFor, OffsetTable } from './zone-offsets';

/**
 * An account's listening days in one zone, derived from its play log: the local days with plays,
 * where each day's plays lie in the log, and plays and listening time per local hour. Covers the
 * plays before `coveredUntil` only (the start of the local day holding the first play it leaves
 * out), so every day it lists is complete; later plays are read from the log.
 */
export interface Calendar {
  zone: string;
  offsets: OffsetTable;
  /** Local days with plays, ascending, as day numbers (days since 1970-01-01). */
  days: Int32Array;
  /** Plays of day i are log indexes [logStart[i], logStart[i + 1]). */
  logStart: Int32Array;
  /** Per day and hour, index day * 24 + hour (hours a DST change repeats hold both). */
  hourPlays: Int32Array;
  hourMs: Float64Array;
  /** Instant the calendar stops at (null: it holds every play of the log it was built over). */
  coveredUntil: number | null;
  /**
   * False when the zone once moved its clocks back across midnight inside the span (a play's local
   * day earlier than its predecessor's): then days are not runs of the log, and every answer in this
   * zone maps the plays of its range one by one instead (exact, slower).
   */
  monotonic: boolean;
}

/** Local day number and hour of an instant. */
export function localTime(offsets: OffsetTable, at: number): { day: number; hour: number } {
  const local = at + offsetAt(offsets, at) * 60_000;
  const day = dayNumberOf(local);
  return { day, hour: Math.floor((local - day * DAY_MS) / HOUR_MS) };
}

/**
 * The calendar of plays [0, end) of the log in `zone`, where `end` is the first play of the local
 * day holding `cutoff` (every play when cutoff is null).
 */
export function buildCalendar(log: PlayLog, zone: string, cutoff: number | null): Calendar {
  const n = log.count;
  const offsets = offsetsFor(zone, n > 0 ? log.at[0] - DAY_MS : 0, n > 0 ? log.at[n - 1] + DAY_MS : 0);
  const coveredUntil = cutoff === null ? null : localDayStart(cutoff, zone).start;
  const end = coveredUntil === null ? n : lowerBound(log.at, coveredUntil, 0, n);
  const days: number[] = [];
  const logStart: number[] = [];
  const hourPlays: number[] = [];
  const hourMs: number[] = [];
  let monotonic = true;
  let change = 0;
  const { changesAt, offsetMinutes } = offsets;
  for (let p = 0; p < end; p++) {
    const at = log.at[p];
    while (change + 1 < changesAt.length && changesAt[change + 1] <= at) change++;
    const local = at + offsetMinutes[change] * 60_000;
    const day = dayNumberOf(local);
    const last = days.length - 1;
    if (last < 0 || day > days[last]) {
      days.push(day);
      logStart.push(p);
      for (let h = 0; h < 24; h++) {
        hourPlays.push(0);
        hourMs.push(0);
      }
    } else if (day < days[last]) monotonic = false;
    const slot = (days.length - 1) * 24 + Math.floor((local - day * DAY_MS) / HOUR_MS);
    if (day === days[days.length - 1]) {
      hourPlays[slot]++;
      hourMs[slot] += log.ms[p];
    }
  }
  logStart.push(end);
  return {
    zone,
    offsets,
    days: Int32Array.from(days),
    logStart: Int32Array.from(logStart),
    hourPlays: Int32Array.from(hourPlays),
    hourMs: Float64Array.from(hourMs),
    coveredUntil,
    monotonic,
  };
}
