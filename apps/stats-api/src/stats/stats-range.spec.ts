import { DateTime } from 'luxon';
import { segmentsOf, signedSegmentsOf } from './stats-range';

describe('segmentsOf: whole days split into day, month and year rollups', () => {
  it('uses the coarsest grain and keeps every day in exactly one segment', () => {
    expect(segmentsOf('2022-03-04', '2023-03-10')).toEqual([
      { grain: 'day', from: '2022-03-04', to: '2022-04-01' },
      { grain: 'month', from: '2022-04-01', to: '2023-03-01' },
      { grain: 'day', from: '2023-03-01', to: '2023-03-10' },
    ]);
    expect(segmentsOf('2021-11-01', '2024-02-15')).toEqual([
      { grain: 'month', from: '2021-11-01', to: '2022-01-01' },
      { grain: 'year', from: '2022-01-01', to: '2024-01-01' },
      { grain: 'month', from: '2024-01-01', to: '2024-02-01' },
      { grain: 'day', from: '2024-02-01', to: '2024-02-15' },
    ]);
    expect(segmentsOf('2023-04-01', '2023-04-28')).toEqual([{ grain: 'day', from: '2023-04-01', to: '2023-04-28' }]);
    expect(segmentsOf('2023-01-01', '2024-01-01')).toEqual([{ grain: 'year', from: '2023-01-01', to: '2024-01-01' }]);
    expect(segmentsOf(null, null)).toEqual([{ grain: 'year', from: null, to: null }]);
    expect(segmentsOf(null, '2023-03-05')).toEqual([
      { grain: 'year', from: null, to: '2023-01-01' },
      { grain: 'month', from: '2023-01-01', to: '2023-03-01' },
      { grain: 'day', from: '2023-03-01', to: '2023-03-05' },
    ]);
    expect(segmentsOf('2023-12-31', null)).toEqual([
      { grain: 'day', from: '2023-12-31', to: '2024-01-01' },
      { grain: 'year', from: '2024-01-01', to: null },
    ]);
    expect(segmentsOf('2023-05-05', '2023-05-05')).toEqual([]);
  });

  it('covers each day of random bounded ranges exactly once', () => {
    let x = 7;
    const rnd = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 200; i++) {
      const a = DateTime.fromISO('2019-06-15', { zone: 'UTC' }).plus({ days: Math.floor(rnd() * 2000) });
      const b = a.plus({ days: Math.floor(rnd() * 900) });
      const d1 = a.toISODate()!;
      const d2 = b.toISODate()!;
      const covered: string[] = [];
      for (const s of segmentsOf(d1, d2)) {
        for (let d = DateTime.fromISO(s.from!, { zone: 'UTC' }); d.toISODate()! < s.to!; d = d.plus({ days: 1 }))
          covered.push(d.toISODate()!);
        if (s.grain !== 'day') {
          expect(DateTime.fromISO(s.from!).startOf(s.grain).toISODate()).toBe(s.from);
          expect(DateTime.fromISO(s.to!).startOf(s.grain).toISODate()).toBe(s.to);
        }
      }
      const expected: string[] = [];
      for (let d = a; d < b; d = d.plus({ days: 1 })) expected.push(d.toISODate()!);
      expect(covered).toEqual(expected);
    }
  });
});

describe('signedSegmentsOf: a partial year as the whole year minus the rest, when that reads less', () => {
  it('reads most of a year as the year minus its outside days', () => {
    expect(signedSegmentsOf('2022-01-10', '2022-12-20')).toEqual([
      { grain: 'year', from: '2022-01-01', to: '2023-01-01', sign: 1 },
      { grain: 'day', from: '2022-01-01', to: '2022-01-10', sign: -1 },
      { grain: 'day', from: '2022-12-20', to: '2023-01-01', sign: -1 },
    ]);
    expect(signedSegmentsOf('2023-04-01', '2023-04-28')).toEqual([{ grain: 'day', from: '2023-04-01', to: '2023-04-28', sign: 1 }]);
    expect(signedSegmentsOf(null, null)).toEqual([{ grain: 'year', from: null, to: null, sign: 1 }]);
  });

  it('counts each day of the range exactly once and no other day (random ranges)', () => {
    let x = 11;
    const rnd = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 200; i++) {
      const a = DateTime.fromISO('2019-06-15', { zone: 'UTC' }).plus({ days: Math.floor(rnd() * 2000) });
      const b = a.plus({ days: 1 + Math.floor(rnd() * 900) });
      const weight = new Map<string, number>();
      for (const s of signedSegmentsOf(a.toISODate()!, b.toISODate()!)) {
        for (let d = DateTime.fromISO(s.from!, { zone: 'UTC' }); d.toISODate()! < s.to!; d = d.plus({ days: 1 }))
          weight.set(d.toISODate()!, (weight.get(d.toISODate()!) ?? 0) + s.sign);
      }
      for (const [day, w] of weight) expect({ day, w }).toEqual({ day, w: day >= a.toISODate()! && day < b.toISODate()! ? 1 : 0 });
      for (let d = a; d < b; d = d.plus({ days: 1 })) expect(weight.get(d.toISODate()!)).toBe(1);
    }
  });
});
