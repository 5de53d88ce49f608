import type { Measure } from '@rewind/contracts';

const int = new Intl.NumberFormat('en');
const dec = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

export const fmtInt = (n: number) => int.format(Math.round(n));

/** Minutes as "1,234 min" or, beyond a few hours, "12,345 min (206 h)". */
export function fmtMinutes(min: number): string {
  return min >= 600 ? `${fmtInt(min)} min (${fmtInt(min / 60)} h)` : `${dec.format(min)} min`;
}

export function fmtMeasure(row: { plays: number; minutes: number }, by: Measure): string {
  return by === 'plays' ? `${fmtInt(row.plays)} plays` : `${fmtInt(row.minutes)} min`;
}

export function fmtDateTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

export function fmtTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** A calendar date YYYY-MM-DD (already in the chosen zone) as "9 Aug 2025". */
export function fmtDate(date: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }).format(
    new Date(`${date.slice(0, 10)}T00:00:00Z`),
  );
}

export function fmtAgo(iso: string, now = Date.now()): string {
  const s = Math.round((now - Date.parse(iso)) / 1000);
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} days ago`;
}

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

const pct = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });

/** A share 0…1 as "16.2%". */
export const fmtShare = (share: number) => pct.format(share);
