import { exportPlays } from './export';
import { MAX_LISTENING_MS_PER_DAY } from './export-history';
import { DAY_MS } from './listens';

function playsOf(plays: number, intensifyAfterDays?: number) {
  return [...exportPlays({ listenerId: 'count', seed: 3, plays, intensifyAfterDays, catalog: { artists: 80 } })];
}

describe('an export asked for N plays holds N plays', () => {
  test('a small export at the listener’s usual rate', () => {
    expect(playsOf(2_000)).toHaveLength(2_000);
  });

  test('more plays than a heavy listener fits in the window: the history reaches further back', () => {
    // 20 days at the usual rate hold ~700 plays; asking for 30,000 used to overfill each day,
    // push the listens past `now` and cut the export short
    const plays = playsOf(30_000, 20);
    expect(plays).toHaveLength(30_000);
    // listens never overlap (played_at = ts − ms_played, ts truncated to the second)
    const overlaps = plays.filter((p, i) => i > 0 && p.playedAtMs + 1000 < plays[i - 1].playedAtMs + plays[i - 1].msPlayed);
    expect(overlaps).toEqual([]);
    const spanDays = (plays[plays.length - 1].playedAtMs - plays[0].playedAtMs) / DAY_MS;
    const listenedMs = plays.reduce((sum, p) => sum + p.msPlayed, 0);
    expect(listenedMs / spanDays).toBeLessThan(MAX_LISTENING_MS_PER_DAY);
    expect(spanDays).toBeGreaterThan(20);
  });
});
