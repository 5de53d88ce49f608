import { BadRequestException } from '@nestjs/common';
import { DateTime, IANAZone } from 'luxon';

export const BY_VALUES = ['plays', 'minutes'] as const;
export type By = (typeof BY_VALUES)[number];
export const BUCKETS = ['day', 'week', 'month', 'year', 'weekday', 'hour'] as const;
export type Bucket = (typeof BUCKETS)[number];

/**
 * How a range [from, to) in `tz` is read:
 * - `rollup` (tz is the zone the marts were built in): whole local days [d1, d2) from the agg_* rollups,
 *   plus the plays of the partial edge days (local_date in edgeDates, played_at inside [from, to)) from fct_plays.
 * - `direct` (another zone): fct_plays over played_at in [from, to), local fields computed in tz.
 */
export interface RangePlan {
  mode: 'rollup' | 'direct';
  tz: string;
  from: Date | null;
  to: Date | null;
  /** rollup: first whole day (null = unbounded). */
  d1: string | null;
  /** rollup: end of whole days, exclusive (null = unbounded). */
  d2: string | null;
  /** rollup: false when the range holds no whole day. */
  hasWholeDays: boolean;
  /** rollup: local dates of partial days read from fct_plays. */
  edgeDates: string[];
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

const zoneValidity = new Map<string, boolean>();

/** IANA zone names (memoized: checking builds an Intl formatter; the map holds at most the zones asked about, capped). */
export function isValidZone(tz: string): boolean {
  let valid = zoneValidity.get(tz);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(tz);
    if (zoneValidity.size < 1000) zoneValidity.set(tz, valid);
  }
  return valid;
}

/** Parses `from`/`to`: an ISO date (midnight in tz) or date-time (read in tz when it has no offset). */
export function parseInstant(name: 'from' | 'to', value: string | undefined, tz: string): Date | null {
  if (value === undefined || value === '') return null;
  const text = value.trim();
  if (!DATE_ONLY.test(text) && !DATE_TIME.test(text)) {
    throw new BadRequestException(
      `${name} must be an ISO date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:mm[:ss][Z|±hh:mm]), got "${value}"`,
    );
  }
  const parsed = DateTime.fromISO(text.replace(/z$/, 'Z'), { zone: tz });
  if (!parsed.isValid) throw new BadRequestException(`${name} is not a valid date: "${value}"`);
  const ms = parsed.toMillis();
  // Keep the range inside what PostgreSQL timestamps and JS dates both represent.
  if (parsed.year < 1900 || parsed.year > 9999)
    throw new BadRequestException(`${name} must be between the years 1900 and 9999, got "${value}"`);
  return new Date(ms);
}

const localDate = (instant: Date, tz: string) => DateTime.fromJSDate(instant, { zone: tz });

/** Splits [from, to) into whole local days and partial edge days (see RangePlan). */
export function planRange(from: Date | null, to: Date | null, tz: string, rollup: boolean): RangePlan {
  if (!rollup) return { mode: 'direct', tz, from, to, d1: null, d2: null, hasWholeDays: false, edgeDates: [] };
  const edgeDates: string[] = [];
  let d1: string | null = null;
  let d2: string | null = null;
  if (from) {
    const local = localDate(from, tz);
    const date = local.toISODate()!;
    if (local.startOf('day').toMillis() === from.getTime()) d1 = date;
    else {
      edgeDates.push(date);
      d1 = local.plus({ days: 1 }).toISODate()!;
    }
  }
  if (to) {
    const local = localDate(to, tz);
    const date = local.toISODate()!;
    d2 = date;
    if (local.startOf('day').toMillis() !== to.getTime() && !edgeDates.includes(date)) edgeDates.push(date);
  }
  const hasWholeDays = !(d1 && d2 && d1 >= d2);
  return { mode: 'rollup', tz, from, to, d1, d2, hasWholeDays, edgeDates };
}

export function parseLimit(value: string | undefined): number {
  if (value === undefined || value === '') return 10;
  if (!/^\d+$/.test(value.trim())) throw new BadRequestException(`limit must be an integer between 1 and 100, got "${value}"`);
  const n = Number(value);
  if (n < 1 || n > 100) throw new BadRequestException(`limit must be an integer between 1 and 100, got "${value}"`);
  return n;
}

export function parseBy(value: string | undefined): By {
  if (value === undefined || value === '') return 'plays';
  if (!(BY_VALUES as readonly string[]).includes(value))
    throw new BadRequestException(`by must be one of ${BY_VALUES.join(', ')}, got "${value}"`);
  return value as By;
}

export function parseBucket(value: string | undefined): Bucket {
  if (value === undefined || value === '') return 'day';
  if (!(BUCKETS as readonly string[]).includes(value))
    throw new BadRequestException(`bucket must be one of ${BUCKETS.join(', ')}, got "${value}"`);
  return value as Bucket;
}

export function parseYear(value: string | undefined): number {
  if (value === undefined || value === '') throw new BadRequestException('year is required (YYYY)');
  if (!/^\d{4}$/.test(value.trim())) throw new BadRequestException(`year must be a four-digit year (YYYY), got "${value}"`);
  const year = Number(value);
  if (year < 1900 || year > 9998) throw new BadRequestException(`year must be between 1900 and 9998, got "${value}"`);
  return year;
}

/** Minutes from listening milliseconds: summed first, rounded to two decimals (half away from zero). */
export function minutesOf(ms: number | string | bigint): number {
  const n = BigInt(ms);
  const sign = n < 0n ? -1n : 1n;
  const abs = n * sign;
  const hundredths = (abs * 2n + 600n) / 1200n; // round(abs / 600)
  return Number(sign * hundredths) / 100;
}

/** A run of whole local days read from one rollup grain: `day` (agg_daily*), `month`/`year` (agg_period*). */
export interface Segment {
  grain: 'day' | 'month' | 'year';
  /** First day / period start, inclusive (null = unbounded). */
  from: string | null;
  /** End, exclusive (null = unbounded). */
  to: string | null;
}

const ceilTo = (iso: string, unit: 'month' | 'year') => {
  const d = DateTime.fromISO(iso, { zone: 'UTC' });
  const start = d.startOf(unit);
  return (start.equals(d) ? start : start.plus({ [`${unit}s`]: 1 })).toISODate()!;
};
const floorTo = (iso: string, unit: 'month' | 'year') => DateTime.fromISO(iso, { zone: 'UTC' }).startOf(unit).toISODate()!;

/**
 * Splits whole days [d1, d2) (null = unbounded) into the coarsest rollups: leading days up to the
 * first month start, leading months up to the first year start, whole years, trailing months, trailing days.
 * Every day of the range is in exactly one segment.
 */
export function segmentsOf(d1: string | null, d2: string | null): Segment[] {
  if (d1 && d2 && d1 >= d2) return [];
  const m1 = d1 && ceilTo(d1, 'month');
  const m2 = d2 && floorTo(d2, 'month');
  if (m1 && m2 && m1 >= m2) return [{ grain: 'day', from: d1, to: d2 }];
  const out: Segment[] = [];
  if (d1 && m1 && d1 < m1) out.push({ grain: 'day', from: d1, to: m1 });
  const y1 = m1 && ceilTo(m1, 'year');
  const y2 = m2 && floorTo(m2, 'year');
  if (y1 && y2 && y1 >= y2) out.push({ grain: 'month', from: m1, to: m2 });
  else {
    if (m1 && y1 && m1 < y1) out.push({ grain: 'month', from: m1, to: y1 });
    out.push({ grain: 'year', from: y1, to: y2 });
    if (m2 && y2 && y2 < m2) out.push({ grain: 'month', from: y2, to: m2 });
  }
  if (d2 && m2 && m2 < d2) out.push({ grain: 'day', from: m2, to: d2 });
  return out;
}

export interface SignedSegment extends Segment {
  /** 1: add the rows; -1: subtract them (a whole year minus the days of it outside the range). */
  sign: 1 | -1;
}

/** Relative cost of reading one row set per grain (rows of a track rollup for a 1M-play account: ~0.5k a day, ~13k a month, ~36k a year). */
const COST = { day: 1, month: 24, year: 65 } as const;
/** Rows read, relatively: units covered (days, months or years) times the rows of one unit. */
const costOf = (segments: Segment[]) =>
  segments.reduce((sum, s) => {
    const units = DateTime.fromISO(s.to!, { zone: 'UTC' })
      .diff(DateTime.fromISO(s.from!, { zone: 'UTC' }), `${s.grain}s`)
      .get(`${s.grain}s`);
    return sum + COST[s.grain] * units;
  }, 0);
const yearStart = (iso: string) => floorTo(iso, 'year');
const nextYear = (iso: string) => DateTime.fromISO(floorTo(iso, 'year'), { zone: 'UTC' }).plus({ years: 1 }).toISODate()!;

/**
 * Like segmentsOf, for additive measures (plays, listening time): a partial year may instead be read
 * as the whole year minus the days of it outside the range, whichever reads fewer rows.
 */
export function signedSegmentsOf(d1: string | null, d2: string | null): SignedSegment[] {
  const plus = (list: Segment[]): SignedSegment[] => list.map((s) => ({ ...s, sign: 1 as const }));
  const minus = (list: Segment[]): SignedSegment[] => list.map((s) => ({ ...s, sign: -1 as const }));
  if (!d1 || !d2 || d1 >= d2) return plus(segmentsOf(d1, d2));
  const lastDay = DateTime.fromISO(d2, { zone: 'UTC' }).minus({ days: 1 }).toISODate()!;
  const y1 = yearStart(d1);
  const y2 = yearStart(lastDay);
  /** The best reading of [from, to) inside the one year starting at `year`. */
  const within = (year: string, from: string, to: string): SignedSegment[] => {
    const additive = segmentsOf(from, to);
    const end = nextYear(year);
    const before = from > year ? segmentsOf(year, from) : [];
    const after = to < end ? segmentsOf(to, end) : [];
    const subtractive = [{ grain: 'year' as const, from: year, to: end }];
    return costOf(subtractive) + costOf(before) + costOf(after) < costOf(additive)
      ? [...plus(subtractive), ...minus(before), ...minus(after)]
      : plus(additive);
  };
  if (y1 === y2) return within(y1, d1, d2);
  const firstEnd = nextYear(y1);
  return [...within(y1, d1, firstEnd), ...(firstEnd < y2 ? plus(segmentsOf(firstEnd, y2)) : []), ...within(y2, y2, d2)];
}
