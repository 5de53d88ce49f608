import { isIsoDate, isTimeZone, presetRange, PRESETS, type DateRange, type Preset } from './range';
import type { RouteRange } from './routes';
import type { Measure } from '@rewind/contracts';

/** What every stats panel follows. Persisted in localStorage (never the token's key). */
export interface Filters {
  accountId: string | null;
  preset: Preset;
  customFrom: string;
  customTo: string;
  tz: string;
  by: Measure;
}

const KEY = 'rewind.filters';

export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export function loadFilters(): Filters {
  const defaults: Filters = { accountId: null, preset: '12m', customFrom: '', customTo: '', tz: browserTimeZone(), by: 'plays' };
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Filters>;
    return {
      accountId: typeof saved.accountId === 'string' ? saved.accountId : null,
      preset: PRESETS.some((p) => p.id === saved.preset) ? saved.preset! : defaults.preset,
      customFrom: typeof saved.customFrom === 'string' && isIsoDate(saved.customFrom) ? saved.customFrom : '',
      customTo: typeof saved.customTo === 'string' && isIsoDate(saved.customTo) ? saved.customTo : '',
      tz: typeof saved.tz === 'string' && isTimeZone(saved.tz) ? saved.tz : defaults.tz,
      by: saved.by === 'minutes' ? 'minutes' : 'plays',
    };
  } catch {
    return defaults;
  }
}

export function saveFilters(f: Filters): void {
  localStorage.setItem(KEY, JSON.stringify(f));
}

export function currentRange(f: Filters): DateRange {
  return presetRange(f.preset, f.tz, new Date(), f.customFrom, f.customTo);
}

/** Query parameters shared by the stats routes. */
export function statsParams(f: Filters): Record<string, string | undefined> {
  const range = currentRange(f);
  return { accountId: f.accountId ?? undefined, from: range.from, to: range.to, tz: f.tz, by: f.by };
}

/** What a link to an entity or compare page carries: the range, the zone and the admin's account. */
export function routeScope(f: Filters): RouteRange {
  return { ...currentRange(f), tz: f.tz, accountId: f.accountId ?? undefined };
}
