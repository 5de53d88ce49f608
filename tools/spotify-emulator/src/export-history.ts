/**
 * How long a standalone export's history is, and how hard its listener listens, so that an
 * export asked for N plays holds N plays.
 *
 * A listener's usual rate (30–40 plays a day) covers small exports within a few years. Larger
 * ones first intensify the listener, but only up to a heavy listener's day: listens never
 * overlap, so a day holding more than 24 hours of listening pushes every later listen past
 * `now`, where it is cut, and the export comes out short (5M plays asked gave 1.8M). Beyond
 * that the history simply reaches further back.
 */
import type { Catalog } from './catalog';
import { isExportPlay } from './export-rows';
import { DAY_MS, ListenGenerator, buildProfile, type Listen, type ListenerHabits } from './listens';

/** Past this span, the listener listens more each day rather than over more days. */
export const DEFAULT_INTENSIFY_AFTER_DAYS = 15 * 365;
/**
 * Average listening of the heaviest listener generated (weekends +20 %, gaps between sessions):
 * 260 plays a day, so 5,000,000 plays reach back into the 1970s; a lighter day would take
 * them before 1970, where timestamps are negative.
 */
export const MAX_LISTENING_MS_PER_DAY = 18 * 3_600_000;
const CALIBRATION_DAYS = 60;

export interface HistoryPlan {
  days: number;
  habits: Partial<ListenerHabits>;
}

export interface HistoryRequest {
  catalog: Catalog;
  listenerId: string;
  endMs: number;
  habits: Partial<ListenerHabits>;
  plays: number;
  intensifyAfterDays?: number;
}

function listens(catalog: Catalog, listenerId: string, startMs: number, endMs: number, habits: Partial<ListenerHabits>) {
  return function* (): Generator<Listen> {
    const g = new ListenGenerator(catalog, buildProfile(catalog, listenerId, startMs, habits));
    while (g.nextDayStartMs <= endMs) {
      for (const x of g.nextDay()) {
        if (x.endMs > endMs) return;
        yield x;
      }
    }
  };
}

/** Listens from `days` before `endMs` up to it, oldest first (fresh generator per call). */
export function historyListens(
  catalog: Catalog,
  listenerId: string,
  endMs: number,
  plan: HistoryPlan,
): { startMs: number; all: () => Generator<Listen> } {
  const startMs = endMs - plan.days * DAY_MS;
  return { startMs, all: listens(catalog, listenerId, startMs, endMs, plan.habits) };
}

function calibrate(r: HistoryRequest, habits: Partial<ListenerHabits>): { playsPerDay: number; listeningMsPerDay: number } {
  const start = r.endMs - CALIBRATION_DAYS * DAY_MS;
  let plays = 0;
  let listeningMs = 0;
  for (const x of listens(r.catalog, r.listenerId, start, r.endMs, habits)()) {
    listeningMs += x.msPlayed;
    if (isExportPlay(x)) plays++;
  }
  return { playsPerDay: Math.max(1, plays / CALIBRATION_DAYS), listeningMsPerDay: Math.max(1, listeningMs / CALIBRATION_DAYS) };
}

function countPlays(r: HistoryRequest, plan: HistoryPlan): number {
  let plays = 0;
  for (const x of historyListens(r.catalog, r.listenerId, r.endMs, plan).all()) if (isExportPlay(x)) plays++;
  return plays;
}

/**
 * Sizes the history to hold at least `plays` plays (the caller skips the `surplus` oldest):
 * calibrates the listener's rate on 60 days, intensifies it (sessions a day and tracks a
 * session) within MAX_LISTENING_MS_PER_DAY, then lengthens the history until the
 * count is reached.
 */
export function planHistory(r: HistoryRequest): HistoryPlan & { surplus: number } {
  const intensifyAfterDays = r.intensifyAfterDays ?? DEFAULT_INTENSIFY_AFTER_DAYS;
  let habits = r.habits;
  const usual = calibrate(r, habits);
  let playsPerDay = usual.playsPerDay;
  const wanted = r.plays / playsPerDay / intensifyAfterDays;
  // each of the two habits grows by √k and a 10 % margin, so the day grows by k × 1.21
  const k = Math.min(wanted, MAX_LISTENING_MS_PER_DAY / usual.listeningMsPerDay / 1.21);
  if (wanted > 1 && k > 1) {
    const base = buildProfile(r.catalog, r.listenerId, r.endMs, habits).habits;
    const f = Math.sqrt(k) * 1.1;
    habits = { ...habits, sessionsPerDay: base.sessionsPerDay * f, tracksPerSession: base.tracksPerSession * f };
    playsPerDay = calibrate(r, habits).playsPerDay;
  }
  let plan: HistoryPlan = { days: Math.ceil(r.plays / playsPerDay) + 7, habits };
  for (;;) {
    const plays = countPlays(r, plan);
    if (plays >= r.plays) return { ...plan, surplus: plays - r.plays };
    // days without music and the calibration's noise: grow by the shortfall and a margin
    plan = { ...plan, days: Math.ceil(plan.days * (r.plays / Math.max(1, plays)) * 1.05) + 7 };
  }
}
