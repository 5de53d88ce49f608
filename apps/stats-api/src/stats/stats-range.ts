import { BadRequestException } from '@nestjs/common';
import { DateTime, IANAZone } from 'luxon';

export const BY_VALUES = ['plays', 'minutes'] as const;
export type By = (typeof BY_VALUES)[number];
export const BUCKETS = ['day', 'week', 'month', 'year', 'weekday', 'hour'] as const;
export type Bucket = (typeof BUCKETS)[number];

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
export function parseInstant(name: 'from' | 'to' | 'compareFrom' | 'compareTo', value: string | undefined, tz: string): Date | null {
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
