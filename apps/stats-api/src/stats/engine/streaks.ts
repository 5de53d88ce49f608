import type { StreakDto } from '../dto/stats-responses.dto';
import { isoOfDay } from './zone-offsets';

/** Maximal runs of consecutive days (ascending day numbers); current = the run ending on `today` or the day before. */
export function streaksOf(days: readonly number[], today: number | null): { current: number; longest: StreakDto } {
  let longest: StreakDto = { days: 0, from: null, to: null };
  let runStart = 0;
  let runLength = 0;
  for (let i = 0; i < days.length; i++) {
    if (i > 0 && days[i] - days[i - 1] === 1) runLength++;
    else {
      runStart = days[i];
      runLength = 1;
    }
    if (runLength > longest.days) longest = { days: runLength, from: isoOfDay(runStart), to: isoOfDay(days[i]) };
  }
  const last = days[days.length - 1];
  const current = today !== null && last !== undefined && (last === today || last === today - 1) ? runLength : 0;
  return { current, longest };
}
