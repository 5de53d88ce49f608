import {
  between,
  byDay,
  compareC,
  DayIndex,
  dayOf,
  dayRange,
  Dimension,
  distinctCount,
  Edges,
  hourOfWeek,
  isoOf,
  KeyColumn,
  NO_SESSIONS,
  adjacentDays,
  rank,
  totals,
  withRollups,
  yearSlots,
} from './day-index';
import { emptyPlayLog } from './play-log';

/** Builds an index from plain rows: [date, key, plays, ms] per dimension (dates ascending); small prev blocks so ranges span several. */
function indexOf(rows: Array<[string, string, number, number]>, names: Record<string, string | null> = {}, prevBlockRows = 16): DayIndex {
  const dates = [...new Set(rows.map((r) => r[0]))].sort();
  const days = Int32Array.from(dates, dayOf);
  const column = (): KeyColumn => {
    const keys = [...new Set(rows.map((r) => r[1]))];
    const start = new Int32Array(days.length + 1);
    dates.forEach((d, i) => (start[i + 1] = start[i] + rows.filter((r) => r[0] === d).length));
    const key = Int32Array.from(rows, (r) => keys.indexOf(r[1]));
    const totalPlays = new Float64Array(keys.length);
    const totalMs = new Float64Array(keys.length);
    rows.forEach((r, j) => {
      totalPlays[key[j]] += r[2];
      totalMs[key[j]] += r[3];
    });
    const col = {
      keys,
      ids: new Map(keys.map((k, i) => [k, i])),
      names: keys.map((k) => (k in names ? names[k] : k)),
      start,
      key,
      plays: Int32Array.from(rows, (r) => r[2]),
      ms: Float64Array.from(rows, (r) => r[3]),
      ...adjacentDays(days, start, key, keys.length),
      totalPlays,
      totalMs,
    };
    return withRollups(col, yearSlots(days), prevBlockRows);
  };
  const sum = (d: string, i: 2 | 3) => rows.filter((r) => r[0] === d).reduce((s, r) => s + r[i], 0);
  const hourPlays = new Float64Array(days.length * 24);
  const hourMs = new Float64Array(days.length * 24);
  dates.forEach((d, i) => {
    hourPlays[i * 24 + 20] = sum(d, 2);
    hourMs[i * 24 + 20] = sum(d, 3);
  });
  const col = column();
  return {
    accountId: 'a',
    version: 'v1',
    zone: 'UTC',
    days,
    yearFirst: yearSlots(days),
    weekday: Uint8Array.from(dates, (d) => (new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7),
    plays: Float64Array.from(dates, (d) => sum(d, 2)),
    ms: Float64Array.from(dates, (d) => sum(d, 3)),
    first: Float64Array.from(dates, (d) => Date.parse(`${d}T08:00:00Z`)),
    last: Float64Array.from(dates, (d) => Date.parse(`${d}T22:00:00Z`)),
    hourPlays,
    hourMs,
    dims: { tracks: col, artists: col, albums: col, genres: col } as Record<Dimension, KeyColumn>,
    discovered: { artist: new Float64Array(0), track: new Float64Array(0) },
    firstArtists: { at: new Float64Array(0), keys: [] },
    log: emptyPlayLog(days.length),
    sessions: NO_SESSIONS,
    rows: rows.length,
  };
}

/** Edges of a range that has no partial days. */
const NO_EDGES: Edges = { cells: [], keys: { tracks: [], artists: [], albums: [], genres: [] } };

/** A seeded pseudo-random source: rnd(n) is an integer in [0, n). */
function seeded(seed: number): (n: number) => number {
  let x = seed;
  return (n) => (x = (x * 1103515245 + 12345) % 2147483648) % n;
}

/** Daily rows [date, key, plays, ms] over `days` days from `from`: listening days 1..maxGap apart, 1..keysPerDay of `keySpace` keys each. */
function randomRows(
  rnd: (n: number) => number,
  from: string,
  days: number,
  maxGap: number,
  keysPerDay: number,
  keySpace: number,
  values: () => [number, number],
) {
  const rows: Array<[string, string, number, number]> = [];
  for (let d = 0; d < days; d += 1 + rnd(maxGap)) {
    const date = isoOf(dayOf(from) + d);
    for (const k of new Set(Array.from({ length: 1 + rnd(keysPerDay) }, () => `k${rnd(keySpace)}`))) rows.push([date, k, ...values()]);
  }
  return rows;
}

/** Edge plays (one per entry) summed the way edgesOf (play-log.ts) sums them: per day and hour, and per key. */
function edges(...plays: Array<[date: string, key: string, ms: number, hour?: number]>): Edges {
  const out: Edges = { cells: [], keys: { tracks: [], artists: [], albums: [], genres: [] } };
  for (const [date, key, ms, hour = 3] of plays) {
    const at = Date.parse(`${date}T0${hour}:00:00Z`);
    out.cells!.push({
      day: dayOf(date),
      weekday: (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7,
      hour,
      plays: 1,
      ms,
      first: at,
      last: at,
    });
    for (const dim of ['tracks', 'artists', 'genres'] as const) {
      const sums = out.keys[dim]!;
      const k = sums.find((x) => x.key === key);
      if (k) {
        k.plays += 1;
        k.ms += ms;
      } else sums.push({ key, plays: 1, ms });
    }
  }
  return out;
}

const ROWS: Array<[string, string, number, number]> = [
  ['2024-01-01', 'a', 2, 100],
  ['2024-01-01', 'b', 1, 500],
  ['2024-01-03', 'a', 1, 50],
  ['2024-01-03', 'c', 3, 30],
  ['2024-02-10', 'b', 4, 40],
];

describe('day index range computations', () => {
  const ix = indexOf(ROWS);

  it('maps ISO dates to day numbers and back', () => {
    expect(dayOf('1970-01-02')).toBe(1);
    expect(isoOf(dayOf('2024-02-29'))).toBe('2024-02-29');
  });

  it('selects whole days by binary search, unbounded or not', () => {
    expect(dayRange(ix, null, null, true, [], NO_EDGES)).toMatchObject({ i1: 0, i2: 3 });
    expect(dayRange(ix, '2024-01-02', '2024-02-10', true, [], NO_EDGES)).toMatchObject({ i1: 1, i2: 2 });
    expect(dayRange(ix, '2024-01-01', '2024-01-01', false, [], NO_EDGES)).toMatchObject({ i1: 0, i2: 0 });
  });

  it('totals whole days and edge plays, first and last play included', () => {
    const r = dayRange(ix, '2024-01-02', null, true, ['2024-01-01'], edges(['2024-01-01', 'z', 7]));
    expect(totals(ix, r)).toEqual({
      plays: 9,
      ms: 127,
      first: Date.parse('2024-01-01T03:00:00Z'),
      last: Date.parse('2024-02-10T22:00:00Z'),
    });
    expect(totals(ix, dayRange(ix, '2025-01-01', null, true, [], NO_EDGES))).toEqual({ plays: 0, ms: 0, first: null, last: null });
  });

  it('counts distinct keys once across days and edges, edge-only keys included', () => {
    expect(distinctCount(ix, 'tracks', dayRange(ix, null, null, true, [], NO_EDGES))).toBe(3);
    // Leading edge 2024-01-01 (a, b both played again later), trailing edge 2024-01-03 (c new, a seen), a new key.
    expect(
      distinctCount(
        ix,
        'tracks',
        dayRange(ix, '2024-01-02', null, true, ['2024-01-01'], edges(['2024-01-01', 'a', 1], ['2024-01-01', 'b', 1])),
      ),
    ).toBe(3);
    expect(
      distinctCount(
        ix,
        'tracks',
        dayRange(
          ix,
          '2024-01-01',
          '2024-01-03',
          true,
          ['2024-01-03'],
          edges(['2024-01-03', 'c', 1], ['2024-01-03', 'a', 1], ['2024-01-03', 'new', 1]),
        ),
      ),
    ).toBe(4);
  });

  it('ranks by plays or minutes, ties by name (C order, nulls last) then key, and stays exact across many keys', () => {
    const r = dayRange(ix, null, null, true, [], NO_EDGES);
    expect(rank(ix, 'tracks', r, 'plays', 2).map((x) => [x.key, x.plays])).toEqual([
      ['b', 5],
      ['a', 3],
    ]);
    expect(rank(ix, 'tracks', r, 'minutes', 1)).toEqual([{ key: 'b', name: 'b', plays: 5, ms: 540 }]);
    const tied = indexOf(
      [
        ['2024-01-01', 'k1', 1, 1],
        ['2024-01-01', 'k2', 1, 1],
        ['2024-01-01', 'k3', 1, 1],
      ],
      { k1: null, k2: 'Zed', k3: 'Abba' },
    );
    expect(rank(tied, 'tracks', dayRange(tied, null, null, true, [], NO_EDGES), 'plays', 3).map((x) => x.key)).toEqual(['k3', 'k2', 'k1']);
    // Many keys: the pruning while summing must keep every key that can still reach the top.
    const many: Array<[string, string, number, number]> = [];
    for (let k = 0; k < 500; k++)
      for (let d = 1; d <= 3; d++) many.push([`2024-03-0${d}`, `k${String(k).padStart(3, '0')}`, (k * 7919 + d * 31) % 13, k]);
    const big = indexOf(many.filter((r) => r[2] > 0).sort((a, b) => a[0].localeCompare(b[0])));
    const expected = new Map<string, number>();
    for (const [, k, p] of many) expected.set(k, (expected.get(k) ?? 0) + p);
    const oracle = [...expected].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 25);
    expect(rank(big, 'tracks', dayRange(big, null, null, true, [], NO_EDGES), 'plays', 25).map((x) => [x.key, x.plays])).toEqual(oracle);
  });

  it('sums and counts whole years, loose days and edge days exactly (random ranges against brute force)', () => {
    const rnd = seeded(42);
    const rows = randomRows(rnd, '2022-11-20', 1100, 3, 4, 30, () => [1 + rnd(5), rnd(1000)]);
    const multi = indexOf(rows);
    expect(multi.yearFirst.length).toBe(5); // 2022..2025, plus the end
    const listening = [...new Set(rows.map((r) => r[0]))];
    const ranges: Array<[string | null, string | null]> = [
      [null, null],
      ['2023-01-01', '2024-01-01'],
      ['2022-12-30', '2025-01-02'],
      ['2023-03-03', '2024-03-10'],
      [null, '2024-01-01'],
      ['2024-01-01', null],
      ['2023-06-01', '2023-06-02'],
    ];
    for (let i = 0; i < 40; i++) {
      const a = listening[rnd(listening.length)];
      const b = isoOf(dayOf(a) + 1 + rnd(500));
      ranges.push([i % 5 === 0 ? null : a, i % 7 === 0 ? null : b]);
    }
    for (const [d1, d2] of ranges) {
      // Edge days just outside [d1, d2) when they are listening days, with some of their keys (as a partial day would).
      const edgeDates = [d1 && isoOf(dayOf(d1) - 1), d2].filter((d): d is string => d !== null && listening.includes(d));
      const edgePlays = edgeDates.flatMap((date) =>
        rows.filter((r) => r[0] === date && rnd(2) === 0).map((r): [string, string, number] => [date, r[1], r[3]]),
      );
      if (edgePlays.length && rnd(3) === 0) edgePlays.push([edgePlays[0][0], 'brand-new', 5]);
      const inRange = rows.filter(([date]) => (d1 === null || date >= d1) && (d2 === null || date < d2));
      const sums = new Map<string, number>();
      for (const [, k, p] of inRange) sums.set(k, (sums.get(k) ?? 0) + p);
      for (const [, k] of edgePlays) sums.set(k, (sums.get(k) ?? 0) + 1);
      // A key the index does not know has no name yet: it ranks after its named ties.
      const unnamed = (k: string) => (k === 'brand-new' ? 1 : 0);
      const expected = [...sums].sort((p, q) => q[1] - p[1] || unnamed(p[0]) - unnamed(q[0]) || compareC(p[0], q[0]));
      const r = dayRange(multi, d1, d2, true, edgeDates, edges(...edgePlays));
      const label = { d1, d2, edgePlays: edgePlays.length };
      expect({ ...label, top: rank(multi, 'tracks', r, 'plays', 100).map((t) => [t.key, t.plays]) }).toEqual({ ...label, top: expected });
      expect({ ...label, distinct: distinctCount(multi, 'tracks', r) }).toEqual({ ...label, distinct: sums.size });
    }
  });

  it('ranks all days and single calendar years from the presorted sums exactly, ties included', () => {
    const rnd = seeded(7);
    const rows = randomRows(rnd, '2023-01-01', 900, 4, 6, 60, () => [1 + rnd(2), 1000 * (1 + rnd(3))]);
    // Shared and missing names: ties on the value fall to the name (nulls last), then the key.
    const names = Object.fromEntries(Array.from({ length: 60 }, (_, k) => [`k${k}`, k % 5 === 0 ? null : `n${k % 7}`]));
    const multi = indexOf(rows, names);
    for (const [d1, d2] of [
      [null, null],
      ['2023-01-01', '2024-01-01'],
      ['2024-01-01', '2025-01-01'],
      ['2025-01-01', null],
    ] as Array<[string | null, string | null]>) {
      const sums = new Map<string, [number, number]>();
      for (const [date, k, p, ms] of rows) {
        if ((d1 !== null && date < d1) || (d2 !== null && date >= d2)) continue;
        const s = sums.get(k) ?? [0, 0];
        sums.set(k, [s[0] + p, s[1] + ms]);
      }
      for (const by of ['plays', 'minutes'] as const) {
        const v = (e: [string, [number, number]]) => (by === 'plays' ? e[1][0] : e[1][1]);
        const byName = (a: string, b: string) =>
          names[a] === names[b] ? 0 : names[a] === null ? 1 : names[b] === null ? -1 : compareC(names[a]!, names[b]!);
        const expected = [...sums]
          .sort((a, b) => v(b) - v(a) || byName(a[0], b[0]) || compareC(a[0], b[0]))
          .map(([k, [p, ms]]) => [k, p, ms]);
        for (const limit of [1, 2, 3, 5, 8, 13, 21, 100]) {
          const top = rank(multi, 'tracks', dayRange(multi, d1, d2, true, [], NO_EDGES), by, limit).map((t) => [t.key, t.plays, t.ms]);
          expect({ d1, by, limit, top }).toEqual({ d1, by, limit, top: expected.slice(0, limit) });
        }
      }
    }
  });

  it('counts sorted instants inside [from, to)', () => {
    const at = Float64Array.from([1, 2, 2, 5, 9]);
    const countBetween = (...bounds: [number | null, number | null, number?, number?]) => {
      const [start, end] = between(at, ...bounds);
      return end - start;
    };
    expect(countBetween(2, 9)).toBe(3);
    expect(countBetween(null, 2)).toBe(1);
    expect(countBetween(6, null)).toBe(1);
    expect(countBetween(null, null)).toBe(5);
    expect(countBetween(2, null, 0, 4)).toBe(3);
    expect(countBetween(null, 5, 2, 5)).toBe(1);
  });

  it('orders names by code point like PostgreSQL\'s "C" collation', () => {
    expect(compareC('\u{1F600}', '\uFFFD')).toBeGreaterThan(0); // JS < says the opposite
    expect(compareC('abc', 'abd')).toBeLessThan(0);
    expect(compareC('ab', 'abc')).toBeLessThan(0);
    expect(compareC('same', 'same')).toBe(0);
  });

  it('lists days (edges merged in order) and the hour-of-week cells', () => {
    const r = dayRange(ix, '2024-01-02', null, true, ['2024-01-01'], edges(['2024-01-01', 'a', 9, 5]));
    expect(byDay(ix, r).map((d) => [isoOf(d.day), d.plays, d.ms])).toEqual([
      ['2024-01-01', 1, 9],
      ['2024-01-03', 4, 80],
      ['2024-02-10', 4, 40],
    ]);
    const cells = hourOfWeek(ix, r);
    expect(cells.plays[0 * 24 + 5]).toBe(1); // 2024-01-01 is a Monday
    expect(cells.plays[2 * 24 + 20]).toBe(4); // Wednesday 20:00
    expect(cells.plays.reduce((a, b) => a + b, 0)).toBe(9);
  });
});
