import { Calendar, localTime } from './calendar';
import type { KeyRange } from './key-queries';
import { PlayLog, playsBetween } from './play-log';
import { localDayStart, startOfLocalDay, weekdayOf } from './zone-offsets';

/**
 * Splits the plays inside [from, to) into the calendar's whole local days (summed from its rollups)
 * and the loose plays around them (read one by one from the log): the partial first and last days
 * and every play after the calendar's coverage. Only instants decide what is inside, so the same
 * split serves any zone: the UTC calendar for sums over keys, the request zone's for buckets.
 */
export function splitRange(cal: Calendar, log: PlayLog, from: number | null, to: number | null): KeyRange {
  const [lo, hi] = playsBetween(log, from, to);
  const none: KeyRange = { firstDay: 0, endDay: 0, loose: [[lo, hi]] };
  if (!cal.monotonic || hi <= lo) return none;
  let firstDay = -Infinity;
  let wholeFrom = -Infinity;
  if (from !== null) {
    const { day, start } = localDayStart(from, cal.zone);
    [firstDay, wholeFrom] = start === from ? [day, from] : [day + 1, startOfLocalDay(day + 1, cal.zone)];
  }
  let endDay = Infinity;
  let wholeTo = Infinity;
  if (to !== null) ({ day: endDay, start: wholeTo } = localDayStart(to, cal.zone));
  if (cal.coveredUntil !== null) wholeTo = Math.min(wholeTo, cal.coveredUntil);
  if (wholeFrom >= wholeTo) return none;
  const first = lowerBoundDays(cal.days, firstDay);
  const end = lowerBoundDays(cal.days, endDay);
  if (end <= first) return none;
  return {
    firstDay: first,
    endDay: end,
    loose: [
      [lo, cal.logStart[first]],
      [cal.logStart[end], hi],
    ],
  };
}

function lowerBoundDays(days: Int32Array, day: number): number {
  if (day === -Infinity) return 0;
  if (day === Infinity) return days.length;
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid] < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Plays and listening time of one local day. */
export interface DayTotal {
  day: number;
  plays: number;
  ms: number;
}

/** Plays and listening time per local day with plays inside the range, ascending. */
export function byDay(cal: Calendar, log: PlayLog, r: KeyRange): DayTotal[] {
  const out: DayTotal[] = [];
  for (let i = r.firstDay; i < r.endDay; i++) {
    const [a, b] = [cal.logStart[i], cal.logStart[i + 1]];
    out.push({ day: cal.days[i], plays: b - a, ms: log.msBefore[b] - log.msBefore[a] });
  }
  const loose = new Map<number, DayTotal>();
  for (const [a, b] of r.loose) {
    for (let p = a; p < b; p++) {
      const { day } = localTime(cal.offsets, log.at[p]);
      const total = loose.get(day) ?? { day, plays: 0, ms: 0 };
      total.plays++;
      total.ms += log.ms[p];
      loose.set(day, total);
    }
  }
  if (loose.size === 0) return out;
  const merged = new Map<number, DayTotal>(out.map((d) => [d.day, d]));
  for (const d of loose.values()) {
    const known = merged.get(d.day);
    if (known) {
      known.plays += d.plays;
      known.ms += d.ms;
    } else merged.set(d.day, d);
  }
  return [...merged.values()].sort((a, b) => a.day - b.day);
}

/** Plays and listening time per weekday (0 = Monday) and hour: index weekday * 24 + hour. */
export function hourOfWeek(cal: Calendar, log: PlayLog, r: KeyRange): { plays: Float64Array; ms: Float64Array } {
  const plays = new Float64Array(168);
  const ms = new Float64Array(168);
  for (let i = r.firstDay; i < r.endDay; i++) {
    const base = weekdayOf(cal.days[i]) * 24;
    for (let h = 0; h < 24; h++) {
      plays[base + h] += cal.hourPlays[i * 24 + h];
      ms[base + h] += cal.hourMs[i * 24 + h];
    }
  }
  for (const [a, b] of r.loose) {
    for (let p = a; p < b; p++) {
      const { day, hour } = localTime(cal.offsets, log.at[p]);
      const cell = weekdayOf(day) * 24 + hour;
      plays[cell]++;
      ms[cell] += log.ms[p];
    }
  }
  return { plays, ms };
}
