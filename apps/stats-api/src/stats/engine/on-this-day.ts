import type { OnThisDayDto } from '../dto/insights.dto';
import { minutesOf } from '../stats-range';
import type { AccountState } from './account-state';
import { keyContextOf, keyRangeOf } from './key-plays';
import { KeyTotal, rankKeys } from './key-queries';
import type { KeyRows } from './key-rows';
import { playsBetween } from './play-log';
import type { RankQuery } from './stats-engine';
import { dayOfIso, isoOfDay, localDayStart, startOfLocalDay } from './zone-offsets';

/**
 * What was played on the same local date (month and day, in tz) in each earlier year with plays on
 * it, newest first: plays, minutes, top artists and tracks of that day (limit, by). A 29 February
 * looks back at leap years only.
 */
export async function onThisDay(state: AccountState, rows: KeyRows, date: string, q: RankQuery): Promise<OnThisDayDto> {
  const { log } = state;
  const year = Number(date.slice(0, 4));
  const monthDay = date.slice(4);
  const firstYear = log.count ? Number(isoOfDay(localDayStart(log.at[0], q.tz).day).slice(0, 4)) : year;
  const days: Array<{ year: number; date: string; plays: number; ms: number; artists: KeyTotal[]; tracks: KeyTotal[] }> = [];
  for (let y = year - 1; y >= firstYear; y--) {
    const iso = `${String(y).padStart(4, '0')}${monthDay}`;
    const day = dayOfIso(iso);
    if (isoOfDay(day) !== iso) continue; // 29 February of a common year
    const from = startOfLocalDay(day, q.tz);
    const to = startOfLocalDay(day + 1, q.tz);
    const [lo, hi] = playsBetween(log, from, to);
    if (hi === lo) continue;
    const r = keyRangeOf(state, from, to);
    days.push({
      year: y,
      date: iso,
      plays: hi - lo,
      ms: log.msBefore[hi] - log.msBefore[lo],
      artists: rankKeys(keyContextOf(state, 'artists'), r, q.by, q.limit),
      tracks: rankKeys(keyContextOf(state, 'tracks'), r, q.by, q.limit),
    });
  }
  const years = await Promise.all(
    days.map(async (d) => {
      const [topArtists, topTracks] = await Promise.all([rows.artists(d.artists), rows.tracks(d.tracks)]);
      return { year: d.year, date: d.date, plays: d.plays, minutes: minutesOf(d.ms), topArtists, topTracks };
    }),
  );
  return { date, timeZone: q.tz, years };
}
