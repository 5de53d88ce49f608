import {
  addDays,
  addMonths,
  defaultBucket,
  describeRange,
  isIsoDate,
  isTimeZone,
  presetRange,
  previousRange,
  rangeDays,
  todayIn,
} from './range';

describe('date ranges', () => {
  // 23:30 UTC on 31 Dec 2025 is already 1 Jan 2026 in Berlin: presets follow the chosen zone.
  const now = new Date('2025-12-31T23:30:00Z');

  it('reads today in the chosen time zone', () => {
    expect(todayIn('UTC', now)).toBe('2025-12-31');
    expect(todayIn('Europe/Berlin', now)).toBe('2026-01-01');
    expect(todayIn('America/Los_Angeles', now)).toBe('2025-12-31');
  });

  it('builds presets with an inclusive from and an exclusive to', () => {
    expect(presetRange('7d', 'UTC', now)).toEqual({ from: '2025-12-25', to: '2026-01-01' });
    expect(presetRange('30d', 'UTC', now)).toEqual({ from: '2025-12-02', to: '2026-01-01' });
    expect(presetRange('ytd', 'UTC', now)).toEqual({ from: '2025-01-01', to: '2026-01-01' });
    expect(presetRange('ytd', 'Europe/Berlin', now)).toEqual({ from: '2026-01-01', to: '2026-01-02' });
    expect(presetRange('last-year', 'UTC', now)).toEqual({ from: '2024-01-01', to: '2025-01-01' });
    expect(presetRange('12m', 'UTC', now)).toEqual({ from: '2025-01-01', to: '2026-01-01' });
    expect(presetRange('all', 'UTC', now)).toEqual({});
    for (const p of ['7d', '30d', '90d'] as const) expect(rangeDays(presetRange(p, 'Asia/Tokyo', now))).toBe(Number(p.slice(0, -1)));
  });

  it('turns a custom pick of first and last day into [from, last + 1), swapping a reversed pick and ignoring junk', () => {
    expect(presetRange('custom', 'UTC', now, '2025-03-01', '2025-03-31')).toEqual({ from: '2025-03-01', to: '2025-04-01' });
    expect(presetRange('custom', 'UTC', now, '2025-03-31', '2025-03-01')).toEqual({ from: '2025-03-01', to: '2025-04-01' });
    expect(presetRange('custom', 'UTC', now, '2025-02-30', '')).toEqual({ from: undefined, to: undefined });
    expect(presetRange('custom', 'UTC', now, undefined, '2025-02-28')).toEqual({ from: undefined, to: '2025-03-01' });
  });

  it('does calendar arithmetic across month, leap-day and year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', -12)).toBe('2023-02-28');
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-1-01')).toBe(false);
  });

  it('labels ranges and picks a bucket that fits them', () => {
    expect(describeRange({ from: '2025-01-01', to: '2026-01-01' })).toBe('1 Jan 2025 – 31 Dec 2025');
    expect(describeRange({ from: '2025-01-01', to: '2025-01-02' })).toBe('1 Jan 2025');
    expect(describeRange({})).toBe('All time');
    expect(defaultBucket({ from: '2025-12-01', to: '2026-01-01' })).toBe('day');
    expect(defaultBucket({ from: '2025-01-01', to: '2026-01-01' })).toBe('week');
    expect(defaultBucket({})).toBe('month');
  });

  it('knows a time zone from a typo', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });

  it('finds the range of equal length just before a bounded one', () => {
    expect(previousRange({ from: '2025-12-01', to: '2026-01-01' })).toEqual({ from: '2025-10-31', to: '2025-12-01' });
    expect(previousRange({ from: '2024-03-01', to: '2024-03-02' })).toEqual({ from: '2024-02-29', to: '2024-03-01' });
    expect(previousRange({ from: '2025-01-01' })).toBeUndefined();
    expect(previousRange({})).toBeUndefined();
  });
});
