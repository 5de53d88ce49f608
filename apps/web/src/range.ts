// Date ranges of the dashboard, as the stats API reads them: ISO dates in the chosen time zone,
// `from` inclusive and `to` exclusive. Pure functions (unit-tested in range.spec.ts).

export type Preset = '7d' | '30d' | '90d' | '12m' | 'ytd' | 'last-year' | 'all' | 'custom';

export const PRESETS: Array<{ id: Preset; label: string }> = [
  { id: '7d', label: 'Last 7 days' },
  { id: '30d', label: 'Last 30 days' },
  { id: '90d', label: 'Last 90 days' },
  { id: '12m', label: 'Last 12 months' },
  { id: 'ytd', label: 'This year' },
  { id: 'last-year', label: 'Last year' },
  { id: 'all', label: 'All time' },
  { id: 'custom', label: 'Custom…' },
];

export interface DateRange {
  /** inclusive, YYYY-MM-DD in the time zone; undefined = unbounded */
  from?: string;
  /** exclusive, YYYY-MM-DD in the time zone; undefined = unbounded */
  to?: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The calendar date of `now` in `timeZone`, as YYYY-MM-DD. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Calendar arithmetic on YYYY-MM-DD strings (no time zone involved). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function addMonths(date: string, months: number): string {
  const [y, m, day] = date.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, lastDay));
  return first.toISOString().slice(0, 10);
}

/**
 * The range of a preset, ending today (inclusive) in `timeZone`. For `custom`, `customFrom` and
 * `customTo` are the first and last day the user picked (both inclusive).
 */
export function presetRange(preset: Preset, timeZone: string, now: Date = new Date(), customFrom?: string, customTo?: string): DateRange {
  const today = todayIn(timeZone, now);
  const tomorrow = addDays(today, 1);
  const year = Number(today.slice(0, 4));
  switch (preset) {
    case '7d':
      return { from: addDays(today, -6), to: tomorrow };
    case '30d':
      return { from: addDays(today, -29), to: tomorrow };
    case '90d':
      return { from: addDays(today, -89), to: tomorrow };
    case '12m':
      return { from: addDays(addMonths(today, -12), 1), to: tomorrow };
    case 'ytd':
      return { from: `${year}-01-01`, to: tomorrow };
    case 'last-year':
      return { from: `${year - 1}-01-01`, to: `${year}-01-01` };
    case 'all':
      return {};
    case 'custom': {
      const from = customFrom && isIsoDate(customFrom) ? customFrom : undefined;
      const last = customTo && isIsoDate(customTo) ? customTo : undefined;
      if (from && last && last < from) return { from: last, to: addDays(from, 1) };
      return { from, to: last ? addDays(last, 1) : undefined };
    }
  }
}

/** Days covered by a bounded range (undefined when a side is open). */
export function rangeDays(range: DateRange): number | undefined {
  if (!range.from || !range.to) return undefined;
  return Math.round((Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / 86_400_000);
}

/** A readable label of a range: "1 Jan 2026 – 24 Nov 2026" (the exclusive end shown as its last day). */
export function describeRange(range: DateRange): string {
  const fmt = (d: string) =>
    new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${d}T00:00:00Z`),
    );
  if (!range.from && !range.to) return 'All time';
  if (!range.to) return `Since ${fmt(range.from!)}`;
  const last = addDays(range.to, -1);
  if (!range.from) return `Until ${fmt(last)}`;
  return range.from === last ? fmt(last) : `${fmt(range.from)} – ${fmt(last)}`;
}

/** The activity bucket that suits a range best when the user has not chosen one. */
export function defaultBucket(range: DateRange): 'day' | 'week' | 'month' {
  const days = rangeDays(range);
  if (days === undefined || days > 400) return 'month';
  if (days > 100) return 'week';
  return 'day';
}

/** Time zones the browser knows, with `current` first-class even if the list lacks it. */
export function timeZones(current: string): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  const zones = intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : [];
  const all = new Set(['UTC', ...zones, current]);
  return [...all].sort((a, b) => (a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b)));
}

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The range of equal length just before a bounded one (what "vs previous period" compares with). */
export function previousRange(range: DateRange): Required<DateRange> | undefined {
  const days = rangeDays(range);
  if (days === undefined || days <= 0) return undefined;
  return { from: addDays(range.from!, -days), to: range.from! };
}
