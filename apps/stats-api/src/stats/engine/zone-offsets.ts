import { DateTime, IANAZone } from 'luxon';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/**
 * A zone's UTC offsets over a span of instants: offsetMinutes[i] is in force from changesAt[i] on
 * (changesAt[0] = -Infinity). Found by sampling the zone every SAMPLE_MS and bisecting to the
 * millisecond wherever two samples differ, so mapping a million plays costs one array walk instead
 * of a million Intl lookups.
 */
export interface OffsetTable {
  zone: string;
  changesAt: Float64Array;
  offsetMinutes: Int32Array;
  /** The span the table was computed for: outside it, offsetAt asks the zone itself. */
  from: number;
  to: number;
}

/**
 * Sampling step: assumes no zone changed its offset and back again within two days (changes since
 * 1970 are weeks apart at the closest, e.g. DST suspended for Ramadan). Each sample is an Intl lookup.
 */
const SAMPLE_MS = 2 * DAY_MS;

function zoneOf(name: string): IANAZone {
  return IANAZone.create(name);
}

export function offsetTable(zone: string, from: number, to: number): OffsetTable {
  if (zone === 'UTC' || zone === 'Etc/UTC')
    return { zone, changesAt: Float64Array.of(-Infinity), offsetMinutes: Int32Array.of(0), from: -Infinity, to: Infinity };
  const z = zoneOf(zone);
  const changesAt = [-Infinity];
  const offsets = [z.offset(from)];
  let current = offsets[0];
  for (let t = from; t < to;) {
    const next = Math.min(t + SAMPLE_MS, to);
    const offset = z.offset(next);
    if (offset !== current) {
      let lo = t;
      let hi = next;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (z.offset(mid) === current) lo = mid;
        else hi = mid;
      }
      changesAt.push(hi);
      offsets.push(offset);
      current = offset;
    }
    t = next;
  }
  return { zone, changesAt: Float64Array.from(changesAt), offsetMinutes: Int32Array.from(offsets), from, to };
}

/** Offset tables by zone, each widened when asked about a span it does not cover. */
const tables = new Map<string, OffsetTable>();
const MAX_TABLES = 600;

/** The zone's offset table covering at least [from, to]. */
export function offsetsFor(zone: string, from: number, to: number): OffsetTable {
  const known = tables.get(zone);
  if (known && known.from <= from && known.to >= to) return known;
  const table = offsetTable(zone, Math.min(from, known?.from ?? from), Math.max(to, known?.to ?? to));
  if (tables.size >= MAX_TABLES) tables.clear();
  tables.set(zone, table);
  return table;
}

/** The offset (minutes) in force at an instant. */
export function offsetAt(table: OffsetTable, at: number): number {
  if (at < table.from || at > table.to) return zoneOf(table.zone).offset(at);
  let lo = 0;
  let hi = table.changesAt.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (table.changesAt[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return table.offsetMinutes[lo];
}

/** Day number (days since 1970-01-01) of a local wall-clock time given as epoch ms. */
export const dayNumberOf = (localMs: number): number => Math.floor(localMs / DAY_MS);
/** 0 = Monday (1970-01-01 was a Thursday). */
export const weekdayOf = (day: number): number => (((day + 3) % 7) + 7) % 7;
export const hourOf = (localMs: number): number => Math.floor((localMs - dayNumberOf(localMs) * DAY_MS) / HOUR_MS);

/** Day number of an ISO date (YYYY-MM-DD). */
export const dayOfIso = (iso: string): number =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;

const isoDates = new Map<number, string>();
/** ISO date of a day number (memoized: answers label hundreds of days each). */
export const isoOfDay = (day: number): string => {
  let iso = isoDates.get(day);
  if (iso === undefined) {
    iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (isoDates.size < 100_000) isoDates.set(day, iso);
  }
  return iso;
};

/** Local day starts already resolved, by zone: answers ask about the same few days again and again. */
const dayStarts = new Map<string, Map<number, number>>();
const MAX_DAY_STARTS = 20_000;

/**
 * The local day of an instant in a zone, and the instant that day starts. The day comes from the
 * zone's offset table when one is known (a binary search instead of an Intl lookup, which took a
 * third of a Wrapped answer's time); its start from luxon once per day.
 */
export function localDayStart(at: number, zone: string): { day: number; start: number } {
  const table = tables.get(zone);
  const offset = table ? offsetAt(table, at) : zoneOf(zone).offset(at);
  const day = dayNumberOf(at + offset * 60_000);
  return { day, start: startOfLocalDay(day, zone) };
}

/** The instant local day `day` starts in a zone (luxon resolves a midnight skipped by DST forward). */
export function startOfLocalDay(day: number, zone: string): number {
  let starts = dayStarts.get(zone);
  if (!starts) {
    if (dayStarts.size >= MAX_TABLES) dayStarts.clear();
    dayStarts.set(zone, (starts = new Map()));
  }
  let start = starts.get(day);
  if (start === undefined) {
    start = DateTime.fromISO(isoOfDay(day), { zone }).startOf('day').toMillis();
    if (starts.size < MAX_DAY_STARTS) starts.set(day, start);
  }
  return start;
}
