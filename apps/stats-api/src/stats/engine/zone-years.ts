import type { By } from '../stats-range';
import { AccountState, calendarOf } from './account-state';
import { Calendar } from './calendar';
import { Catalog, Dimension } from './catalog';
import { KeyColumn, keysOfPlay, rankedWithin, sumPerSlot, yearSlots } from './key-columns';
import type { KeyRange, PresortedBase } from './key-queries';
import { lowerBound, PlayLog } from './play-log';
import { splitRange } from './range-split';
import { DAY_MS, localDayStart } from './zone-offsets';
import type { StatsRange } from './stats-engine';

/**
 * One dimension's plays summed per local calendar year of a zone's calendar, presorted in ranking
 * order: a Wrapped year (or any whole local year) in that zone is then the top of one slot, as an
 * exact UTC year is of the key column's year rows. Rows of slot y are [yearStart[y], yearStart[y + 1]),
 * ascending by key; the slot's days are [yearFirst[y], yearFirst[y + 1]) of the calendar.
 */
interface ZoneYearRows {
  yearFirst: Int32Array;
  yearStart: Int32Array;
  key: Int32Array;
  plays: Float64Array;
  ms: Float64Array;
  order: Record<By, Int32Array>;
}

/** Derived on first use per calendar and dimension; a calendar never changes, and is dropped with its rows. */
const derived = new WeakMap<Calendar, Partial<Record<Dimension, ZoneYearRows>>>();

function buildZoneYearRows(cal: Calendar, log: PlayLog, catalog: Catalog, col: KeyColumn): ZoneYearRows {
  const yearFirst = yearSlots(cal.days);
  const {
    yearStart,
    yearKey: key,
    yearPlays: plays,
    yearMs: ms,
  } = sumPerSlot(yearFirst.length - 1, col.keyCount, (y, add) => {
    for (let p = cal.logStart[yearFirst[y]]; p < cal.logStart[yearFirst[y + 1]]; p++)
      keysOfPlay(log, catalog, col.dim, p, (k) => add(k, 1, log.ms[p]));
  });
  const keyOf = (row: number) => key[row];
  return {
    yearFirst,
    yearStart,
    key,
    plays,
    ms,
    order: { plays: rankedWithin(plays, keyOf, col.tieRank, yearStart), minutes: rankedWithin(ms, keyOf, col.tieRank, yearStart) },
  };
}

function zoneYearRows(state: AccountState, cal: Calendar, dim: Dimension): ZoneYearRows {
  let byDim = derived.get(cal);
  if (!byDim) derived.set(cal, (byDim = {}));
  return (byDim[dim] ??= buildZoneYearRows(cal, state.log, state.catalog, state.blocks.columns[dim]));
}

/** The local year an instant starts (Jan 1, 00:00 local in the zone), else null. */
function localYearStartedAt(at: number | null, zone: string): number | null {
  if (at === null) return null;
  const { day, start } = localDayStart(at, zone);
  const date = new Date(day * DAY_MS);
  return start === at && date.getUTCMonth() === 0 && date.getUTCDate() === 1 ? date.getUTCFullYear() : null;
}

/** A range that is exactly one local year of a zone's calendar: its split, and each dimension's rows of that year. */
export interface LocalYear {
  range: KeyRange;
  /** The year's presorted rows of `dim`, corrected by the loose plays only; null when the calendar has no such slot. */
  base(dim: Dimension, by: By): PresortedBase | null;
}

/**
 * The range as one local year (a Wrapped year) in a zone other than UTC (whose years the key columns
 * presort already), read from the zone's own year rows; null otherwise. Resolved once per request:
 * the zone lookups and the split are the same for every dimension.
 */
export function localYearOf(state: AccountState, q: StatsRange): LocalYear | null {
  if (q.tz === 'UTC' || q.tz === 'Etc/UTC') return null;
  const year = localYearStartedAt(q.from, q.tz);
  if (year === null || localYearStartedAt(q.to, q.tz) !== year + 1) return null;
  const cal = calendarOf(state, q.tz);
  if (!cal.monotonic) return null;
  const range = splitRange(cal, state.log, q.from, q.to);
  if (range.endDay <= range.firstDay) return null;
  return {
    range,
    base: (dim, by) => {
      const rows = zoneYearRows(state, cal, dim);
      const y = rows.yearFirst.indexOf(range.firstDay);
      if (y < 0 || rows.yearFirst[y + 1] !== range.endDay) return null;
      const [from, to] = [rows.yearStart[y], rows.yearStart[y + 1]];
      return {
        order: rows.order[by],
        from,
        to,
        keyOf: (row) => rows.key[row],
        plays: rows.plays,
        ms: rows.ms,
        rowOf: (k) => {
          const at = lowerBound(rows.key, k, from, to);
          return at < to && rows.key[at] === k ? at : -1;
        },
        outside: [],
      };
    },
  };
}
