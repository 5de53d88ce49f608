import { comparePlays, describeDiff, diffIsClean, expectedFromTruth, exportKey, importInstant } from './truth';

const T = Date.parse('2026-11-20T10:00:00.000Z');

describe('comparePlays (what "stored equals ground truth" means)', () => {
  // reportedAtMs (recently-played's instant, the end of a listen) is what a polled play keeps;
  // the comparison does not care which instant it is, so the fixture uses the start for both
  const truth = [
    { trackId: 'a', playedAtMs: T + 123, reportedAtMs: T + 123, exposed: true },
    { trackId: 'b', playedAtMs: T + 200_456, reportedAtMs: T + 200_456, exposed: true },
    { trackId: 'c', playedAtMs: T + 400_000, reportedAtMs: T + 400_000, exposed: false },
  ];
  const imported = new Map([[exportKey('a', T + 123), importInstant(T + 123, 180_500)]]);
  const expected = expectedFromTruth(truth, imported);

  it('keeps exposed listens only and knows the import instant of exported ones', () => {
    expect(expected).toEqual([
      { trackId: 'a', polledMs: T + 123, importMs: Math.floor((T + 180_623) / 1000) * 1000 - 180_500 },
      { trackId: 'b', polledMs: T + 200_456 },
    ]);
    expect(expected[0].importMs).toBeLessThanOrEqual(T + 123);
    expect(expected[0].importMs).toBeGreaterThan(T + 123 - 1000);
  });

  it('accepts either instant of a listen in both sources, with the matching source', () => {
    expect(
      diffIsClean(
        comparePlays(expected, [
          { playedAtMs: T + 123, trackId: 'a', source: 'poll' },
          { playedAtMs: T + 200_456, trackId: 'b', source: 'poll' },
        ]),
      ),
    ).toBe(true);
    const viaImport = comparePlays(expected, [
      { playedAtMs: expected[0].importMs!, trackId: 'a', source: 'extended_history' },
      { playedAtMs: T + 200_456, trackId: 'b', source: 'poll' },
    ]);
    expect(diffIsClean(viaImport)).toBe(true);
    expect(viaImport.matchedImported).toBe(1);
  });

  it('reports a listen stored twice, a missing one, an extra one and a wrong source', () => {
    const d = comparePlays(expected, [
      { playedAtMs: T + 123, trackId: 'a', source: 'poll' },
      { playedAtMs: expected[0].importMs!, trackId: 'a', source: 'extended_history' },
      { playedAtMs: T + 999_999, trackId: 'z', source: 'poll' },
    ]);
    expect(d.duplicates).toHaveLength(1);
    expect(d.missing).toEqual([{ trackId: 'b', polledMs: T + 200_456 }]);
    expect(d.extra).toEqual([{ playedAtMs: T + 999_999, trackId: 'z', source: 'poll' }]);
    expect(describeDiff('listener-1', d)).toMatch(/1 missing, 1 extra, 1 stored twice/);
    const wrong = comparePlays(
      [{ trackId: 'b', polledMs: T + 200_456 }],
      [{ playedAtMs: T + 200_456, trackId: 'b', source: 'extended_history' }],
    );
    expect(wrong.wrongSource).toHaveLength(1);
  });

  it('never matches another track or a shifted instant', () => {
    const d = comparePlays(
      [{ trackId: 'b', polledMs: T + 200_456 }],
      [
        { playedAtMs: T + 200_457, trackId: 'b', source: 'poll' },
        { playedAtMs: T + 200_456, trackId: 'x', source: 'poll' },
      ],
    );
    expect(d.missing).toHaveLength(1);
    expect(d.extra).toHaveLength(2);
  });
});
